using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Attribution;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Warnings.Evaluate;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Warnings.EarlyWarning;

/// <summary>
/// 预警 end to end: reports made through the API on a fake clock, the rules evaluated as the job runs them, alerts
/// read and handled over HTTP. Each test works in its own communities/places so the class can share one database.
/// </summary>
public abstract class EarlyWarningTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WarningsApi _api = new(app);

    private async Task ReportManyAsync(HttpClient client, int count, string text, DemoGrid grid)
    {
        // Sent together (group commit), a few metres apart inside the grid.
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => WarningsApi.ReportAsync(client, text, grid, northMetres: 20 * (i % 3), eastMetres: 20 * (i / 3 % 3))));
    }

    [Fact]
    public async Task A_spike_against_its_own_baseline_fires_and_a_flat_series_stays_quiet()
    {
        var places = await _api.PlacesAsync();
        var (spiky, flat) = (places[0], places[1]);
        const string spikeText = "小区楼道里堆满了垃圾没人清运";
        const string flatText = "小区楼道里堆满了垃圾没人清运";

        // 28 days of baseline: one report a day in the spiky community, three in the flat one.
        for (var day = 0; day < 28; day++)
        {
            using var commander = await _api.LoginAsync("commander");
            await ReportManyAsync(commander, 1, spikeText, spiky);
            await ReportManyAsync(commander, 3, flatText, flat);
            _api.Clock.Advance(TimeSpan.FromDays(1));
        }

        // Today: 7 in the spiky community (λ = 1: P(X ≥ 7) ≈ 8·10⁻⁵ < 0.001), 5 in the flat one (λ = 3: P(X ≥ 5) ≈ 0.18).
        using (var commander = await _api.LoginAsync("commander"))
        {
            await ReportManyAsync(commander, 7, spikeText, spiky);
            await ReportManyAsync(commander, 5, flatText, flat);
        }

        await _api.EvaluateAsync();
        using var reader = await _api.LoginAsync("commander");
        var spikes = await WarningsApi.ListAsync(reader, "&kind=CategorySpike");
        var fired = Assert.Single(spikes, w => w.GetProperty("communityId").GetGuid() == spiky.CommunityId);
        var figures = fired.GetProperty("evidence").GetProperty("figures");
        Assert.Equal(7, figures.GetProperty("today").GetDouble());
        Assert.Equal(1, figures.GetProperty("baselineMean").GetDouble(), 3);
        Assert.True(figures.GetProperty("pValue").GetDouble() < 0.001);
        Assert.Equal(29, fired.GetProperty("evidence").GetProperty("series").GetArrayLength());
        Assert.Equal("Open", fired.GetProperty("status").GetString());
        Assert.DoesNotContain(spikes, w => w.GetProperty("communityId").GetGuid() == flat.CommunityId);

        // Evaluated again (the job's next tick): the same condition raises nothing new.
        await _api.EvaluateAsync();
        Assert.Single(await WarningsApi.ListAsync(reader, "&kind=CategorySpike"), w => w.GetProperty("communityId").GetGuid() == spiky.CommunityId);
    }

    [Fact]
    public async Task Daily_counts_split_at_china_midnight_and_hold_one_row_per_community_group_and_day()
    {
        // The flat community of the spike test: a handful more reports there cannot make it spike.
        var place = (await _api.PlacesAsync())[1];
        var now = _api.Clock.GetUtcNow();
        var midnight = new DateTimeOffset(now.Year, now.Month, now.Day, 16, 0, 0, TimeSpan.Zero); // 00:00 China time
        if (midnight <= now)
        {
            midnight = midnight.AddDays(1);
        }

        var before = DateOnly.FromDateTime(midnight.UtcDateTime.AddHours(8)).AddDays(-1);
        var after = before.AddDays(1);
        async Task<(int Before, int After)> CountAsync()
        {
            var counts = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventSignals>().CountDailyAsync(before.AddDays(-1), after, Ct));
            // 小类 are folded into their 大类: one row per (community, 大类, date), and a 大类 is two digits or "".
            Assert.Equal(counts.Count, counts.Select(c => (c.CommunityId, c.CategoryGroup, c.Day)).Distinct().Count());
            Assert.All(counts, c => Assert.True(c.CategoryGroup.Length is 0 or 2, c.CategoryGroup));
            var mine = counts.Where(c => c.CommunityId == place.CommunityId).ToList();
            return (mine.Where(c => c.Day == before).Sum(c => c.Count), mine.Where(c => c.Day == after).Sum(c => c.Count));
        }

        var (beforeAtStart, afterAtStart) = await CountAsync();
        _api.Clock.Advance(midnight - now - TimeSpan.FromSeconds(1));
        using (var commander = await _api.LoginAsync("commander"))
        {
            await ReportManyAsync(commander, 2, "路灯坏了晚上很黑", place); // 23:59:59 China time
            _api.Clock.Advance(TimeSpan.FromSeconds(1));
            await ReportManyAsync(commander, 3, "路灯坏了晚上很黑", place); // 00:00:00 the next day
        }

        var (beforeNow, afterNow) = await CountAsync();
        Assert.Equal(2, beforeNow - beforeAtStart);
        Assert.Equal(3, afterNow - afterAtStart);
    }

    [Fact]
    public async Task Repeated_reports_at_one_place_raise_one_alert_even_when_two_instances_evaluate_at_once()
    {
        var grid = (await _api.PlacesAsync())[2];
        using var commander = await _api.LoginAsync("commander");
        var ids = new List<Guid>();
        foreach (var (north, east) in new[] { (0.0, 0.0), (30.0, 0.0), (0.0, 40.0) })
        {
            ids.Add(await WarningsApi.ReportAsync(commander, "井盖松动，车辆经过响声很大", grid, north, east));
        }

        // Two job runs at once (as two app instances would), then a third later.
        await Task.WhenAll(_api.EvaluateAsync(), _api.EvaluateAsync());
        await _api.EvaluateAsync();

        var place = (await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace")).Where(w => WarningsApi.EventIds(w).Intersect(ids).Any()).ToList();
        var alert = Assert.Single(place);
        Assert.Equal(ids.Order(), WarningsApi.EventIds(alert).Order());
        Assert.Equal(grid.CommunityId, alert.GetProperty("communityId").GetGuid());

        // A fourth report in another grid (hundreds of metres away) is no part of it.
        var far = (await _api.LastGridPerCommunityAsync())[3];
        await WarningsApi.ReportAsync(commander, "井盖松动，车辆经过响声很大", far);
        await _api.EvaluateAsync();
        Assert.Single(await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace"), w => WarningsApi.EventIds(w).Intersect(ids).Any());
    }

    [Fact]
    public async Task A_place_group_whose_first_report_leaves_the_window_stays_covered_by_its_open_alert()
    {
        var grid = (await _api.MiddleGridsAsync())[0];
        Guid first;
        using (var early = await _api.LoginAsync("commander"))
        {
            first = await WarningsApi.ReportAsync(early, "小区门口的消防通道被车辆长期占用", grid);
        }

        _api.Clock.Advance(TimeSpan.FromDays(2));
        using var commander = await _api.LoginAsync("commander");
        var later = new List<Guid>();
        foreach (var (north, east) in new[] { (10.0, 0.0), (0.0, 15.0), (20.0, 20.0) })
        {
            later.Add(await WarningsApi.ReportAsync(commander, "小区门口的消防通道被车辆长期占用", grid, north, east));
        }

        // Raised once, anchored on the first report; evaluated again, the open alert's reports are what cover the group.
        await _api.EvaluateAsync();
        await _api.EvaluateAsync();
        var alert = Assert.Single(await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace"), w => WarningsApi.EventIds(w).Contains(first));
        Assert.Equal(later.Append(first).Order(), WarningsApi.EventIds(alert).Order());

        // Five days on the first report is out of the seven-day window: the other three re-anchor on the second report,
        // a new condition key, and the open alert that already holds them covers it — no second alert.
        _api.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        using var again = await _api.LoginAsync("commander");
        await _api.EvaluateAsync();
        var touching = (await WarningsApi.ListAsync(again, "&kind=RepeatedPlace")).Where(w => WarningsApi.EventIds(w).Intersect(later).Any()).ToList();
        Assert.Equal(alert.GetProperty("id").GetGuid(), Assert.Single(touching).GetProperty("id").GetGuid());

        // Closed by a person, the condition is free: the three still in the window raise a new alert.
        var (status, body) = await WarningsApi.PostAsync(again, $"/api/v1/warnings/{alert.GetProperty("id").GetGuid()}/close",
            new { note = "已联系物业清理通道", version = alert.GetProperty("version").GetInt32() });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await _api.EvaluateAsync();
        var renewed = Assert.Single(await WarningsApi.ListAsync(again, "&kind=RepeatedPlace"),
            w => w.GetProperty("status").GetString() == "Open" && WarningsApi.EventIds(w).Intersect(later).Any());
        Assert.Equal(later.Order(), WarningsApi.EventIds(renewed).Order());
    }

    [Fact]
    public async Task The_kept_window_of_reports_takes_in_new_reports_and_lets_old_ones_go()
    {
        var grid = (await _api.MiddleGridsAsync())[^1];
        var window = new RecentPlaces(_api.Clock);
        var mine = new List<Guid>();
        async Task<List<Guid>> ListAsync(int max = 50_000) =>
        [
            .. (await app.WithScopeAsync(sp => window.ListAsync(sp.GetRequiredService<IEventSignals>(), _api.Clock.GetUtcNow().UtcDateTime.AddDays(-7), max, Ct)))
                .Select(r => r.Id).Where(mine.Contains),
        ];

        using (var commander = await _api.LoginAsync("commander"))
        {
            mine.Add(await WarningsApi.ReportAsync(commander, "垃圾桶满了好几天没人清理", grid));
            Assert.Equal(mine, await ListAsync()); // the first read: the whole window

            _api.Clock.Advance(TimeSpan.FromMinutes(1));
            mine.Add(await WarningsApi.ReportAsync(commander, "垃圾桶满了好几天没人清理", grid, northMetres: 10));
            mine.Add(await WarningsApi.ReportAsync(commander, "垃圾桶满了好几天没人清理", grid, northMetres: 20));
            Assert.Equal(mine.Order(), (await ListAsync()).Order()); // read since the last one, added to what was kept
            Assert.Equal(mine.Order(), (await ListAsync()).Order()); // nothing new: the same
        }

        // Capped at the newest: a read with a smaller cap keeps the newest only.
        var newest = await ListAsync(max: 1);
        Assert.True(newest.Count <= 1);
        Assert.Equal(mine.Order(), (await ListAsync()).Order());

        // Near the end of the seven days a full read (the last was more than FullReadEvery ago) still holds all three;
        // a few minutes on, the reads since it let them leave the window one report time after another.
        _api.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(4));
        Assert.Equal(mine.Order(), (await ListAsync()).Order());
        _api.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        Assert.Equal(mine.Skip(1).Order(), (await ListAsync()).Order());
        _api.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Repeated_reports_by_one_resident_fire_and_fewer_do_not()
    {
        // Five different places (one grid each): the place rule stays out of it.
        var grids = await _api.LastGridPerCommunityAsync();
        using var resident = await _api.LoginAsync("resident02");
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await WarningsApi.ReportAsync(resident, $"我家楼上第{i + 1}次漏水到我家天花板", grids[i], channel: null));
        }

        await _api.EvaluateAsync();
        using var commander = await _api.LoginAsync("commander");
        Assert.DoesNotContain(await WarningsApi.ListAsync(commander, "&kind=RepeatedReporter"), w => WarningsApi.EventIds(w).Intersect(ids).Any());

        ids.Add(await WarningsApi.ReportAsync(resident, "我家楼上第五次漏水到我家天花板", grids[4], channel: null));
        await _api.EvaluateAsync();
        var alert = Assert.Single(await WarningsApi.ListAsync(commander, "&kind=RepeatedReporter"), w => WarningsApi.EventIds(w).Intersect(ids).Any());
        Assert.Equal(ids.Order(), WarningsApi.EventIds(alert).Order());
    }

    [Fact]
    public async Task A_group_dispute_raises_a_dispute_risk_warning()
    {
        using var commander = await _api.LoginAsync("commander");
        var community = (await _api.PlacesAsync())[3];
        var (status, created) = await WarningsApi.PostAsync(commander, "/api/v1/disputes", new
        {
            description = $"拆迁补偿标准争议，二十余户居民聚集 {Guid.NewGuid():N}",
            disputeType = "邻里",
            peopleCount = 23,
            communityId = community.CommunityId,
            parties = new object[] { new { name = "王某", role = "applicant" }, new { name = "某公司", role = "respondent" } },
        });
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        var disputeId = created.GetProperty("id").GetGuid();

        await _api.EvaluateAsync();
        await _api.EvaluateAsync();
        var alerts = (await WarningsApi.ListAsync(commander, "&kind=DisputeRisk"))
            .Where(w => w.GetProperty("evidence").GetProperty("disputeIds").EnumerateArray().Any(x => x.GetGuid() == disputeId)).ToList();
        var alert = Assert.Single(alerts);
        Assert.Contains("群体性", alert.GetProperty("summary").GetString());
        Assert.Equal(community.CommunityId, alert.GetProperty("communityId").GetGuid());
    }

    [Fact]
    public async Task Acknowledge_and_assign_over_http_commander_acts_leader_reads_community_sees_its_own()
    {
        using var commander = await _api.LoginAsync("commander");
        using var community01 = await _api.LoginAsync("community01");
        using var leader = await _api.LoginAsync("leader");
        // One place cluster in community01's community and one in another community.
        var communityOf01 = await _api.CommunityOfAsync("community01");
        var grids = await _api.OneGridPerCommunityAsync();
        var own = grids.Single(g => g.CommunityId == communityOf01);
        var other = (await _api.PlacesAsync())[4];
        var ownIds = new List<Guid>();
        var otherIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ownIds.Add(await WarningsApi.ReportAsync(commander, "路边电线杆倾斜有倒塌危险", own, 10 * i, 0));
            otherIds.Add(await WarningsApi.ReportAsync(commander, "路边电线杆倾斜有倒塌危险", other, 10 * i, 0));
        }

        await _api.EvaluateAsync();
        var all = await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace");
        var ownAlert = Assert.Single(all, w => WarningsApi.EventIds(w).Intersect(ownIds).Any());
        var otherAlert = Assert.Single(all, w => WarningsApi.EventIds(w).Intersect(otherIds).Any());
        var ownId = ownAlert.GetProperty("id").GetGuid();
        var otherId = otherAlert.GetProperty("id").GetGuid();

        // Community staff: their own community's alert, not the other's (list and detail).
        var seenBy01 = await WarningsApi.ListAsync(community01);
        Assert.Contains(seenBy01, w => w.GetProperty("id").GetGuid() == ownId);
        Assert.DoesNotContain(seenBy01, w => w.GetProperty("id").GetGuid() == otherId);
        Assert.Equal(HttpStatusCode.NotFound, (await community01.GetAsync($"/api/v1/warnings/{otherId}", Ct)).StatusCode);

        // Leader reads everything, acts on nothing; community staff act on nothing.
        Assert.Contains(await WarningsApi.ListAsync(leader), w => w.GetProperty("id").GetGuid() == otherId);
        var version = ownAlert.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await WarningsApi.PostAsync(leader, $"/api/v1/warnings/{ownId}/acknowledge", new { version })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await WarningsApi.PostAsync(community01, $"/api/v1/warnings/{ownId}/acknowledge", new { version })).Status);

        // Commander: a stale version is 409 with the current alert; the right one acknowledges; twice is 409.
        var (stale, staleBody) = await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{ownId}/acknowledge", new { version = version + 5 });
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(ownId, staleBody.GetProperty("current").GetProperty("id").GetGuid());
        var (ok, acknowledged) = await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{ownId}/acknowledge", new { version });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("Acknowledged", acknowledged.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(acknowledged.GetProperty("acknowledgedByName").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{ownId}/acknowledge",
            new { version = acknowledged.GetProperty("version").GetInt32() })).Status);

        // Assign: bad input is 400 problem+json naming the field; then to the city-management department with a note.
        var departmentId = await app.WithScopeAsync(sp => Task.FromResult(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Jiexin.Modules.Territory.Contracts.ITerritoryLookup>(sp).FindDepartmentByShortName("城管")!.Id));
        using var department = await _api.LoginAsync("dept-cg");
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/warnings/{ownId}", Ct)).StatusCode);
        var v = acknowledged.GetProperty("version").GetInt32();
        var noNote = await commander.PostAsJsonAsync($"/api/v1/warnings/{ownId}/assign", new { version = v, assigneeKind = "Department", assigneeId = departmentId }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal("application/problem+json", noNote.Content.Headers.ContentType?.MediaType);
        Assert.True((await noNote.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("note", out _));
        var (unknownUnit, unknownBody) = await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{ownId}/assign",
            new { version = v, assigneeKind = "Department", assigneeId = Guid.NewGuid(), note = "请核查" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownUnit);
        Assert.True(unknownBody.GetProperty("errors").TryGetProperty("assigneeId", out _));
        var (assignedStatus, assigned) = await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{ownId}/assign",
            new { version = v, assigneeKind = "Department", assigneeId = departmentId, note = "请三日内现场核查并加固" });
        Assert.Equal(HttpStatusCode.OK, assignedStatus);
        Assert.Equal("Assigned", assigned.GetProperty("status").GetString());
        Assert.Equal(departmentId, assigned.GetProperty("assigneeId").GetGuid());
        Assert.Equal("请三日内现场核查并加固", assigned.GetProperty("assignNote").GetString());

        // Raised: the command centre and the community it concerns were told; assigned: the department was told, and now sees it.
        await DeliverNotificationsAsync();
        await NotificationAboutAsync(commander, ownId, "新预警：");
        await NotificationAboutAsync(community01, ownId, "新预警：");
        var todo = await NotificationAboutAsync(department, ownId, "预警指派：");
        Assert.Contains("请三日内现场核查并加固", todo.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync($"/api/v1/warnings/{ownId}", Ct)).StatusCode);
        Assert.Contains(await WarningsApi.ListAsync(department), w => w.GetProperty("id").GetGuid() == ownId);

        // Read back by community staff (the change is stored), and filterable by status.
        var reread = await community01.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{ownId}", Ct);
        Assert.Equal("Assigned", reread.GetProperty("status").GetString());
        Assert.Contains(await WarningsApi.ListAsync(commander, "&status=Assigned"), w => w.GetProperty("id").GetGuid() == ownId);
        Assert.DoesNotContain(await WarningsApi.ListAsync(commander, "&status=Open"), w => w.GetProperty("id").GetGuid() == ownId);

        // Unknown alert: 404 problem; a resident: 403.
        Assert.Equal(HttpStatusCode.NotFound, (await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{Guid.NewGuid()}/acknowledge", new { version = 1 })).Status);
        using var resident = await _api.LoginAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/warnings", Ct)).StatusCode);
    }

    [Fact]
    public async Task Closing_frees_the_condition_and_evaluating_again_raises_it_anew()
    {
        using var commander = await _api.LoginAsync("commander");
        var grid = (await _api.PlacesAsync())[5];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await WarningsApi.ReportAsync(commander, "消防通道被私家车长期占用", grid, 10 * i, 0));
        }

        await _api.EvaluateAsync();
        var alert = Assert.Single(await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace"), w => WarningsApi.EventIds(w).Intersect(ids).Any());
        var id = alert.GetProperty("id").GetGuid();
        var (closed, body) = await WarningsApi.PostAsync(commander, $"/api/v1/warnings/{id}/close", new { version = alert.GetProperty("version").GetInt32(), note = "已现场处置" });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", body.GetProperty("status").GetString());

        await _api.EvaluateAsync();
        var now = (await WarningsApi.ListAsync(commander, "&kind=RepeatedPlace")).Where(w => WarningsApi.EventIds(w).Intersect(ids).Any()).ToList();
        Assert.Equal(2, now.Count);
        Assert.Single(now, w => w.GetProperty("status").GetString() == "Open");
    }

    [Fact]
    public async Task Overdue_work_piling_up_in_a_grid_and_a_department_raises_an_overdue_cluster()
    {
        // Two grids, so that the evaluation which finds both backlogs worked off has two alerts to close in one pass.
        var places = await _api.PlacesAsync();
        DemoGrid[] grids = [places[6], places[7]];
        var departmentId = await app.WithScopeAsync(sp => Task.FromResult(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Jiexin.Modules.Territory.Contracts.ITerritoryLookup>(sp).Departments[2].Id));
        var idsByGrid = grids.ToDictionary(g => g.Id, _ => new List<Guid>());
        using (var commander = await _api.LoginAsync("commander"))
        {
            foreach (var grid in grids)
            {
                for (var i = 0; i < 5; i++)
                {
                    var id = await WarningsApi.ReportAsync(commander, $"人行道第{i + 1}块地砖破损翘起", grid, 15 * i, 0);
                    var e = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
                    var (status, body) = await WarningsApi.PostAsync(commander, $"/api/v1/events/{id}/actions/Dispatch",
                        new { version = e.GetProperty("version").GetInt32(), assigneeKind = "Department", assigneeId = departmentId });
                    Assert.True(status == HttpStatusCode.OK, body.ToString());
                    Assert.NotEqual(JsonValueKind.Null, body.GetProperty("dueAt").ValueKind);
                    idsByGrid[grid.Id].Add(id);
                }
            }
        }

        var all = idsByGrid.Values.SelectMany(x => x).ToHashSet();

        // Not yet due: nothing. Sixty days later every deadline has passed.
        await _api.EvaluateAsync();
        using (var before = await _api.LoginAsync("commander"))
        {
            Assert.DoesNotContain(await WarningsApi.ListAsync(before, "&kind=OverdueCluster"), w => WarningsApi.EventIds(w).Intersect(all).Any());
        }

        _api.Clock.Advance(TimeSpan.FromDays(60));
        await _api.EvaluateAsync();
        using var reader = await _api.LoginAsync("commander");
        var clusters = await WarningsApi.ListAsync(reader, "&kind=OverdueCluster");
        var byGrid = new List<JsonElement>();
        foreach (var grid in grids)
        {
            var alert = Assert.Single(clusters, w => w.TryGetProperty("gridId", out var g) && g.ValueKind == JsonValueKind.String && g.GetGuid() == grid.Id);
            Assert.Superset(idsByGrid[grid.Id].ToHashSet(), WarningsApi.EventIds(alert).ToHashSet());
            Assert.Equal(grid.CommunityId, alert.GetProperty("communityId").GetGuid());
            byGrid.Add(alert);
        }

        var byDepartment = Assert.Single(clusters, w => w.TryGetProperty("departmentId", out var d) && d.ValueKind == JsonValueKind.String && d.GetGuid() == departmentId);
        Assert.Superset(all, WarningsApi.EventIds(byDepartment).ToHashSet());

        // Both grids' backlogs are worked off (four merged into the first): both alerts close themselves in the one pass,
        // and stay closed. (The department's stays open: other tests' events, sixty days on, keep it over the threshold.)
        foreach (var ids in idsByGrid.Values)
        {
            foreach (var id in ids.Skip(1))
            {
                var e = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
                var (merged, body) = await WarningsApi.PostAsync(reader, $"/api/v1/events/{id}/actions/Merge", new { version = e.GetProperty("version").GetInt32(), targetEventId = ids[0] });
                Assert.True(merged == HttpStatusCode.OK, body.ToString());
            }
        }

        var result = await _api.EvaluateAsync();
        Assert.True(result.Resolved >= 2, $"resolved {result.Resolved}");
        foreach (var alert in byGrid)
        {
            var after = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{alert.GetProperty("id").GetGuid()}", Ct);
            Assert.True(after.GetProperty("status").GetString() == "Closed", after.ToString());
            Assert.Equal(EvaluateWarnings.ResolvedNote, after.GetProperty("closeNote").GetString());
        }

        await _api.EvaluateAsync();
        Assert.DoesNotContain(await WarningsApi.ListAsync(reader, "&kind=OverdueCluster&status=Open"),
            w => w.TryGetProperty("gridId", out var g) && g.ValueKind == JsonValueKind.String && grids.Any(x => x.Id == g.GetGuid()));
    }

    private async Task DeliverNotificationsAsync()
    {
        while (await app.WithScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                   .GetRequiredService<Jiexin.Platform.Notifications.Outbox.OutboxDispatcher>(sp).RunOnceAsync(Ct)) > 0)
        {
        }
    }

    /// <summary>The one notification about the alert whose title starts with <paramref name="title"/>.</summary>
    private static async Task<JsonElement> NotificationAboutAsync(HttpClient client, Guid warningId, string title)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct);
        return Assert.Single(page.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("subjectId").ValueKind == JsonValueKind.String && n.GetProperty("subjectId").GetGuid() == warningId
                 && n.GetProperty("title").GetString()!.StartsWith(title, StringComparison.Ordinal));
    }
}

public sealed class EarlyWarningTests_Sqlite(WarningsSqliteApp app) : EarlyWarningTests(app), IClassFixture<WarningsSqliteApp>;

public sealed class EarlyWarningTests_Postgres(WarningsPostgresApp app) : EarlyWarningTests(app), IClassFixture<WarningsPostgresApp>;
