using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Events.ListEvents;

/// <summary>The command-centre queue: bulk dispatch row by row, and the tier filters.</summary>
public abstract class QueueTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    [Fact]
    public async Task Bulk_dispatch_sends_each_event_with_its_own_version_and_reports_every_row()
    {
        using var commander = await app.ClientAsAsync("commander");
        var at = await _kit.PointInGridAsync("XC-02");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var a = await _kit.ReportAsync(commander, $"井盖缺失 {tag} 甲", at);
        var b = await _kit.ReportAsync(commander, $"井盖缺失 {tag} 乙", at);
        var c = await _kit.ReportAsync(commander, $"井盖缺失 {tag} 丙", at);
        // Someone else triages c meanwhile: the version the commander selected it with is now stale.
        await EventTestKit.OkAsync(EventTestKit.ActAsync(commander, c, "Triage"));
        var missing = Guid.NewGuid();

        var cg = await _kit.DepartmentAsync("城管");
        var response = await commander.PostAsJsonAsync("/api/v1/events/bulk-dispatch", new
        {
            assigneeKind = "Department",
            assigneeId = cg,
            note = "请统一处置",
            items = new[] { a, b, c }.Select(e => new { id = e.GetProperty("id").GetGuid(), version = e.GetProperty("version").GetInt32() })
                .Append(new { id = missing, version = 1 }),
        }, Ct);
        var result = await EventTestKit.OkAsync(Task.FromResult(response));
        Assert.Equal(2, result.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, result.GetProperty("failed").GetInt32());
        var rows = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.True(rows[a.GetProperty("id").GetGuid()].GetProperty("succeeded").GetBoolean());
        Assert.True(rows[b.GetProperty("id").GetGuid()].GetProperty("succeeded").GetBoolean());
        var stale = rows[c.GetProperty("id").GetGuid()];
        Assert.False(stale.GetProperty("succeeded").GetBoolean());
        Assert.Contains("刚被他人处理", stale.GetProperty("message").GetString());
        Assert.Equal("Triaged", stale.GetProperty("status").GetString());
        Assert.Equal("未找到该事件。", rows[missing].GetProperty("message").GetString());

        var queue = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={tag}&departmentId={cg}&assigneeKind=Department", Ct);
        Assert.Equal(2, queue.GetProperty("total").GetInt32());
        Assert.All(queue.GetProperty("items").EnumerateArray(), i => Assert.Equal("Dispatched", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Bulk_dispatch_needs_rows_and_a_unit_and_a_department_cannot_use_it()
    {
        using var commander = await app.ClientAsAsync("commander");
        var empty = await commander.PostAsJsonAsync("/api/v1/events/bulk-dispatch", new { assigneeKind = "Department", assigneeId = Guid.NewGuid(), items = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var e = await _kit.ReportAsync(commander, $"路灯不亮 {Guid.NewGuid():N}", await _kit.PointInGridAsync("XC-01"));
        using var dept = await app.ClientAsAsync("dept-cg");
        var refused = await EventTestKit.OkAsync(dept.PostAsJsonAsync("/api/v1/events/bulk-dispatch", new
        {
            assigneeKind = "Department",
            assigneeId = await _kit.DepartmentAsync("城管"),
            items = new[] { new { id = e.GetProperty("id").GetGuid(), version = e.GetProperty("version").GetInt32() } },
        }, Ct));
        Assert.Equal(0, refused.GetProperty("succeeded").GetInt32());
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("Reported", now.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_queue_filters_by_who_holds_an_event_and_where_it_was_resolved()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var e = await _kit.ReportAsync(grid, $"楼道杂物 {tag}", await _kit.PointInGridAsync("XC-01"));
        e = await EventTestKit.OkAsync(EventTestKit.ActAsync(grid, e, "SelfHandle"));

        using var commander = await app.ClientAsAsync("commander");
        async Task<int> TotalAsync(string filter) =>
            (await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={tag}{filter}", Ct)).GetProperty("total").GetInt32();

        Assert.Equal(1, await TotalAsync("&assigneeKind=Grid"));
        Assert.Equal(0, await TotalAsync("&assigneeKind=Department"));
        Assert.Equal(0, await TotalAsync("&tier=Grid"));

        e = await EventTestKit.OkAsync(EventTestKit.ActAsync(grid, e, "Handle", new { note = "已清理" }));
        e = await EventTestKit.OkAsync(EventTestKit.ActAsync(grid, e, "VerifyPass"));
        await EventTestKit.OkAsync(EventTestKit.ActAsync(grid, e, "Close"));
        Assert.Equal(1, await TotalAsync("&tier=Grid"));
        Assert.Equal(0, await TotalAsync("&tier=Street"));
    }
}

public sealed class QueueTests_Sqlite(SqliteApp app) : QueueTests(app), IClassFixture<SqliteApp>;

public sealed class QueueTests_Postgres(PostgresApp app) : QueueTests(app), IClassFixture<PostgresApp>;
