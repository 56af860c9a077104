using System.Globalization;
using System.Net;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Locate;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Jiexin.IntegrationTests.Modules.Territory.Locate;

public abstract class LocateGridTests(JiexinApp app)
{
    [Fact]
    public async Task Locate_AtAnInteriorPointOfEveryDemoGrid_NamesThatGrid()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await app.ClientAsAsync("commander");
        var grids = await GridsAsync(client);
        Assert.InRange(grids.Count, 36, 44);

        foreach (var grid in grids)
        {
            var point = grid.Boundary.InteriorPoint;

            using var json = await LocateAsync(client, point.Y, point.X, HttpStatusCode.OK);

            var root = json.RootElement;
            Assert.Equal(grid.Id, root.GetProperty("gridId").GetString());
            Assert.Equal(grid.Name, root.GetProperty("gridName").GetString());
            Assert.Equal(grid.CommunityId, root.GetProperty("communityId").GetString());
            Assert.Equal(grid.CommunityName, root.GetProperty("communityName").GetString());
            Assert.Equal("Inside", root.GetProperty("match").GetString());
            Assert.Equal(0, root.GetProperty("distanceMeters").GetDouble());
        }
    }

    [Fact]
    public async Task Locate_50MetresOutsideTheStreet_GivesTheNearestGrid()
    {
        using var client = await app.ClientAsAsync("grid01");
        var grids = await GridsAsync(client);

        // Edges on the street line belong to one grid only (inside edges are shared by two, reversed). Take the
        // longest, and go 50 m outwards at right angles from its middle: the street is convex, so that grid is the
        // nearest, 50 m away. Shells are counter-clockwise (RFC 7946): outwards is to the right of the edge.
        var edges = grids.SelectMany(g => ShellEdges(g.Boundary).Select(e => (Grid: g, e.A, e.B))).ToList();
        var inner = edges.Select(e => (e.A, e.B)).ToHashSet();
        var (owner, a, b) = edges.Where(e => !inner.Contains((e.B, e.A))).MaxBy(e => e.A.Distance(e.B));
        var scale = LocalScale.At((a.Y + b.Y) / 2);
        var dx = (b.X - a.X) * scale.MetersPerDegreeLongitude;
        var dy = (b.Y - a.Y) * scale.MetersPerDegreeLatitude;
        var length = Math.Sqrt(dx * dx + dy * dy);
        Assert.True(length > 300, "the longest stretch of street line is long enough to stand 50 m off its middle");
        var lng = (a.X + b.X) / 2 + dy / length * 50 / scale.MetersPerDegreeLongitude;
        var lat = (a.Y + b.Y) / 2 - dx / length * 50 / scale.MetersPerDegreeLatitude;
        var point = owner.Boundary.Factory.CreatePoint(new Coordinate(lng, lat));
        Assert.DoesNotContain(grids, g => g.Boundary.Covers(point));

        using var json = await LocateAsync(client, lat, lng, HttpStatusCode.OK);

        Assert.Equal(owner.Id, json.RootElement.GetProperty("gridId").GetString());
        Assert.Equal(owner.CommunityName, json.RootElement.GetProperty("communityName").GetString());
        Assert.Equal("Nearest", json.RootElement.GetProperty("match").GetString());
        Assert.InRange(json.RootElement.GetProperty("distanceMeters").GetDouble(), 49, 51);
    }

    [Fact]
    public async Task Locate_5KilometresAway_Is404Problem()
    {
        using var client = await app.ClientAsAsync("resident01");
        var grids = await GridsAsync(client);
        var north = grids.Max(g => g.Boundary.EnvelopeInternal.MaxY);

        using var json = await LocateAsync(client, north + 5_000 / LocalScale.At(north).MetersPerDegreeLatitude, 119.80, HttpStatusCode.NotFound);

        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("不在本街道的任何网格内", json.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("lat=91&lng=119.8", "lat")]
    [InlineData("lat=-90.01&lng=119.8", "lat")]
    [InlineData("lat=31.43&lng=180.5", "lng")]
    [InlineData("lat=31.43&lng=abc", "lng")]
    [InlineData("lat=NaN&lng=119.8", "lat")]
    [InlineData("lat=31.43&lng=Infinity", "lng")]
    [InlineData("lat=1e400&lng=119.8", "lat")]
    [InlineData("lat=31,43&lng=119.8", "lat")]
    [InlineData("lng=119.8", "lat")]
    [InlineData("lat=31.43", "lng")]
    [InlineData("lat=&lng=119.8", "lat")]
    public async Task Locate_ImpossibleOrMissingCoordinates_Is400NamingTheField(string query, string field)
    {
        using var client = await app.ClientAsAsync("commander");

        var response = await client.GetAsync("/api/v1/territory/locate?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var errors = json.RootElement.GetProperty("errors");
        var message = Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString();
        Assert.Contains(field, message);
        Assert.Single(errors.EnumerateObject());
    }

    [Fact]
    public async Task Locate_WithNeitherCoordinate_NamesBothFields()
    {
        using var client = await app.ClientAsAsync("commander");

        var response = await client.GetAsync("/api/v1/territory/locate", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["lat", "lng"], json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Locate_WithoutToken_Is401()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/api/v1/territory/locate?lat=31.43&lng=119.80", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonDocument> LocateAsync(HttpClient client, double lat, double lng, HttpStatusCode expected)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/api/v1/territory/locate?lat={lat:R}&lng={lng:R}");
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private sealed record GridFeature(string Id, string Name, string CommunityId, string CommunityName, Geometry Boundary);

    /// <summary>The demo grids as the grids endpoint serves them.</summary>
    private static async Task<List<GridFeature>> GridsAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/territory/grids", TestContext.Current.CancellationToken));
        return
        [
            .. json.RootElement.GetProperty("features").EnumerateArray().Select(f =>
            {
                var p = f.GetProperty("properties");
                return new GridFeature(
                    f.GetProperty("id").GetString()!,
                    p.GetProperty("name").GetString()!,
                    p.GetProperty("communityId").GetString()!,
                    p.GetProperty("communityName").GetString()!,
                    GridBoundary.Parse(f.GetProperty("geometry").GetRawText()));
            }),
        ];
    }

    private static IEnumerable<(Coordinate A, Coordinate B)> ShellEdges(Geometry boundary)
    {
        var polygon = Assert.IsType<Polygon>(boundary);
        Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
        var c = polygon.Shell.Coordinates;
        return Enumerable.Range(0, c.Length - 1).Select(i => (c[i], c[i + 1]));
    }
}

public sealed class LocateGridTests_Sqlite(SqliteApp app) : LocateGridTests(app), IClassFixture<SqliteApp>;

public sealed class LocateGridTests_Postgres(PostgresApp app) : LocateGridTests(app), IClassFixture<PostgresApp>;
