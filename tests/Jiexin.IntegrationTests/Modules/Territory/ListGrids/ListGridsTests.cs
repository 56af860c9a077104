using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Locate;
using Jiexin.Modules.Territory.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

namespace Jiexin.IntegrationTests.Modules.Territory.ListGrids;

public abstract class ListGridsTests(JiexinApp app)
{
    [Fact]
    public async Task Grids_ReturnsEveryDemoGridAsAFeature_WithItsNamesAndBoundary()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await app.ClientAsAsync("commander");

        var response = await client.GetAsync("/api/v1/territory/grids", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();

        var (grids, communities) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (await db.Set<Grid>().AsNoTracking().ToListAsync(ct), await db.Set<Community>().AsNoTracking().ToDictionaryAsync(c => c.Id, ct));
        });
        Assert.Equal(DemoTerritoryGeometry.Generate().Cells.Count, features.Count);
        Assert.Equal(grids.Count, features.Count);
        foreach (var grid in grids)
        {
            var feature = Assert.Single(features, f => f.GetProperty("id").GetString() == grid.Id.ToString());
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            var properties = feature.GetProperty("properties");
            Assert.Equal(grid.Name, properties.GetProperty("name").GetString());
            Assert.Equal(grid.Code, properties.GetProperty("code").GetString());
            Assert.Equal(grid.CommunityId.ToString(), properties.GetProperty("communityId").GetString());
            Assert.Equal(communities[grid.CommunityId].Name, properties.GetProperty("communityName").GetString());
            Assert.Equal($"{communities[grid.CommunityId].Name} · {grid.Name}", properties.GetProperty("label").GetString());
            var geometry = GridBoundary.Parse(feature.GetProperty("geometry").GetRawText());
            Assert.True(geometry.EqualsTopologically(GridBoundary.Parse(grid.BoundaryGeoJson)), $"{grid.Code}: the feature's geometry is not the stored boundary");
            Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(((Polygon)geometry).Shell.CoordinateSequence), "RFC 7946 shells are counter-clockwise");
        }

        // Communities in display order: the first features are 新塍社区's, from its first grid.
        Assert.Equal("新塍社区", features[0].GetProperty("properties").GetProperty("communityName").GetString());
        Assert.Equal("第1网格", features[0].GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Grids_IsOpenToResidents()
    {
        using var client = await app.ClientAsAsync("resident01");

        var response = await client.GetAsync("/api/v1/territory/grids", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Grids_WithoutToken_Is401()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/api/v1/territory/grids", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Grids_AnswersNotModified_ToItsOwnETag()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await app.ClientAsAsync("commander");
        var first = await client.GetAsync("/api/v1/territory/grids", ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/territory/grids");
        request.Headers.IfNoneMatch.Add(etag);
        var again = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(ct));

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/territory/grids");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale, ct)).StatusCode);
    }
}

public sealed class ListGridsTests_Sqlite(SqliteApp app) : ListGridsTests(app), IClassFixture<SqliteApp>;

public sealed class ListGridsTests_Postgres(PostgresApp app) : ListGridsTests(app), IClassFixture<PostgresApp>;
