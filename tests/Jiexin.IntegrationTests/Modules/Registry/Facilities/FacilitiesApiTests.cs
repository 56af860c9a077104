using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.IntegrationTests.Modules.Events.Deadlines;
using Jiexin.Modules.Registry.Facilities;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.Facilities;

/// <summary>部件 over HTTP: create at a point (grid from the point), 409, scope, the map's counts against the table, and a fault report that opens an event.</summary>
public abstract class FacilitiesApiTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(double Lat, double Lng)> PointInAsync(Guid gridId) =>
        await EventSteps.PointInGridAsync(app, app.Territory().GridOutlines.Single(g => g.Id == gridId).Code);

    private static async Task<Guid> CreateAsync(HttpClient client, object body) =>
        (await JsonAsync(await client.PostAsJsonAsync("/api/v1/registry/facilities", body, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_facility_takes_the_grid_of_its_point_needs_a_kind_and_a_point_and_a_stale_version_is_409()
    {
        var units = app.Units();
        var (lat, lng) = await PointInAsync(units.Grid.Id);
        using var commander = await app.ClientAsAsync("commander");
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(commander, new { kind = "StreetLight", code, latitude = lat, longitude = lng, location = "测试路口东侧", responsibleDepartmentId = units.Department.Id });

        var facility = await JsonAsync(await commander.GetAsync($"/api/v1/registry/facilities/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("StreetLight", facility.GetProperty("kind").GetString());
        Assert.Equal("Normal", facility.GetProperty("status").GetString());
        Assert.Equal("完好", facility.GetProperty("statusName").GetString());
        Assert.Equal(units.Grid.Id, facility.GetProperty("gridId").GetGuid());
        Assert.Equal(units.Community.Id, facility.GetProperty("communityId").GetGuid());
        Assert.Equal(units.Department.Id, facility.GetProperty("responsibleDepartmentId").GetGuid());
        Assert.Empty(facility.GetProperty("faults").EnumerateArray());

        var version = facility.GetProperty("version").GetInt32();
        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/facilities/{id}", new { kind = "StreetLight", code, status = "Missing", latitude = lat, longitude = lng, version }, Ct), HttpStatusCode.NoContent);
        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/facilities/{id}", new { kind = "StreetLight", code, status = "Normal", latitude = lat, longitude = lng, version }, Ct), HttpStatusCode.Conflict);
        var list = await JsonAsync(await commander.GetAsync($"/api/v1/registry/facilities?text={code}&status=Missing", Ct), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var noKind = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/facilities", new { latitude = lat, longitude = lng }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["kind"], noKind.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var noPoint = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/facilities", new { kind = "Bin" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["latitude"], noPoint.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var badDepartment = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/facilities", new { kind = "Bin", latitude = lat, longitude = lng, responsibleDepartmentId = Guid.NewGuid() }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["responsibleDepartmentId"], badDepartment.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_grid_worker_sees_and_files_facilities_of_their_grid_only()
    {
        var units = app.Units();
        var mine = await PointInAsync(units.Grid.Id);
        var sibling = await PointInAsync(units.SiblingGrid.Id);
        using var grid = await app.ClientAsAsync("grid01");
        var id = await CreateAsync(grid, new { kind = "Manhole", latitude = mine.Lat, longitude = mine.Lng });
        var refused = await JsonAsync(await grid.PostAsJsonAsync("/api/v1/registry/facilities", new { kind = "Manhole", latitude = sibling.Lat, longitude = sibling.Lng }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("latitude", out _));

        var account = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        using var other = await app.ClientAsAsync(account.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/registry/facilities/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/registry/facilities/{id}/report-fault", new { description = "井盖破损" }, Ct)).StatusCode);
        var map = await JsonAsync(await other.GetAsync("/api/v1/registry/facilities/map", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(map.GetProperty("points").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal([units.SiblingGrid.Id], map.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/registry/facilities/map", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_map_counts_every_facility_in_scope_by_kind_and_status_as_the_table_holds_them()
    {
        var units = app.Units();
        var (lat, lng) = await PointInAsync(units.Grid.Id);
        using var commander = await app.ClientAsAsync("commander");
        await CreateAsync(commander, new { kind = "Hydrant", status = "Damaged", latitude = lat, longitude = lng });
        await CreateAsync(commander, new { kind = "Hydrant", latitude = lat + 0.0001, longitude = lng });

        var map = await JsonAsync(await commander.GetAsync("/api/v1/registry/facilities/map", Ct), HttpStatusCode.OK);
        var raw = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Facility>().AsNoTracking()
            .Select(f => new { f.Kind, f.Status, f.Latitude }).ToListAsync(Ct));
        var expected = raw.GroupBy(f => (f.Kind.ToString(), f.Status.ToString())).ToDictionary(g => g.Key, g => g.Count());
        var counted = map.GetProperty("counts").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("kind").GetString()!, c.GetProperty("status").GetString()!), c => c.GetProperty("facilities").GetInt32());
        Assert.Equal(expected.OrderBy(x => x.Key).ToList(), counted.OrderBy(x => x.Key).ToList());
        Assert.Equal(raw.Count, map.GetProperty("total").GetInt32());
        Assert.Equal(raw.Count(f => f.Latitude != null), map.GetProperty("located").GetInt32());
        Assert.Equal(raw.Count(f => f.Latitude != null), map.GetProperty("points").GetArrayLength());
        Assert.Equal(app.Territory().GridOutlines.Count, map.GetProperty("grids").GetArrayLength());

        // Filtered by kind and status: the counts and the points follow.
        var damaged = await JsonAsync(await commander.GetAsync("/api/v1/registry/facilities/map?kind=Hydrant&status=Damaged", Ct), HttpStatusCode.OK);
        var expectedDamaged = raw.Count(f => f.Kind == FacilityKind.Hydrant && f.Status == FacilityStatus.Damaged);
        Assert.Equal(expectedDamaged, damaged.GetProperty("total").GetInt32());
        Assert.All(damaged.GetProperty("points").EnumerateArray(), p =>
        {
            Assert.Equal("Hydrant", p.GetProperty("kind").GetString());
            Assert.Equal("Damaged", p.GetProperty("status").GetString());
        });
    }

    [Fact]
    public async Task A_fault_report_opens_an_event_at_the_facility_visible_in_the_events_api_and_marks_it_damaged()
    {
        var units = app.Units();
        var (lat, lng) = await PointInAsync(units.Grid.Id);
        using var grid = await app.ClientAsAsync("grid01");
        var code = "F-" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(grid, new { kind = "Manhole", code, latitude = lat, longitude = lng, location = "测试小区北门" });

        var tooShort = await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/facilities/{id}/report-fault", new { description = " " }, Ct), HttpStatusCode.BadRequest);
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("description", out _));
        var response = await grid.PostAsJsonAsync($"/api/v1/registry/facilities/{id}/report-fault", new { description = "井盖破损，有行人跌落风险" }, Ct);
        var reported = await JsonAsync(response, HttpStatusCode.Created);
        var eventId = reported.GetProperty("eventId").GetGuid();

        // The event is in the loop: at the facility's point and grid, reported by the grid worker, naming the facility.
        using var commander = await app.ClientAsAsync("commander");
        var e = await JsonAsync(await commander.GetAsync($"/api/v1/events/{eventId}", Ct), HttpStatusCode.OK);
        Assert.Equal(reported.GetProperty("trackingCode").GetString(), e.GetProperty("trackingCode").GetString());
        Assert.Equal("Reported", e.GetProperty("status").GetString());
        Assert.Equal(units.Grid.Id, e.GetProperty("gridId").GetGuid());
        Assert.Equal(lat, e.GetProperty("latitude").GetDouble(), 6);
        Assert.Contains(code, e.GetProperty("description").GetString());
        Assert.Contains("井盖破损", e.GetProperty("description").GetString());
        Assert.Contains(e.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("note").GetString()?.Contains($"/registry/facilities/{id}") == true);

        var facility = await JsonAsync(await grid.GetAsync($"/api/v1/registry/facilities/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("Damaged", facility.GetProperty("status").GetString());
        var fault = Assert.Single(facility.GetProperty("faults").EnumerateArray());
        Assert.Equal(eventId, fault.GetProperty("eventId").GetGuid());
        Assert.True(fault.GetProperty("eventOpen").GetBoolean());
        Assert.Equal("Reported", fault.GetProperty("eventStatus").GetString());
    }

    [Fact]
    public async Task A_damaged_facility_returns_to_normal_when_its_last_open_fault_event_closes()
    {
        var units = app.Units();
        var (lat, lng) = await PointInAsync(units.Grid.Id);
        using var grid = await app.ClientAsAsync("grid01");
        var id = await CreateAsync(grid, new { kind = "StreetLight", code = "L-" + Guid.NewGuid().ToString("N")[..8], latitude = lat, longitude = lng });
        async Task<Guid> ReportAsync(string text) =>
            (await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/facilities/{id}/report-fault", new { description = text }, Ct), HttpStatusCode.Created))
            .GetProperty("eventId").GetGuid();
        var first = await ReportAsync("路灯不亮");
        var second = await ReportAsync("灯杆倾斜");

        // Closing the events as the loop does at its end (办结), then the job's tick.
        Task CloseAsync(Guid eventId) => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var e = await db.Set<Jiexin.Modules.Events.Domain.Event>().SingleAsync(x => x.Id == eventId, Ct);
            e.Status = Jiexin.Modules.Events.Domain.EventStatus.Closed;
            e.ClosedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync(Ct);
        });
        Task<int> TickAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<RestoreRepairedFacilitiesJob>().RunOnceAsync(Ct));
        async Task<JsonElement> FacilityAsync() => await JsonAsync(await grid.GetAsync($"/api/v1/registry/facilities/{id}", Ct), HttpStatusCode.OK);

        // One of two faults closed: still damaged (the other is open).
        await CloseAsync(first);
        await TickAsync();
        var half = await FacilityAsync();
        Assert.Equal("Damaged", half.GetProperty("status").GetString());
        Assert.All(half.GetProperty("faults").EnumerateArray(), f => Assert.False(f.GetProperty("restoredNormal").GetBoolean()));

        // The last one closed: back to normal, once, and the fault says it restored the facility.
        await CloseAsync(second);
        await TickAsync();
        var restored = await FacilityAsync();
        Assert.Equal("Normal", restored.GetProperty("status").GetString());
        var byEvent = restored.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("eventId").GetGuid(), f => f.GetProperty("restoredNormal").GetBoolean());
        Assert.True(byEvent[second]);
        Assert.False(byEvent[first]);
        var faultsOpen = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<FacilityFault>().CountAsync(f => f.FacilityId == id && f.ClosedAt == null, Ct));
        Assert.Equal(0, faultsOpen);

        // Staff then mark it damaged by hand: the job leaves that alone (its faults are already closed).
        var version = restored.GetProperty("version").GetInt32();
        await JsonAsync(await grid.PutAsJsonAsync($"/api/v1/registry/facilities/{id}", new { kind = "StreetLight", latitude = lat, longitude = lng, status = "Damaged", version }, Ct), HttpStatusCode.NoContent);
        await TickAsync();
        Assert.Equal("Damaged", (await FacilityAsync()).GetProperty("status").GetString());
    }
}

public sealed class FacilitiesApiTests_Sqlite(SqliteApp app) : FacilitiesApiTests(app), IClassFixture<SqliteApp>;

public sealed class FacilitiesApiTests_Postgres(PostgresApp app) : FacilitiesApiTests(app), IClassFixture<PostgresApp>;
