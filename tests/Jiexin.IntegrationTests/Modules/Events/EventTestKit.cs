using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events;

/// <summary>Shared steps of the event tests: a point in a demo grid, reporting, acting, reading JSON.</summary>
public sealed class EventTestKit(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A point inside the demo grid with the given code (the mean of a convex polygon's vertices).</summary>
    public async Task<(double Lat, double Lng, Guid GridId)> PointInGridAsync(string code)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => (string?)f!["properties"]!["code"] == code)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng), Guid.Parse((string)feature["id"]!));
    }

    public async Task<JsonElement> ReportAsync(HttpClient client, string description, (double Lat, double Lng, Guid _) at)
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description, latitude = at.Lat, longitude = at.Lng }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        return client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<Guid> DepartmentAsync(string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!.Id));

    /// <summary>An event reported in XC-01 and dispatched to the department with the given short name.</summary>
    public async Task<JsonElement> DispatchedToAsync(string shortName, string description)
    {
        using var commander = await app.ClientAsAsync("commander");
        var e = await ReportAsync(commander, description, await PointInGridAsync("XC-01"));
        return await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = await DepartmentAsync(shortName) }));
    }
}
