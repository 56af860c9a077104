using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.EventApi;

namespace Jiexin.IntegrationTests.Modules.Events.AttributionQuality;

/// <summary>
/// The live quality figures: the model's first choice is remembered at intake, a triage that changes the category
/// counts as disagreement once dispatched, undispatched events don't count towards agreement. Other tests of the class
/// report events too, so the figures are compared before and after (tests of a class run one at a time).
/// </summary>
public abstract class AttributionQualityTests(JiexinApp app)
{
    private const string Quality = "/api/v1/events/attribution-quality?days=30";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Figures_count_first_choice_agreement_confidence_and_unchanged_dispatch()
    {
        var api = new EventApi(app);
        using var commander = await app.ClientAsAsync("commander");
        var before = await commander.GetFromJsonAsync<JsonElement>(Quality, Ct);

        using var resident = await app.ClientAsAsync("resident01");
        var corrected = await api.ReportAsync(resident, "小区门口路灯不亮好几天了，晚上很黑");
        var kept = await api.ReportAsync(resident, "楼道里堆满杂物，消防通道被堵住了");
        var waiting = await api.ReportAsync(resident, "马路上有个大坑，车子经过很危险");
        var reported = new[] { corrected, kept, waiting };

        // Intake remembers the model's first choice and whether it was confident, exactly as the attributor answers.
        var stored = await app.WithScopeAsync(async sp =>
        {
            var ids = reported.Select(Id).ToList();
            var rows = await sp.GetRequiredService<JiexinDbContext>().Set<Event>().AsNoTracking()
                .Where(e => ids.Contains(e.Id)).ToListAsync(Ct);
            return ids.Select(id => rows.Single(r => r.Id == id)).ToList();
        });
        foreach (var e in stored)
        {
            var expected = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventAttributor>()
                .AttributeAsync(new AttributionRequest(e.Description, e.Latitude, e.Longitude, e.GridId, e.CommunityId), Ct));
            Assert.NotNull(e.AttributedCategoryCode);
            Assert.Equal(expected.Top.Code, e.AttributedCategoryCode);
            Assert.Equal(e.CategoryCode, e.AttributedCategoryCode);
            Assert.Equal(expected.IsConfident, e.AttributionConfident);
        }

        // A person corrects the first event's category at triage, then both it and the second are dispatched.
        var other = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ICategoryDirectory>().Groups
            .SelectMany(g => g.Subcategories).First(s => s.Code != stored[0].AttributedCategoryCode)));
        var cg = await api.DepartmentAsync("城管");
        var triaged = await OkAsync(ActAsync(commander, corrected, "Triage", new { categoryCode = other.Code, categoryName = $"{other.CategoryName} · {other.SubcategoryName}" }));
        Assert.Equal(other.Code, triaged.GetProperty("category").GetString());
        await OkAsync(ActAsync(commander, triaged, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        await OkAsync(ActAsync(commander, kept, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));

        var after = await commander.GetFromJsonAsync<JsonElement>(Quality, Ct);
        int Delta(string name) => after.GetProperty(name).GetInt32() - before.GetProperty(name).GetInt32();
        Assert.Equal(30, after.GetProperty("days").GetInt32());
        Assert.Equal(3, Delta("attributed"));
        Assert.Equal(stored.Count(e => e.AttributionConfident), Delta("confident"));
        Assert.Equal(2, Delta("dispatched"));
        Assert.Equal(1, Delta("agreed"));
        Assert.Equal(stored[1].AttributionConfident ? 1 : 0, Delta("dispatchedUnchanged"));
        var rate = after.GetProperty("agreementRate").GetDouble();
        Assert.Equal((double)after.GetProperty("agreed").GetInt32() / after.GetProperty("dispatched").GetInt32(), rate, 6);

        // The days add up to the window's totals, and today's holds the three new reports.
        int DaySum(JsonElement figures, string name) => figures.GetProperty("trend").EnumerateArray().Sum(d => d.GetProperty(name).GetInt32());
        foreach (var name in new[] { "attributed", "dispatched", "agreed" })
        {
            Assert.Equal(after.GetProperty(name).GetInt32(), DaySum(after, name));
        }

        var days = after.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(31, days.Count); // 30 days back from now start on the 31st China date before today's end
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, days[^1].GetProperty("day").GetString());
        int Today(JsonElement figures, string name) => figures.GetProperty("trend").EnumerateArray().Last().GetProperty(name).GetInt32();
        Assert.Equal(3, Today(after, "attributed") - Today(before, "attributed"));

        // The correction made at triage is listed as "model said X, dispatched as Y".
        int Corrections(JsonElement figures) => figures.GetProperty("corrections").EnumerateArray()
            .Where(c => c.GetProperty("fromCode").GetString() == stored[0].AttributedCategoryCode && c.GetProperty("toCode").GetString() == other.Code)
            .Select(c => c.GetProperty("count").GetInt32()).FirstOrDefault();
        Assert.Equal(1, Corrections(after) - Corrections(before));
        Assert.All(after.GetProperty("corrections").EnumerateArray(), c => Assert.NotEqual(c.GetProperty("fromCode").GetString(), c.GetProperty("toCode").GetString()));

        // Per 大类 of the first choice: the corrected event counts as dispatched but not agreed in its group.
        var group = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ICategoryDirectory>().Groups
            .First(g => g.Subcategories.Any(s => s.Code == stored[0].AttributedCategoryCode))));
        int GroupFigure(JsonElement figures, string name) =>
            figures.GetProperty("categories").EnumerateArray().Where(c => c.GetProperty("code").GetString() == group.Code)
                .Select(c => c.GetProperty(name).GetInt32()).FirstOrDefault();
        var sameGroupKept = stored.Skip(1).Take(1).Count(e => group.Subcategories.Any(s => s.Code == e.AttributedCategoryCode));
        Assert.Equal(1 + sameGroupKept, GroupFigure(after, "dispatched") - GroupFigure(before, "dispatched"));
        Assert.Equal(sameGroupKept, GroupFigure(after, "agreed") - GroupFigure(before, "agreed"));
    }

    [Fact]
    public async Task Figures_are_for_the_command_centre_and_reject_odd_windows()
    {
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync(Quality, Ct)).StatusCode);
        using var leader = await app.ClientAsAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(Quality, Ct)).StatusCode);

        var bad = await leader.GetAsync("/api/v1/events/attribution-quality?days=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("days", await bad.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_page_shows_the_figures_to_the_command_centre_only()
    {
        using var commander = new PageSession(app);
        await commander.LoginAsync("commander", JiexinApp.DemoPassword);
        var html = await PageSession.ReadHtmlAsync(await commander.Client.GetAsync("/events/attribution-quality", Ct));
        Assert.Contains("data-testid=\"quality-agreement\"", html);
        Assert.Contains("data-testid=\"quality-categories\"", html);

        using var grid = new PageSession(app);
        await grid.LoginAsync("grid01", JiexinApp.DemoPassword);
        var denied = await PageSession.ReadHtmlAsync(await grid.Client.GetAsync("/events/attribution-quality", Ct));
        Assert.DoesNotContain("data-testid=\"quality-agreement\"", denied);
    }
}

public sealed class AttributionQualityTests_Sqlite(SqliteApp app) : AttributionQualityTests(app), IClassFixture<SqliteApp>;

public sealed class AttributionQualityTests_Postgres(PostgresApp app) : AttributionQualityTests(app), IClassFixture<PostgresApp>;
