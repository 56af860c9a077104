using System.Net;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.ListAccounts;

public abstract class ListAccountsTests(JiexinApp app)
{
    [Fact]
    public async Task List_ByKeyword_FindsUserNameOrDisplayName_CaseInsensitively()
    {
        var tag = TestAccounts.UniqueName("kw");
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street, userName: tag);

        var byName = await ListAsync($"keyword={tag.ToUpperInvariant()}");
        Assert.Equal([account.Id], Ids(byName));

        var byDisplayName = await ListAsync("keyword=测试Leader");
        Assert.Contains(account.Id, Ids(byDisplayName));
    }

    [Fact]
    public async Task List_ByRole_GivesOnlyThatRole()
    {
        var list = await ListAsync("role=Mediator&pageSize=100");
        Assert.NotEmpty(Ids(list));
        Assert.All(list.GetProperty("items").EnumerateArray(), a => Assert.Equal(Roles.Mediator, a.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task List_ByCommunity_IncludesItsGridsAccounts_ButNotAnotherCommunitys()
    {
        var units = app.Units();
        var inGrid = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        var inOther = await app.CreateAccountAsync(Roles.GridWorker, units.OtherCommunityGrid);

        var list = Ids(await ListAsync($"orgUnit={units.Community}&pageSize=100"));
        Assert.Contains(inGrid.Id, list);
        Assert.DoesNotContain(inOther.Id, list);
    }

    [Fact]
    public async Task List_ByStatus_SeparatesActiveDisabledAndLocked()
    {
        var disabled = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var admin = await app.ClientAsAsync("admin");
        await admin.PostAsync($"/api/v1/admin/accounts/{disabled.Id}/disable", null, TestContext.Current.CancellationToken);

        Assert.Contains(disabled.Id, Ids(await ListAsync("status=disabled&pageSize=100")));
        Assert.DoesNotContain(disabled.Id, Ids(await ListAsync($"status=active&keyword={disabled.UserName}")));
        Assert.DoesNotContain(disabled.Id, Ids(await ListAsync($"status=locked&keyword={disabled.UserName}")));
        var row = (await ListAsync($"keyword={disabled.UserName}")).GetProperty("items")[0];
        Assert.Equal("Disabled", row.GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_Pages_AreStableAndCounted()
    {
        var first = await ListAsync("pageSize=3&page=1");
        var second = await ListAsync("pageSize=3&page=2");
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.True(first.GetProperty("total").GetInt32() >= 9);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(2, second.GetProperty("page").GetInt32());
    }

    [Theory]
    [InlineData("role=King", "role")]
    [InlineData("orgUnit=Grid:not-a-guid", "orgUnit")]
    [InlineData("status=sleeping", "status")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task List_WithBadFilters_Is400NamingTheField(string query, string field)
    {
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.GetAsync("/api/v1/admin/accounts?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task List_ForALeader_Is403()
    {
        using var leader = await app.ClientAsAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/admin/accounts", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.GetAsync("/api/v1/admin/accounts?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];
}

public sealed class ListAccountsTests_Sqlite(AccountsSqliteApp app) : ListAccountsTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class ListAccountsTests_Postgres(AccountsPostgresApp app) : ListAccountsTests(app), IClassFixture<AccountsPostgresApp>;
