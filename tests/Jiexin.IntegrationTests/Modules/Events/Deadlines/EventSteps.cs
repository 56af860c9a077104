using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events.Deadlines;

/// <summary>Reporting and acting on events over HTTP, as the deadline and notification tests need it.</summary>
internal static class EventSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(double Lat, double Lng)> PointInGridAsync(JiexinApp app, string code)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => (string?)f!["properties"]!["code"] == code)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    public static async Task<JsonElement> ReportAsync(HttpClient client, string description, (double Lat, double Lng) at)
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description, latitude = at.Lat, longitude = at.Lng }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);

    public static Task<OrgUnitSummary> DepartmentAsync(JiexinApp app, string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!));

    /// <summary>A resident's street-light report (大类 02 市政设施), dispatched by the commander to 城管.</summary>
    public static async Task<JsonElement> ReportAndDispatchAsync(JiexinApp app, string grid, string text)
    {
        var at = await PointInGridAsync(app, grid);
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        var e = await ReportAsync(resident, text, at);
        var cg = await DepartmentAsync(app, "城管");
        return await ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id });
    }
}
