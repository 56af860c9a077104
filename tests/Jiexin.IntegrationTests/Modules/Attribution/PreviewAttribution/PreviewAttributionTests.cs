using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.PreviewAttribution;

/// <summary>POST /api/v1/attribution/preview and the staff page: category, words, grid, department and why.</summary>
public abstract class PreviewAttributionTests(JiexinApp app)
{
    private static async Task<JsonElement> PreviewAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync("/api/v1/attribution/preview", body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Preview_AsCommander_AtAPointInADemoGrid_GivesCategoryGridDepartmentAndWhy()
    {
        using var client = await app.ClientAsAsync("commander");
        var grid = (await DemoGrid.AllAsync(client)).First(g => g.CommunityName == "新庄社区");

        var result = await PreviewAsync(client, new { text = "小区门口的路灯坏了好几天，晚上黑灯瞎火", latitude = grid.Inside.Y, longitude = grid.Inside.X });

        var top = result.GetProperty("candidates")[0];
        Assert.Equal("0201", top.GetProperty("code").GetString());
        Assert.Equal("市政设施", top.GetProperty("categoryName").GetString());
        Assert.Equal("路灯不亮", top.GetProperty("subcategoryName").GetString());
        Assert.Equal("城乡建设", top.GetProperty("label").GetString());
        Assert.InRange(top.GetProperty("probability").GetDouble(), 0.6, 1);
        Assert.True(result.GetProperty("isConfident").GetBoolean());
        Assert.Equal(0.6, result.GetProperty("threshold").GetDouble());
        Assert.StartsWith("first-level", result.GetProperty("model").GetString()); // the shipped model, with the phrases
        Assert.Contains("路灯坏了", result.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(result.GetProperty("words").EnumerateArray().Select(w => w.GetString()), top.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.All(result.GetProperty("candidates").EnumerateArray().Take(3), c => Assert.NotEqual(0, c.GetProperty("words").GetArrayLength()));

        Assert.Equal("城管", result.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("城市管理中队（综合行政执法）", result.GetProperty("department").GetProperty("name").GetString());
        Assert.Equal("按默认: 小类 路灯不亮 → 城管", result.GetProperty("routingReason").GetString());
        Assert.Equal("CategoryDefault", result.GetProperty("routingSource").GetString());

        var located = result.GetProperty("grid");
        Assert.Equal(grid.Id, located.GetProperty("gridId").GetGuid());
        Assert.Equal(grid.CommunityId, located.GetProperty("communityId").GetGuid());
        Assert.Equal("Inside", located.GetProperty("match").GetString());
        Assert.Equal($"位置在 {grid.CommunityName} {grid.Name} 内", result.GetProperty("placeReason").GetString());
    }

    [Fact]
    public async Task Preview_PropertyComplaint_GoesToTheCommunitysPropertyCompany_ElsewhereTo住建()
    {
        using var client = await app.ClientAsAsync("admin");
        var grids = await DemoGrid.AllAsync(client);
        var jinghu = grids.First(g => g.CommunityName == "景湖社区");
        var xinzhuang = grids.First(g => g.CommunityName == "新庄社区");
        const string text = "物业不作为，物业费照收，小区管理一团糟";

        var inJinghu = await PreviewAsync(client, new { text, latitude = jinghu.Inside.Y, longitude = jinghu.Inside.X });
        var inXinzhuang = await PreviewAsync(client, new { text, latitude = xinzhuang.Inside.Y, longitude = xinzhuang.Inside.X });

        Assert.Equal("0503", inJinghu.GetProperty("candidates")[0].GetProperty("code").GetString());
        Assert.Equal("景湖物业", inJinghu.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("CommunityRule", inJinghu.GetProperty("routingSource").GetString());
        Assert.Equal("按规则: 小类 物业服务 · 景湖社区 → 景湖物业", inJinghu.GetProperty("routingReason").GetString());
        Assert.Equal("住建", inXinzhuang.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("CategoryDefault", inXinzhuang.GetProperty("routingSource").GetString());
    }

    [Fact]
    public async Task Preview_AGridRule_BeatsTheCommunityRule_ForThatGridOnly()
    {
        using var client = await app.ClientAsAsync("commander");
        var jinghu = (await DemoGrid.AllAsync(client)).Where(g => g.CommunityName == "景湖社区").ToList();
        Assert.True(jinghu.Count >= 2);
        var (ruled, neighbour) = (jinghu[^1], jinghu[^2]);
        await app.WithScopeAsync(async sp =>
        {
            var housing = sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("住建")!;
            var db = sp.GetRequiredService<JiexinDbContext>();
            db.Add(new RoutingRule { Id = Guid.NewGuid(), CategoryCode = "0502", GridId = ruled.Id, DepartmentId = housing.Id, Note = "测试：该网格漏水由住建处理" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await sp.GetRequiredService<AttributionCatalog>().ReloadAsync(TestContext.Current.CancellationToken);
            return true;
        });
        const string text = "楼上漏水，天花板一直渗水";

        var inRuled = await PreviewAsync(client, new { text, latitude = ruled.Inside.Y, longitude = ruled.Inside.X });
        var inNeighbour = await PreviewAsync(client, new { text, latitude = neighbour.Inside.Y, longitude = neighbour.Inside.X });

        Assert.Equal("0502", inRuled.GetProperty("candidates")[0].GetProperty("code").GetString());
        Assert.Equal("住建", inRuled.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("GridRule", inRuled.GetProperty("routingSource").GetString());
        Assert.Equal($"按规则: 小类 房屋漏水 · 景湖社区 {ruled.Name} → 住建", inRuled.GetProperty("routingReason").GetString());
        Assert.Equal("景湖物业", inNeighbour.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal("CommunityRule", inNeighbour.GetProperty("routingSource").GetString());
    }

    [Fact]
    public async Task Preview_WithoutAPlace_OrOutsideTheStreet_RoutesStreetWide()
    {
        using var client = await app.ClientAsAsync("commander");

        var nowhere = await PreviewAsync(client, new { text = "老板拖欠工资三个月" });
        var faraway = await PreviewAsync(client, new { text = "老板拖欠工资三个月", latitude = 39.9, longitude = 116.4 });

        Assert.Equal("0801", nowhere.GetProperty("candidates")[0].GetProperty("code").GetString());
        Assert.Equal("人社", nowhere.GetProperty("department").GetProperty("shortName").GetString());
        Assert.Equal(JsonValueKind.Null, nowhere.GetProperty("grid").ValueKind);
        Assert.Equal("未提供位置，按全街道的规则派单", nowhere.GetProperty("placeReason").GetString());
        Assert.Equal(JsonValueKind.Null, faraway.GetProperty("grid").ValueKind);
        Assert.Contains("不在本街道的任何网格内", faraway.GetProperty("placeReason").GetString());
        Assert.Equal("人社", faraway.GetProperty("department").GetProperty("shortName").GetString());
    }

    [Fact]
    public async Task Preview_UnrecognisedText_Is其他_ForHumanTriage()
    {
        using var client = await app.ClientAsAsync("commander");

        var result = await PreviewAsync(client, new { text = "😀😀😀 今天天气不错" });

        var only = Assert.Single(result.GetProperty("candidates").EnumerateArray());
        Assert.Equal("其他", only.GetProperty("subcategoryName").GetString());
        Assert.Equal(0, only.GetProperty("probability").GetDouble());
        Assert.False(result.GetProperty("isConfident").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("department").ValueKind);
        Assert.Equal("None", result.GetProperty("routingSource").GetString());
    }

    [Theory]
    [InlineData("grid01")]
    [InlineData("resident01")]
    [InlineData("dept-cg")]
    public async Task Preview_OtherRoles_Are403(string userName)
    {
        using var client = await app.ClientAsAsync(userName);

        var response = await client.PostAsJsonAsync("/api/v1/attribution/preview", new { text = "路灯坏了" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Preview_WithoutToken_Is401()
    {
        using var client = app.Anonymous();

        var response = await client.PostAsJsonAsync("/api/v1/attribution/preview", new { text = "路灯坏了" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Preview_EmptyText_Is400NamingTheField(string? text)
    {
        using var client = await app.ClientAsAsync("commander");

        var problem = await PreviewAsync(client, new { text }, HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("提交的数据有误", problem.GetProperty("title").GetString());
        Assert.Equal("请填写反映的内容。", problem.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task Preview_BadPlaceOrOverlongText_Is400NamingTheField()
    {
        using var client = await app.ClientAsAsync("commander");

        var halfPlace = await PreviewAsync(client, new { text = "路灯坏了", latitude = 31.43 }, HttpStatusCode.BadRequest);
        var impossible = await PreviewAsync(client, new { text = "路灯坏了", latitude = 91.0, longitude = 119.8 }, HttpStatusCode.BadRequest);
        var overlong = await PreviewAsync(client, new { text = new string('路', 5001) }, HttpStatusCode.BadRequest);
        var notJson = await client.PostAsync("/api/v1/attribution/preview", new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.True(halfPlace.GetProperty("errors").TryGetProperty("longitude", out _));
        Assert.True(impossible.GetProperty("errors").TryGetProperty("latitude", out _));
        Assert.Contains("5000", overlong.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PreviewPage_ForTheCommander_Renders_ForAGridWorker_IsRefused()
    {
        using var commander = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await commander.LoginAsync("commander", JiexinApp.DemoPassword)).StatusCode);
        var html = await commander.GetHtmlAsync("/attribution/preview");
        Assert.Contains("归属试算", html);
        Assert.Contains("反映内容", html);

        using var gridWorker = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await gridWorker.LoginAsync("grid01", JiexinApp.DemoPassword)).StatusCode);
        var refused = await gridWorker.Client.GetAsync("/attribution/preview", TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/denied?", PageSession.RedirectTarget(refused));
    }
}

public sealed class PreviewAttributionTests_Sqlite(SqliteApp app) : PreviewAttributionTests(app), IClassFixture<SqliteApp>;

public sealed class PreviewAttributionTests_Postgres(PostgresApp app) : PreviewAttributionTests(app), IClassFixture<PostgresApp>;
