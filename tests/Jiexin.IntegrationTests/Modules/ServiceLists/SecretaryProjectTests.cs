using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.ServiceLists.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.ServiceLists.ListsApi;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>三级书记项目 over HTTP: tiers by place, editing by scope, milestones and progress, links, evaluation by the tier above, the tree, figures.</summary>
public abstract class SecretaryProjectTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ListsApi _api = new(app);

    private static object Project(int year, Guid? community, Guid? grid, string title, object[]? milestones = null) =>
        new { year, communityId = community, gridId = grid, title, secretaryName = "陈书记", goals = "楼道微更新，年内完成 10 个楼道", milestones = milestones ?? [] };

    private static Task<JsonElement> CreateProjectAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        ReadAsync(client.PostAsJsonAsync("/api/v1/secretary-projects", body, Ct), expected);

    private static Task<JsonElement> PutAsync(HttpClient client, JsonElement p, string title, HttpStatusCode expected = HttpStatusCode.OK) =>
        ReadAsync(client.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}", new { version = p.GetProperty("version").GetInt32(), title, secretaryName = "陈书记", goals = "目标" }, Ct), expected);

    [Fact]
    public async Task A_grid_branch_secretary_edits_only_their_grids_project()
    {
        var places = await _api.PlacesAsync();
        using var grid = await app.ClientAsAsync("grid01");
        using var community = await app.ClientAsAsync("community01");
        using var commander = await app.ClientAsAsync("commander");

        var own = await CreateProjectAsync(grid, Project(2026, null, places.Grid1, Unique("楼道微更新")));
        Assert.Equal("GridBranch", own.GetProperty("tier").GetString());
        Assert.Equal(places.Community1, own.GetProperty("communityId").GetGuid());
        Assert.True(own.GetProperty("canEdit").GetBoolean());
        Assert.False(own.GetProperty("canEvaluate").GetBoolean());
        await CreateProjectAsync(grid, Project(2026, null, places.Grid2, Unique("别的网格")), HttpStatusCode.Forbidden);
        await CreateProjectAsync(grid, Project(2026, places.Community1, null, Unique("社区项目")), HttpStatusCode.Forbidden);
        await CreateProjectAsync(community, Project(2026, null, null, Unique("街道项目")), HttpStatusCode.Forbidden);

        var neighbour = await CreateProjectAsync(commander, Project(2026, null, places.Grid2, Unique("二网格项目")));
        var seen = await ReadAsync(grid.GetAsync($"/api/v1/secretary-projects/{Id(neighbour)}", Ct), HttpStatusCode.OK);
        Assert.False(seen.GetProperty("canEdit").GetBoolean());
        await PutAsync(grid, seen, "越权修改", HttpStatusCode.Forbidden);
        await ReadAsync(grid.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(neighbour)}/milestones", new { version = seen.GetProperty("version").GetInt32(), title = "x", dueOn = "2026-06-30" }, Ct), HttpStatusCode.Forbidden);

        var renamed = await PutAsync(grid, own, "楼道微更新（一网格）");
        Assert.Equal("楼道微更新（一网格）", renamed.GetProperty("title").GetString());
        await PutAsync(grid, own, "旧版本", HttpStatusCode.Conflict);
        // The community general branch covers its grids' projects.
        Assert.Equal("社区改名", (await PutAsync(community, await ReadAsync(community.GetAsync($"/api/v1/secretary-projects/{Id(neighbour)}", Ct), HttpStatusCode.OK), "社区改名")).GetProperty("title").GetString());

        var invalid = await CreateProjectAsync(grid, new { year = 1999, gridId = places.Grid1, title = "", secretaryName = "", goals = "" }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "year", "title", "secretaryName", "goals" })
        {
            Assert.True(invalid.GetProperty("errors").TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Milestones_drive_progress_items_link_within_the_place_and_the_tier_above_evaluates()
    {
        var places = await _api.PlacesAsync();
        using var grid = await app.ClientAsAsync("grid01");
        using var community = await app.ClientAsAsync("community01");
        using var commander = await app.ClientAsAsync("commander");
        var p = await CreateProjectAsync(grid, Project(2027, null, places.Grid1, Unique("一老一小"),
            [new { title = "摸排需求", dueOn = "2027-03-31" }, new { title = "结对服务", dueOn = "2027-09-30" }]));
        Assert.Equal(0, p.GetProperty("progress").GetInt32());

        var first = p.GetProperty("milestones")[0].GetProperty("id").GetGuid();
        p = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/milestones/{first}/complete", new { version = p.GetProperty("version").GetInt32(), doneOn = "2027-03-20", note = "摸排 120 户" }, Ct), HttpStatusCode.OK);
        Assert.Equal(50, p.GetProperty("progress").GetInt32());
        Assert.Equal("2027-03-20", p.GetProperty("milestones")[0].GetProperty("doneOn").GetString());
        p = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/milestones", new { version = p.GetProperty("version").GetInt32(), title = "总结", dueOn = "2027-12-15" }, Ct), HttpStatusCode.OK);
        Assert.Equal(33, p.GetProperty("progress").GetInt32());

        // Links: a need of the grid, yes; a need of another community, no.
        var need = await CreateAsync(grid, Need(Unique("一老一小需求"), places.Community1, places.Grid1));
        var elsewhere = await CreateAsync(commander, Need(Unique("别处"), places.Community2));
        var version = p.GetProperty("version").GetInt32();
        var refused = await ReadAsync(grid.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/items", new { version, itemIds = new[] { Id(need), Id(elsewhere) } }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("itemIds", out _));
        p = await ReadAsync(grid.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/items", new { version, itemIds = new[] { Id(need) } }, Ct), HttpStatusCode.OK);
        Assert.Equal([Id(need)], p.GetProperty("items").EnumerateArray().Select(Id));

        // Evaluation: not by the grid itself; by its community, mid-year then year-end.
        await ReadAsync(grid.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/evaluations", new { version = p.GetProperty("version").GetInt32(), stage = "MidYear", grade = "Excellent" }, Ct), HttpStatusCode.Forbidden);
        p = await ReadAsync(community.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/evaluations", new { version = p.GetProperty("version").GetInt32(), stage = "MidYear", grade = "Good", comment = "进度正常" }, Ct), HttpStatusCode.OK);
        p = await ReadAsync(community.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/evaluations", new { version = p.GetProperty("version").GetInt32(), stage = "YearEnd", grade = "Excellent" }, Ct), HttpStatusCode.OK);
        Assert.Equal(["MidYear:Good", "YearEnd:Excellent"], p.GetProperty("evaluations").EnumerateArray().Select(e => $"{e.GetProperty("stage").GetString()}:{e.GetProperty("grade").GetString()}"));

        // The tree: street, community and grid tiers in their places.
        var street = await CreateProjectAsync(commander, Project(2027, null, null, Unique("街道书记项目")));
        var communityProject = await CreateProjectAsync(community, Project(2027, places.Community1, null, Unique("社区书记项目")));
        var tree = await ReadAsync(grid.GetAsync("/api/v1/secretary-projects?year=2027", Ct), HttpStatusCode.OK);
        Assert.Contains(tree.GetProperty("street").EnumerateArray(), s => Id(s) == Id(street) && s.GetProperty("tier").GetString() == "StreetCommittee");
        var node = tree.GetProperty("communities").EnumerateArray().Single(c => Id(c) == places.Community1);
        Assert.Contains(node.GetProperty("projects").EnumerateArray(), s => Id(s) == Id(communityProject));
        var gridNode = node.GetProperty("grids").EnumerateArray().Single(g => Id(g) == places.Grid1);
        var summary = gridNode.GetProperty("projects").EnumerateArray().Single(s => Id(s) == Id(p));
        Assert.Equal(33, summary.GetProperty("progress").GetInt32());
        Assert.Equal("Good", summary.GetProperty("midYear").GetString());
        Assert.Equal("Excellent", summary.GetProperty("yearEnd").GetString());

        // Street and community projects are evaluated by the street.
        await ReadAsync(community.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(communityProject)}/evaluations", new { version = communityProject.GetProperty("version").GetInt32(), stage = "MidYear", grade = "Good" }, Ct), HttpStatusCode.Forbidden);
        using var leader = await app.ClientAsAsync("leader");
        await ReadAsync(leader.PostAsJsonAsync($"/api/v1/secretary-projects/{Id(communityProject)}/evaluations", new { version = communityProject.GetProperty("version").GetInt32(), stage = "MidYear", grade = "Good" }, Ct), HttpStatusCode.OK);

        // Figures for the command centre: the community's projects of the year (its own and its grids').
        var figures = await app.WithScopeAsync(sp => sp.GetRequiredService<IServiceListFigures>().ProjectsForYearAsync(2027, Ct));
        var mine = figures.Single(f => f.CommunityId == places.Community1);
        Assert.Equal(2, mine.Projects);
        Assert.Equal(1, mine.MilestonesDone);
        Assert.Equal(3, mine.MilestonesTotal);
        Assert.Equal(17, mine.AverageProgress);
    }

    [Fact]
    public async Task A_department_changes_no_project_and_a_grid_secretary_links_only_their_grids_items_to_their_project()
    {
        var places = await _api.PlacesAsync();
        using var grid = await app.ClientAsAsync("grid01");
        using var dept = await app.ClientAsAsync("dept-cg");
        using var commander = await app.ClientAsAsync("commander");
        var own = await CreateProjectAsync(grid, Project(2026, null, places.Grid1, Unique("网格项目")));
        var community = await CreateProjectAsync(commander, Project(2026, places.Community1, null, Unique("社区项目")));

        // A department account reads the shared tree but creates, edits and links nothing.
        await CreateProjectAsync(dept, Project(2026, places.Community1, null, Unique("部门越权")), HttpStatusCode.Forbidden);
        await CreateProjectAsync(dept, Project(2026, null, null, Unique("部门越权")), HttpStatusCode.Forbidden);
        foreach (var p in new[] { own, community })
        {
            var seen = await ReadAsync(dept.GetAsync($"/api/v1/secretary-projects/{Id(p)}", Ct), HttpStatusCode.OK);
            Assert.False(seen.GetProperty("canEdit").GetBoolean());
            await PutAsync(dept, seen, "部门改名", HttpStatusCode.Forbidden);
            await ReadAsync(dept.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(p)}/items", new { version = seen.GetProperty("version").GetInt32(), itemIds = Array.Empty<Guid>() }, Ct), HttpStatusCode.Forbidden);
        }

        // The grid secretary links their grid's need to their project; not another grid's, and not to the community's project.
        var mine = await CreateAsync(grid, Need(Unique("本网格需求"), places.Community1, places.Grid1));
        var neighbours = await CreateAsync(commander, Need(Unique("二网格需求"), places.Community1, places.Grid2));
        var refused = await ReadAsync(grid.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(own)}/items", new { version = own.GetProperty("version").GetInt32(), itemIds = new[] { Id(mine), Id(neighbours) } }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("itemIds", out _));
        var linked = await ReadAsync(grid.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(own)}/items", new { version = own.GetProperty("version").GetInt32(), itemIds = new[] { Id(mine) } }, Ct), HttpStatusCode.OK);
        Assert.Equal([Id(mine)], linked.GetProperty("items").EnumerateArray().Select(Id));
        await ReadAsync(grid.PutAsJsonAsync($"/api/v1/secretary-projects/{Id(community)}/items", new { version = community.GetProperty("version").GetInt32(), itemIds = new[] { Id(mine) } }, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_figures_count_items_opened_and_closed_on_time_per_community()
    {
        var places = await _api.PlacesAsync();
        using var commander = await app.ClientAsAsync("commander");
        var figures = () => app.WithScopeAsync(sp => sp.GetRequiredService<IServiceListFigures>().ForMonthAsync("2033-03", Ct));
        Assert.Equal(0, (await figures()).Single(f => f.CommunityId == places.Community2).Opened);

        var late = await CreateAsync(commander, Need(Unique("逾期"), places.Community2, month: "2033-03", deadline: "2026-01-01"));
        await CreateAsync(commander, Need(Unique("按期"), places.Community2, month: "2033-03", deadline: "2033-03-31"));
        await CreateAsync(commander, Resource(Unique("资源不计"), places.Community2));
        var f = (await figures()).Single(x => x.CommunityId == places.Community2);
        Assert.Equal(2, f.Opened);
        Assert.Equal(1, f.OpenOverdue);

        var thisMonth = Jiexin.Modules.ServiceLists.Domain.ListRules.MonthOf(DateTime.UtcNow);
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<IServiceListFigures>().ForMonthAsync(thisMonth, Ct));
        await CloseAsync(commander, late, "补办完成");
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<IServiceListFigures>().ForMonthAsync(thisMonth, Ct));
        var (b, a) = (before.Single(x => x.CommunityId == places.Community2), after.Single(x => x.CommunityId == places.Community2));
        Assert.Equal(b.Closed + 1, a.Closed);
        Assert.Equal(b.ClosedOnTime, a.ClosedOnTime);
        Assert.Equal(0, (await figures()).Single(x => x.CommunityId == places.Community2).OpenOverdue);
    }
}

public sealed class SecretaryProjectTests_Sqlite(SqliteApp app) : SecretaryProjectTests(app), IClassFixture<SqliteApp>;

public sealed class SecretaryProjectTests_Postgres(PostgresApp app) : SecretaryProjectTests(app), IClassFixture<PostgresApp>;
