using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport;

/// <summary>Drives the monthly-report API and makes known events through the real intake and actions.</summary>
public sealed class ReportTestKit(JiexinApp app)
{
    public const string Reports = "/api/v1/analytics/reports";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static string CurrentMonth => ChinaToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string PreviousMonth => new DateOnly(ChinaToday.Year, ChinaToday.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task<JsonElement> GetAsync(string user, string month)
    {
        using var client = await app.ClientAsAsync(user);
        return await OkAsync(await client.GetAsync($"{Reports}/{month}", Ct));
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(double Lat, double Lng)> PointInFirstGridAsync()
    {
        var gridId = await app.WithScopeAsync(sp =>
        {
            var territory = sp.GetRequiredService<ITerritoryLookup>();
            return Task.FromResult(territory.GridsOf(territory.Communities[0].Id)[0].Id);
        });
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => Guid.Parse((string)f!["id"]!) == gridId)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    public static async Task<JsonElement> ReportEventAsync(HttpClient client, string description, (double Lat, double Lng) at)
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description = $"{description} {Guid.NewGuid():N}", latitude = at.Lat, longitude = at.Lng }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        return await OkAsync(await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct));
    }

    /// <summary>Five events in the first community's first grid: open and overdue, at a department, closed in the grid, closed by a department, rejected.</summary>
    public async Task KnownEventsAsync()
    {
        var at = await PointInFirstGridAsync();
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        using var department = await app.ClientAsAsync("dept-cg");
        var cg = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("城管")!.Id));

        var open = await ReportEventAsync(resident, "楼道里堆满杂物，影响通行", at);
        await ActAsync(commander, await ReportEventAsync(resident, "路灯不亮了，晚上很黑", at), "Dispatch", new { assigneeKind = "Department", assigneeId = cg });

        var inGrid = await ActAsync(grid, await ReportEventAsync(resident, "小区门口垃圾满了没人清", at), "SelfHandle");
        inGrid = await ActAsync(grid, inGrid, "Handle", new { note = "已清理" });
        inGrid = await ActAsync(grid, inGrid, "VerifyPass");
        await ActAsync(grid, inGrid, "Close");

        var byDepartment = await ActAsync(commander, await ReportEventAsync(resident, "井盖缺失很危险", at), "Dispatch", new { assigneeKind = "Department", assigneeId = cg });
        byDepartment = await ActAsync(department, byDepartment, "Accept");
        byDepartment = await ActAsync(department, byDepartment, "Handle", new { note = "已补装井盖" });
        byDepartment = await ActAsync(grid, byDepartment, "VerifyPass");
        await ActAsync(grid, byDepartment, "Close");

        await ActAsync(commander, await ReportEventAsync(resident, "咨询一下天气", at), "Reject", new { note = "不属于受理范围" });

        // 红牌 through the deadline job's bulk path.
        var id = open.GetProperty("id").GetGuid();
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, DateTime.UtcNow.AddHours(-1)), Ct));
        await app.WithScopeAsync(sp => sp.GetRequiredService<MarkDeadlineWarningsJob>().RunOnceAsync(Ct));
    }

    public static long Long(JsonElement o, string path)
    {
        foreach (var part in path.Split('.'))
        {
            o = o.GetProperty(part);
        }

        return o.GetInt64();
    }
}
