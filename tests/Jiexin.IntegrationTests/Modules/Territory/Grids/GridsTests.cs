using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Territory.Communities.TerritoryTestData;

namespace Jiexin.IntegrationTests.Modules.Territory.Grids;

/// <summary>One grid: read with its area, edit name/code/community with optimistic concurrency, delete.</summary>
public abstract class GridsTests(JiexinApp app)
{
    private const string Url = "/api/v1/territory/grids";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Edit_MovesAndRenames_StaleVersionIs409_ThenDelete()
    {
        using var commander = await app.ClientAsAsync("commander");
        var from = await CreateCommunityAsync(app, commander);
        var to = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        var code = Unique("M");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(Feature("待调整网格", from.Name, Square(lng, lat, 0.01), code)))).StatusCode);
        var id = Assert.Single(await GridsOfAsync(app, from.Id)).Id;

        var grid = await commander.GetFromJsonAsync<GridDto>($"{Url}/{id}", Ct);
        Assert.Equal((from.Name, code), (grid!.CommunityName, grid.Code));
        Assert.InRange(grid.AreaSquareKilometres, 1.0, 1.1);
        Assert.Contains("Polygon", grid.BoundaryGeoJson);

        var moved = await commander.PutAsJsonAsync($"{Url}/{id}", new { name = "调整后网格", code, communityId = to.Id, version = grid.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(("调整后网格", to.Name), await moved.Content.ReadFromJsonAsync<GridDto>(Ct) is { } m ? (m.Name, m.CommunityName) : default);
        Assert.Empty(await GridsOfAsync(app, from.Id));

        var stale = await commander.PutAsJsonAsync($"{Url}/{id}", new { name = "旧名", code, communityId = from.Id, version = grid.Version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await ProblemDetailAsync(stale));

        Assert.Equal(HttpStatusCode.NoContent, (await commander.DeleteAsync($"{Url}/{id}", Ct)).StatusCode);
        Assert.Empty(await GridsOfAsync(app, to.Id));
    }

    [Fact]
    public async Task Edit_ToANameTakenInTheCommunity_Returns400_AndGridWorkerIsForbidden()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = await CreateCommunityAsync(app, commander);
        var (lng, lat) = NextArea();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(commander, Collection(
            Feature("一网格", community.Name, Square(lng, lat, 0.01)),
            Feature("二网格", community.Name, Square(lng + 0.01, lat, 0.01))))).StatusCode);
        var second = (await GridsOfAsync(app, community.Id)).Single(g => g.Name == "二网格");
        using var gridWorker = await app.ClientAsAsync("grid01");

        var taken = await commander.PutAsJsonAsync($"{Url}/{second.Id}", new { name = "一网格", communityId = community.Id, version = second.Version }, Ct);
        var forbidden = await gridWorker.PutAsJsonAsync($"{Url}/{second.Id}", new { name = "三网格", communityId = community.Id, version = second.Version }, Ct);

        Assert.Contains("已有名为「一网格」的网格", await FieldErrorAsync(taken, "name"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.DeleteAsync($"{Url}/{second.Id}", Ct)).StatusCode);
    }

    private sealed record GridDto(Guid Id, string Name, string Code, Guid CommunityId, string CommunityName, double AreaSquareKilometres, int Version, string BoundaryGeoJson);
}

public sealed class GridsTests_Sqlite(SqliteApp app) : GridsTests(app), IClassFixture<SqliteApp>;

public sealed class GridsTests_Postgres(PostgresApp app) : GridsTests(app), IClassFixture<PostgresApp>;
