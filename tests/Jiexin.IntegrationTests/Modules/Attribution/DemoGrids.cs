using System.Text.Json;
using Jiexin.Modules.Territory.Locate;
using NetTopologySuite.Geometries;

namespace Jiexin.IntegrationTests.Modules.Attribution;

/// <summary>The demo grids as <c>GET /api/v1/territory/grids</c> serves them, with a point inside each.</summary>
public sealed record DemoGrid(Guid Id, string Name, Guid CommunityId, string CommunityName, Point Inside)
{
    public static async Task<List<DemoGrid>> AllAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/territory/grids", TestContext.Current.CancellationToken));
        return
        [
            .. json.RootElement.GetProperty("features").EnumerateArray().Select(f =>
            {
                var p = f.GetProperty("properties");
                return new DemoGrid(
                    Guid.Parse(f.GetProperty("id").GetString()!),
                    p.GetProperty("name").GetString()!,
                    Guid.Parse(p.GetProperty("communityId").GetString()!),
                    p.GetProperty("communityName").GetString()!,
                    GridBoundary.Parse(f.GetProperty("geometry").GetRawText()).InteriorPoint);
            }),
        ];
    }
}
