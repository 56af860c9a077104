using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Territory.Communities;

/// <summary>
/// Test data for the territory screens: unique names, and polygons in a test area (around 31.60 N, 120.10 E)
/// far from the demo grids, each test in a square of its own so tests of one class never overlap each other.
/// </summary>
public static class TerritoryTestData
{
    private static int _area;

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The south-west corner of a fresh 0.04° × 0.04° test area nobody else uses.</summary>
    public static (double Lng, double Lat) NextArea()
    {
        var n = Interlocked.Increment(ref _area);
        return (120.10 + (n % 40) * 0.05, 31.60 + (n / 40) * 0.05);
    }

    /// <summary>A street must exist before communities can be added (the demo seed brings one; an empty install may not).</summary>
    public static Task EnsureStreetAsync(JiexinApp app) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<JiexinDbContext>();
        if (!await db.Set<Street>().AnyAsync())
        {
            db.Add(new Street { Id = Guid.NewGuid(), Name = "测试街道", Code = "320282000" });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another test added it first.
            }

            await sp.GetRequiredService<TerritoryDirectory>().ReloadAsync();
        }

        return true;
    });

    public sealed record CommunityDto(Guid Id, string Name, string Code, string Kind, int SortOrder, int GridCount, int Version);

    public static async Task<CommunityDto> CreateCommunityAsync(JiexinApp app, HttpClient editor, string? name = null, string kind = "Community")
    {
        await EnsureStreetAsync(app);
        var response = await editor.PostAsJsonAsync("/api/v1/territory/communities",
            new { name = name ?? Unique("测试社区"), code = "", kind, sortOrder = 0 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommunityDto>(TestContext.Current.CancellationToken))!;
    }

    /// <summary>An axis-aligned square ring, counter-clockwise, closed.</summary>
    public static double[][] Square(double lng, double lat, double size) =>
    [
        [lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat],
    ];

    public static JsonObject Feature(string? name, string? community, double[][] ring, string? code = null, string geometryType = "Polygon")
    {
        var properties = new JsonObject();
        if (name is not null)
        {
            properties["name"] = name;
        }

        if (community is not null)
        {
            properties["community"] = community;
        }

        if (code is not null)
        {
            properties["code"] = code;
        }

        var rings = new JsonArray(ToJson(ring));
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties,
            ["geometry"] = new JsonObject { ["type"] = geometryType, ["coordinates"] = rings },
        };
    }

    public static string Collection(params JsonObject[] features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) }.ToJsonString();

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, string geoJson) =>
        client.PostAsync("/api/v1/territory/grids/import",
            new StringContent(geoJson, System.Text.Encoding.UTF8, "application/geo+json"), TestContext.Current.CancellationToken);

    public sealed record ImportError(int? Feature, string? Name, string Message);

    public static async Task<List<ImportError>> ReadErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("errors").Deserialize<List<ImportError>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>The grids of one community, straight from the database.</summary>
    public static Task<List<Grid>> GridsOfAsync(JiexinApp app, Guid communityId) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<JiexinDbContext>().Set<Grid>().AsNoTracking().Where(g => g.CommunityId == communityId).OrderBy(g => g.Code).ToListAsync());

    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }

    /// <summary>The message of one field of a validation problem (400).</summary>
    public static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("errors").GetProperty(field)[0].GetString() ?? "";
    }

    private static JsonArray ToJson(double[][] ring) =>
        new([.. ring.Select(p => (JsonNode)new JsonArray(JsonValue.Create(p[0]), JsonValue.Create(p[1])))]);

    /// <summary>A coordinate as the import messages print it.</summary>
    public static string F(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);
}
