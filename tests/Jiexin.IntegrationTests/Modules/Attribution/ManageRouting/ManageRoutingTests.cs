using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.ManageRouting;

/// <summary>/api/v1/attribution/routing-rules: Admin edits rules; preview and intake follow them at once.</summary>
public abstract class ManageRoutingTests(JiexinApp app)
{
    private const string StreetLight = "小区门口的路灯坏了好几天，晚上黑灯瞎火";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<Guid> DepartmentAsync(string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!.Id));

    private static async Task<JsonElement> PreviewAsync(HttpClient client, string text, DemoGrid grid) =>
        await JsonAsync(await client.PostAsJsonAsync("/api/v1/attribution/preview", new { text, latitude = grid.Inside.Y, longitude = grid.Inside.X }, Ct), HttpStatusCode.OK);

    [Fact]
    public async Task AdminAddsAGridRule_PreviewAndIntakeRouteByIt_DisablingItRestoresTheDefault()
    {
        using var admin = await app.ClientAsAsync("admin");
        var grid = (await DemoGrid.AllAsync(admin)).Where(g => g.CommunityName == "新庄社区").Skip(1).First();
        var zhujian = await DepartmentAsync("住建");
        var before = await PreviewAsync(admin, StreetLight, grid);
        Assert.Equal("城管", before.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("rule").ValueKind);

        var rule = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules",
            new { categoryCode = "0201", gridId = grid.Id, departmentId = zhujian, priority = 5, note = "测试：本网格路灯归住建" }, Ct), HttpStatusCode.Created);
        var ruleId = rule.GetProperty("id").GetGuid();
        Assert.Equal("网格", rule.GetProperty("scope").GetString());
        Assert.Equal(grid.Name, rule.GetProperty("gridName").GetString());

        var after = await PreviewAsync(admin, StreetLight, grid);
        Assert.Equal("住建", after.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("GridRule", after.GetProperty("routingSource").GetString());
        Assert.Equal(ruleId, after.GetProperty("rule").GetProperty("id").GetGuid());
        Assert.Equal("网格", after.GetProperty("rule").GetProperty("scope").GetString());

        // Intake (a resident's report at that point) is routed by the new rule too.
        using var resident = await app.ClientAsAsync("resident01");
        var reported = await JsonAsync(await resident.PostAsJsonAsync("/api/v1/events",
            new { description = StreetLight + " 路灯编号 R" + Guid.NewGuid().ToString("N")[..6], latitude = grid.Inside.Y, longitude = grid.Inside.X }, Ct), HttpStatusCode.Created);
        var eventId = reported.GetProperty("id").GetGuid();
        var suggested = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(e => e.Id == eventId).Select(e => e.SuggestedDepartmentId).SingleAsync(Ct));
        Assert.Equal(zhujian, suggested);

        // Another grid of the street is not affected.
        var elsewhere = (await DemoGrid.AllAsync(admin)).First(g => g.CommunityName != "新庄社区");
        Assert.Equal("城管", (await PreviewAsync(admin, StreetLight, elsewhere)).GetProperty("department").GetProperty("shortName").GetString());

        // Disabled: back to the 小类's default department.
        var disabled = await JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attribution/routing-rules/{ruleId}",
            new { categoryCode = "0201", gridId = grid.Id, departmentId = zhujian, priority = 5, enabled = false, version = rule.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.OK);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        var restored = await PreviewAsync(admin, StreetLight, grid);
        Assert.Equal("城管", restored.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("CategoryDefault", restored.GetProperty("routingSource").GetString());
    }

    [Fact]
    public async Task NonAdmins_AreForbidden()
    {
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");

        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync("/api/v1/attribution/routing-rules", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsJsonAsync("/api/v1/attribution/routing-rules", new { categoryCode = "0201" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/v1/attribution/taxonomy", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsync("/api/v1/attribution/model/retrain", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/attribution/routing-rules", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("9999", true, 0, "categoryCode")]
    [InlineData("", true, 0, "categoryCode")]
    [InlineData("0201", false, 0, "departmentId")]
    [InlineData("0201", true, 5000, "priority")]
    public async Task BadInput_Is400WithTheField(string categoryCode, bool withDepartment, int priority, string field)
    {
        using var admin = await app.ClientAsAsync("admin");
        var department = withDepartment ? await DepartmentAsync("住建") : (Guid?)null;

        var problem = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules",
            new { categoryCode, departmentId = department, priority }, Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);
    }

    [Fact]
    public async Task AGridThatIsNotInTheCommunity_OrAnUnknownDepartment_Is400()
    {
        using var admin = await app.ClientAsAsync("admin");
        var grids = await DemoGrid.AllAsync(admin);
        var grid = grids.First(g => g.CommunityName == "新庄社区");
        var otherCommunity = grids.First(g => g.CommunityName != "新庄社区").CommunityId;

        var wrongPlace = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules",
            new { categoryCode = "0201", communityId = otherCommunity, gridId = grid.Id, departmentId = await DepartmentAsync("住建") }, Ct), HttpStatusCode.BadRequest);
        var unknownDepartment = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules",
            new { categoryCode = "0201", departmentId = Guid.NewGuid() }, Ct), HttpStatusCode.BadRequest);

        Assert.True(wrongPlace.GetProperty("errors").TryGetProperty("gridId", out _));
        Assert.True(unknownDepartment.GetProperty("errors").TryGetProperty("departmentId", out _));
    }

    [Fact]
    public async Task TwoAdminsEditingTheSameVersion_TheSecondGets409_AndDeleteNeedsTheCurrentVersion()
    {
        using var admin = await app.ClientAsAsync("admin");
        var community = (await DemoGrid.AllAsync(admin)).First(g => g.CommunityName == "新庄社区").CommunityId;
        var body = new { categoryCode = "0102", communityId = community, departmentId = await DepartmentAsync("住建"), priority = 7 };
        var rule = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules", body, Ct), HttpStatusCode.Created);
        var id = rule.GetProperty("id").GetGuid();
        var version = rule.GetProperty("version").GetInt32();

        var first = await admin.PutAsJsonAsync($"/api/v1/attribution/routing-rules/{id}", new { body.categoryCode, body.communityId, body.departmentId, priority = 8, version }, Ct);
        var second = await admin.PutAsJsonAsync($"/api/v1/attribution/routing-rules/{id}", new { body.categoryCode, body.communityId, body.departmentId, priority = 9, version }, Ct);

        var saved = await JsonAsync(first, HttpStatusCode.OK);
        await JsonAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(8, saved.GetProperty("priority").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/attribution/routing-rules/{id}?version={version}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/attribution/routing-rules/{id}?version={saved.GetProperty("version").GetInt32()}", Ct)).StatusCode);
        var list = await JsonAsync(await admin.GetAsync("/api/v1/attribution/routing-rules?categoryCode=0102", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task TheSameCategoryPlaceAndPriority_Twice_IsRefused()
    {
        using var admin = await app.ClientAsAsync("admin");
        var body = new { categoryCode = "0301", departmentId = await DepartmentAsync("住建"), priority = 3 };
        await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules", body, Ct), HttpStatusCode.Created);

        var problem = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/routing-rules", body, Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _));
    }

    [Fact]
    public async Task TheList_ShowsTheDemoRules_WithNames_AndFiltersByCommunity()
    {
        using var admin = await app.ClientAsAsync("admin");
        var jinghu = (await DemoGrid.AllAsync(admin)).First(g => g.CommunityName == "景湖社区").CommunityId;

        var list = await JsonAsync(await admin.GetAsync($"/api/v1/attribution/routing-rules?communityId={jinghu}", Ct), HttpStatusCode.OK);

        Assert.NotEmpty(list.EnumerateArray());
        Assert.All(list.EnumerateArray(), r => Assert.Equal("景湖社区", r.GetProperty("communityName").GetString()));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("categoryCode").GetString() == "0503" && r.GetProperty("departmentShortName").GetString() == "景湖物业");
    }
}

public sealed class ManageRoutingTests_Sqlite(SqliteApp app) : ManageRoutingTests(app), IClassFixture<SqliteApp>;

public sealed class ManageRoutingTests_Postgres(PostgresApp app) : ManageRoutingTests(app), IClassFixture<PostgresApp>;
