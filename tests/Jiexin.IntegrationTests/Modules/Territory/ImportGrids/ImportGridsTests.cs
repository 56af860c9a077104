using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Grids;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Territory.Communities.TerritoryTestData;

namespace Jiexin.IntegrationTests.Modules.Territory.ImportGrids;

/// <summary><c>POST /api/v1/territory/grids/import</c>: all or nothing, every problem reported.</summary>
public abstract class ImportGridsTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_ValidCollection_CreatesGrids_AndSecondImportWithSameCodesUpdates()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        var codeA = Unique("A");
        var codeB = Unique("B");

        var first = await ImportAsync(commander, Collection(
            Feature("第一网格", community.Name, Square(lng, lat, 0.01), codeA),
            Feature("第二网格", community.Name, Square(lng + 0.01, lat, 0.01), codeB)));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<Summary>(Ct);
        Assert.Equal(new Summary(2, 0), created);

        var grids = await GridsOfAsync(app, community.Id);
        Assert.Equal([codeA, codeB], grids.Select(g => g.Code).Order().ToArray());
        Assert.All(grids, g => Assert.NotNull(GridGeometry.TryRead(g.BoundaryGeoJson)));
        // About 1.06 km² for 0.01° × 0.01° at 31.6 N.
        var area = GridGeometry.SquareKilometres(GridGeometry.TryRead(grids[0].BoundaryGeoJson)!);
        Assert.InRange(area, 1.0, 1.1);
        // The directory (and so the spatial index) has been reloaded.
        Assert.NotNull(await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<TerritoryDirectory>().FindGrid(grids[0].Id))));

        var second = await ImportAsync(commander, Collection(
            Feature("第一网格（新名）", community.Name, Square(lng, lat, 0.012), codeA),
            Feature("第二网格（新名）", community.Name, Square(lng + 0.012, lat, 0.008), codeB)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(new Summary(0, 2), await second.Content.ReadFromJsonAsync<Summary>(Ct));

        var after = await GridsOfAsync(app, community.Id);
        Assert.Equal(2, after.Count);
        Assert.Equal(grids.Select(g => g.Id).Order(), after.Select(g => g.Id).Order());
        Assert.Equal("第一网格（新名）", after.Single(g => g.Code == codeA).Name);
        Assert.InRange(GridGeometry.SquareKilometres(GridGeometry.TryRead(after.Single(g => g.Code == codeA).BoundaryGeoJson)!), 1.4, 1.6);
    }

    [Fact]
    public async Task Import_WithoutCode_ReplacesTheGridOfTheSameNameInTheCommunity()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(Feature("老街网格", community.Name, Square(lng, lat, 0.01))))).StatusCode);

        var again = await ImportAsync(commander, Collection(Feature("老街网格", community.Name, Square(lng, lat, 0.02))));

        Assert.Equal(new Summary(0, 1), await again.Content.ReadFromJsonAsync<Summary>(Ct));
        Assert.Single(await GridsOfAsync(app, community.Id));
    }

    [Fact]
    public async Task Import_SelfIntersectingPolygon_Returns400NamingThatFeature_AndSavesNothing()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        double[][] bowtie = [[lng + 0.02, lat], [lng + 0.03, lat + 0.01], [lng + 0.03, lat], [lng + 0.02, lat + 0.01], [lng + 0.02, lat]];

        var response = await ImportAsync(commander, Collection(
            Feature("好网格", community.Name, Square(lng, lat, 0.01), Unique("G")),
            Feature("蝴蝶结网格", community.Name, bowtie, Unique("X"))));

        var errors = await ReadErrorsAsync(response);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Feature);
        Assert.Equal("蝴蝶结网格", error.Name);
        Assert.Contains("自相交", error.Message);
        Assert.Contains(F(lng + 0.025), error.Message); // where the edges cross
        Assert.Empty(await GridsOfAsync(app, community.Id)); // the valid feature was not saved either
    }

    [Fact]
    public async Task Import_OverlappingFeatures_Returns400NamingBoth()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();

        var response = await ImportAsync(commander, Collection(
            Feature("东区", community.Name, Square(lng, lat, 0.01)),
            Feature("西区", community.Name, Square(lng + 0.005, lat, 0.01))));

        var errors = await ReadErrorsAsync(response);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Feature == 1 && e.Name == "东区" && e.Message.Contains("第 2 个要素「西区」重叠"));
        Assert.Contains(errors, e => e.Feature == 2 && e.Name == "西区" && e.Message.Contains("第 1 个要素「东区」重叠"));
        Assert.Empty(await GridsOfAsync(app, community.Id));
    }

    [Fact]
    public async Task Import_OverlappingAnExistingGridThatIsNotReplaced_Returns400()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(Feature("已有网格", community.Name, Square(lng, lat, 0.01), Unique("E"))))).StatusCode);

        var response = await ImportAsync(commander, Collection(Feature("新网格", community.Name, Square(lng + 0.005, lat + 0.005, 0.01), Unique("N"))));

        var error = Assert.Single(await ReadErrorsAsync(response));
        Assert.Contains($"已有网格「{community.Name} · 已有网格」重叠", error.Message);
        Assert.Single(await GridsOfAsync(app, community.Id));
    }

    [Fact]
    public async Task Import_UnknownCommunity_Returns400_AndSavesNothing()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        var missing = Unique("不存在的社区");

        var response = await ImportAsync(commander, Collection(
            Feature("甲", community.Name, Square(lng, lat, 0.01)),
            Feature("乙", missing, Square(lng + 0.01, lat, 0.01))));

        var error = Assert.Single(await ReadErrorsAsync(response));
        Assert.Equal((int?)2, error.Feature);
        Assert.Contains($"村社区「{missing}」不存在", error.Message);
        Assert.Empty(await GridsOfAsync(app, community.Id));
    }

    [Theory]
    [InlineData("""{"type":"Feature","properties":{},"geometry":null}""", "FeatureCollection")]
    [InlineData("""[1, 2, 3]""", "FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[""", "不是有效的 JSON")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "没有任何要素")]
    public async Task Import_NotAFeatureCollection_Returns400WithOneFileLevelError(string body, string expected)
    {
        using var commander = await app.ClientAsAsync("commander");

        var error = Assert.Single(await ReadErrorsAsync(await ImportAsync(commander, body)));

        Assert.Null(error.Feature);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Import_CollectsEveryError_NotJustTheFirst()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        double[][] open = [[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.01]];

        var response = await ImportAsync(commander, Collection(
            Feature(null, community.Name, Square(lng + 0.02, lat, 0.01)),
            Feature("未闭合", community.Name, open),
            Feature("点", community.Name, Square(lng, lat + 0.02, 0.01), geometryType: "LineString"),
            Feature("越界", community.Name, Square(200, lat, 0.01))));

        var errors = await ReadErrorsAsync(response);
        Assert.Contains(errors, e => e.Feature == 1 && e.Message.Contains("缺少网格名称"));
        Assert.Contains(errors, e => e.Feature == 2 && e.Name == "未闭合" && e.Message.Contains("未闭合"));
        Assert.Contains(errors, e => e.Feature == 3 && e.Message.Contains("LineString"));
        Assert.Contains(errors, e => e.Feature == 4 && e.Message.Contains("超出范围"));
    }

    [Fact]
    public async Task Import_LargerThanTenMegabytes_Returns413WithAClearMessage()
    {
        using var commander = await app.ClientAsAsync("commander");
        var body = """{"type":"FeatureCollection","features":[],"padding":" """ + new string('x', 10 * 1024 * 1024) + "\"}";

        var response = await ImportAsync(commander, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("10 MB", await ProblemDetailAsync(response));
    }

    [Fact]
    public async Task GridWorker_IsForbidden_ToImport()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        using var gridWorker = await app.ClientAsAsync("grid01");
        var (lng, lat) = NextArea();

        var response = await ImportAsync(gridWorker, Collection(Feature("越权网格", community.Name, Square(lng, lat, 0.01))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await GridsOfAsync(app, community.Id));
    }

    private sealed record Summary(int Created, int Updated);
}

public sealed class ImportGridsTests_Sqlite(SqliteApp app) : ImportGridsTests(app), IClassFixture<SqliteApp>;

public sealed class ImportGridsTests_Postgres(PostgresApp app) : ImportGridsTests(app), IClassFixture<PostgresApp>;
