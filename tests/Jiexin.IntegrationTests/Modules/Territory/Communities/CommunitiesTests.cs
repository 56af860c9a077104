using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Territory.Communities.TerritoryTestData;

namespace Jiexin.IntegrationTests.Modules.Territory.Communities;

/// <summary>村社区 API: list, create, edit with optimistic concurrency, delete only when empty; editors only.</summary>
public abstract class CommunitiesTests(JiexinApp app)
{
    private const string Url = "/api/v1/territory/communities";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ThenListFilteredByKeywordAndKind_ShowsItWithItsGridCount()
    {
        using var commander = await app.ClientAsAsync("commander");
        var village = await CreateCommunityAsync(app, commander, Unique("测试村"), kind: "Village");
        var (lng, lat) = NextArea();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(
            Feature("一组", village.Name, Square(lng, lat, 0.01)),
            Feature("二组", village.Name, Square(lng + 0.01, lat, 0.01))))).StatusCode);
        using var leader = await app.ClientAsAsync("leader");

        var page = await leader.GetFromJsonAsync<PageDto>($"{Url}?keyword={Uri.EscapeDataString(village.Name)}&kind=Village", Ct);
        var none = await leader.GetFromJsonAsync<PageDto>($"{Url}?keyword={Uri.EscapeDataString(village.Name)}&kind=Community", Ct);

        var row = Assert.Single(page!.Items);
        Assert.Equal(village.Id, row.Id);
        Assert.Equal("Village", row.Kind);
        Assert.Equal(2, row.GridCount);
        Assert.Equal(1, page.Total);
        Assert.Empty(none!.Items);
    }

    [Fact]
    public async Task List_SortsAndPages()
    {
        using var commander = await app.ClientAsAsync("commander");
        var tag = Unique("排序");
        foreach (var n in new[] { "丙", "甲", "乙" })
        {
            await CreateCommunityAsync(app, commander, $"{tag}{n}");
        }

        var firstPage = await commander.GetFromJsonAsync<PageDto>($"{Url}?keyword={Uri.EscapeDataString(tag)}&sort=name&order=desc&page=1&pageSize=2", Ct);
        var secondPage = await commander.GetFromJsonAsync<PageDto>($"{Url}?keyword={Uri.EscapeDataString(tag)}&sort=name&order=desc&page=2&pageSize=2", Ct);

        Assert.Equal(3, firstPage!.Total);
        Assert.Equal(2, firstPage.Items.Count);
        Assert.Single(secondPage!.Items);
        var all = firstPage.Items.Concat(secondPage.Items).Select(i => i.Name).ToList();
        Assert.Equal(all.OrderDescending(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task Update_WithCurrentVersion_Saves_AndWithStaleVersion_Returns409InChinese()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var renamed = community.Name + "改";

        var ok = await commander.PutAsJsonAsync($"{Url}/{community.Id}", new { name = renamed, code = "C01", kind = "Community", sortOrder = 3, version = community.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await ok.Content.ReadFromJsonAsync<CommunityDto>(Ct);
        Assert.Equal(renamed, saved!.Name);
        Assert.Equal("C01", saved.Code);
        Assert.Equal(community.Version + 1, saved.Version);

        // A second editor still holding the old version.
        var stale = await commander.PutAsJsonAsync($"{Url}/{community.Id}", new { name = community.Name + "旧", kind = "Community", version = community.Version }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await ProblemDetailAsync(stale));
        var current = await commander.GetFromJsonAsync<CommunityDto>($"{Url}/{community.Id}", Ct);
        Assert.Equal(renamed, current!.Name);
    }

    [Fact]
    public async Task Create_WithoutName_OrWithADuplicateName_Returns400OnTheNameField()
    {
        using var commander = await app.ClientAsAsync("commander");
        var existing = await CreateCommunityAsync(app, commander);

        var empty = await commander.PostAsJsonAsync(Url, new { name = "  ", kind = "Community" }, Ct);
        var duplicate = await commander.PostAsJsonAsync(Url, new { name = existing.Name, kind = "Village" }, Ct);

        Assert.Equal("请填写名称", await FieldErrorAsync(empty, "name"));
        Assert.Contains("名称不能重复", await FieldErrorAsync(duplicate, "name"));
    }

    [Fact]
    public async Task Delete_WhenItHasGrids_Returns409WithAMessage_AndWhenEmpty_Deletes()
    {
        using var commander = await app.ClientAsAsync("commander");
        var withGrids = await CreateCommunityAsync(app, commander);
        var empty = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(Feature("网格甲", withGrids.Name, Square(lng, lat, 0.01))))).StatusCode);

        var refused = await commander.DeleteAsync($"{Url}/{withGrids.Id}", Ct);
        var deleted = await commander.DeleteAsync($"{Url}/{empty.Id}?version={empty.Version}", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("还有 1 个网格", await ProblemDetailAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync($"{Url}/{withGrids.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commander.GetAsync($"{Url}/{empty.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task GridWorker_IsForbidden_ToCreate_ButStaffMayRead_AndResidentsMayNot()
    {
        await EnsureStreetAsync(app);
        using var gridWorker = await app.ClientAsAsync("grid01");
        using var resident = await app.ClientAsAsync("resident01");

        var create = await gridWorker.PostAsJsonAsync(Url, new { name = Unique("越权社区"), kind = "Community" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync(Url, Ct)).StatusCode);
    }

    private sealed record PageDto(List<CommunityDto> Items, int Total, int PageNumber, int PageSize);
}

public sealed class CommunitiesTests_Sqlite(SqliteApp app) : CommunitiesTests(app), IClassFixture<SqliteApp>;

public sealed class CommunitiesTests_Postgres(PostgresApp app) : CommunitiesTests(app), IClassFixture<PostgresApp>;
