using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiexin.Testing;

/// <summary>What tests that drive a running app over plain HTTP need from the demo subdistrict.</summary>
public static class DemoApi
{
    /// <summary>A bearer token for a demo account (<c>POST /api/v1/auth/login</c>).</summary>
    public static async Task<string> LoginAsync(HttpClient client, string userName, string password, CancellationToken ct)
    {
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, ct);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client signed in as <paramref name="userName"/> with a bearer token.</summary>
    public static async Task<HttpClient> ClientAsync(Uri address, string userName, string password, CancellationToken ct, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = address;
        client.Timeout = TimeSpan.FromSeconds(60);
        var token = await LoginAsync(client, userName, password, ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The centre of a demo grid (the first one unless named), a point a report is located in.</summary>
    public static async Task<(double Lat, double Lng)> GridCentreAsync(HttpClient staff, CancellationToken ct, Guid? gridId = null)
    {
        var grids = JsonNode.Parse(await staff.GetStringAsync("/api/v1/territory/grids", ct))!;
        var geometry = grids["features"]!.AsArray().First(f => gridId is null || Guid.Parse((string)f!["id"]!) == gridId)!["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }
}
