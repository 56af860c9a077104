using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events;

/// <summary>The event API as tests drive it: report at a point in a grid, act with the version seen, read back.</summary>
public sealed class EventApi(JiexinApp app)
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

    public async Task<JsonElement> ReportAsync(HttpClient client, string description, string gridCode = "XC-01")
    {
        var at = await PointInGridAsync(gridCode);
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description = $"{description} {Guid.NewGuid():N}", latitude = at.Lat, longitude = at.Lng }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/events/{Id(e)}/actions/{action}", body, Ct);
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call) => await ReadAsync(call, HttpStatusCode.OK);

    public static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public static async Task<JsonElement> GetAsync(HttpClient client, JsonElement e) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{Id(e)}", Ct);

    public Task<OrgUnitSummary> DepartmentAsync(string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!));

    /// <summary>A department-staff account of the given department (created once per database), signed in.</summary>
    public async Task<HttpClient> DepartmentStaffAsync(Guid departmentId, string userName)
    {
        using var admin = await app.ClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/accounts", new
        {
            userName,
            displayName = "部门报到测试员",
            role = "DepartmentStaff",
            orgUnitKind = "Department",
            orgUnitId = departmentId,
            password = JiexinApp.DemoPassword,
        }, Ct);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict,
            await created.Content.ReadAsStringAsync(Ct));
        return await app.ClientAsAsync(userName);
    }
}
