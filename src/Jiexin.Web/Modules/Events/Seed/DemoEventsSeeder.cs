using System.Security.Claims;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Report = Jiexin.Modules.Events.ReportEvent.ReportEvent;
using Act = Jiexin.Modules.Events.ActOnEvent.ActOnEvent;

namespace Jiexin.Modules.Events.Seed;

/// <summary>
/// Three weeks of the five-step loop in the demo subdistrict, so a first start shows a working command centre rather
/// than empty screens: reports from residents, patrols and phone calls, handled in the grid (小事不出村), dispatched
/// to 城管, corrected at triage, returned, whistled with a summoned department checking in, rejected, rated — and
/// today's reports still waiting. Every event goes through the real intake and workflow handlers as the demo
/// account who would act (timeline, deadlines, figures and notifications as in use), on a clock set back to the
/// moment of each step. Runs once, on an install with the demo accounts and no event (<c>Jiexin:SeedDemoEvents</c>,
/// on by default; the test suites turn it off and one test turns it on).
/// </summary>
internal sealed class DemoEventsSeeder(
    IServiceScopeFactory scopes,
    UserManager<JiexinUser> users,
    IUserClaimsPrincipalFactory<JiexinUser> principals,
    ITerritoryLookup territory,
    IGridLocator locator,
    ICategoryDirectory categories,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoEventsSeeder> logger) : IStartupTask
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private IServiceScopeFactory Scopes => scopes;

    private ICategoryDirectory CategoryDirectory => categories;

    public int Order => 300; // after the accounts (200): every step is taken as a demo account

    public async Task RunAsync(CancellationToken ct)
    {
        if (!DemoStories.Enabled(configuration))
        {
            return;
        }

        await using (var probe = scopes.CreateAsyncScope())
        {
            if (await probe.ServiceProvider.GetRequiredService<JiexinDbContext>().Set<Event>().AnyAsync(ct))
            {
                return;
            }
        }

        var cast = await CastAsync();
        if (cast is null)
        {
            return; // not the demo install: its accounts or territory are missing
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var run = new Run(this, cast, new SettableClock(), now);
        try
        {
            foreach (var story in DemoEventStories.All)
            {
                await story(run, ct);
            }

            logger.LogInformation("Seeded {Count} demo events", run.Reported);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A demo that cannot be played to the end must not stop the app from starting; what was saved stays.
            logger.LogError(ex, "Seeding demo events stopped after {Count} events", run.Reported);
        }
    }

    private async Task<Cast?> CastAsync()
    {
        var names = new[] { "commander", "community01", "grid01", "dept-cg", "resident01", "resident02" };
        var found = new Dictionary<string, ClaimsPrincipal>();
        foreach (var name in names)
        {
            if (await users.FindByNameAsync(name) is not { } user)
            {
                return null;
            }

            found[name] = await principals.CreateAsync(user);
        }

        var cg = territory.FindDepartmentByShortName("城管");
        var building = territory.FindDepartmentByShortName("住建");
        var community = territory.Communities.FirstOrDefault();
        var outlines = territory.GridOutlines;
        if (cg is null || building is null || community is null)
        {
            return null;
        }

        var own = territory.GridsOf(community.Id);
        var elsewhere = outlines.Where(o => o.CommunityId != community.Id).ToList();
        if (own.Count < 2 || elsewhere.Count < 7)
        {
            return null;
        }

        return new Cast(found, cg, building, community, [.. own.Select(g => outlines.Single(o => o.Id == g.Id))], elsewhere);
    }

    /// <summary>A point inside the grid, spread by the seed so a grid's events do not sit on one pin.</summary>
    private (double Latitude, double Longitude) PlaceIn(GridOutline grid, Random random)
    {
        var shape = JsonSerializer.Deserialize<Geometry>(grid.BoundaryGeoJson, GeoJson)!;
        var box = shape.EnvelopeInternal;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var lng = box.MinX + (box.Width * (0.15 + (0.7 * random.NextDouble())));
            var lat = box.MinY + (box.Height * (0.15 + (0.7 * random.NextDouble())));
            if (locator.Locate(lat, lng) is { Match: GridMatch.Inside } hit && hit.GridId == grid.Id)
            {
                return (Math.Round(lat, 6), Math.Round(lng, 6));
            }
        }

        var inside = shape.InteriorPoint.Coordinate;
        return (inside.Y, inside.X);
    }

    internal sealed record Cast(
        IReadOnlyDictionary<string, ClaimsPrincipal> People,
        OrgUnitSummary Cg,
        OrgUnitSummary Building,
        OrgUnitSummary Community,
        IReadOnlyList<GridOutline> OwnGrids,
        IReadOnlyList<GridOutline> OtherGrids);

    /// <summary>One playing of the demo: who acts, on which clock, and the steps of one event after another.</summary>
    internal sealed class Run(DemoEventsSeeder seeder, Cast cast, SettableClock demoClock, DateTime now)
    {
        private readonly Random _random = new(20261206);

        public Cast Cast => cast;

        public DateTime Now => now;

        public int Reported { get; private set; }

        public ICategoryDirectory Categories => seeder.CategoryDirectory;

        /// <summary>
        /// A report at <paramref name="at"/> (UTC): a resident or a patrol gives a place in the grid, staff taking a
        /// call pick the grid.
        /// </summary>
        public async Task<Story> ReportAsync(DateTime at, string who, EventChannel channel, GridOutline grid, string text, CancellationToken ct,
            (double Latitude, double Longitude)? near = null)
        {
            demoClock.UtcNow = at;
            var byPlace = channel is EventChannel.Resident or EventChannel.Patrol || near is not null;
            var (lat, lng) = near is { } n
                ? (Math.Round(n.Latitude + ((_random.NextDouble() - 0.5) * 0.0006), 6), Math.Round(n.Longitude + ((_random.NextDouble() - 0.5) * 0.0006), 6))
                : seeder.PlaceIn(grid, _random);
            var body = new Report.Request(text, byPlace ? lat : null, byPlace ? lng : null, null, false, channel, byPlace ? null : grid.Id);
            await using var scope = seeder.Scopes.CreateAsyncScope();
            var handler = ActivatorUtilities.CreateInstance<Report.Handler>(scope.ServiceProvider, demoClock);
            var outcome = await handler.Handle(new Report.Command(body, null, cast.People[who]), ct);
            if (outcome.Event is not { } e)
            {
                throw new InvalidOperationException($"Demo report refused: {string.Join("; ", outcome.Errors?.SelectMany(x => x.Value) ?? [])}");
            }

            Reported++;
            return new Story(this, e.Id, e.Version, at, grid, lat, lng);
        }

        /// <summary>A place in the grid for several reports of one thing (each lands within ~40 m of it).</summary>
        public (double Latitude, double Longitude) PlaceIn(GridOutline grid) => seeder.PlaceIn(grid, _random);

        public async Task<int> ActAsync(Guid id, int version, DateTime at, string who, EventAction action, Act.Request body, CancellationToken ct)
        {
            demoClock.UtcNow = at;
            await using var scope = seeder.Scopes.CreateAsyncScope();
            var handler = ActivatorUtilities.CreateInstance<Act.Handler>(scope.ServiceProvider, demoClock);
            var outcome = await handler.Handle(id, action.ToString(), body with { Version = version }, cast.People[who], ct);
            return outcome is { Status: Act.Status.Done, Event: { } e }
                ? e.Version
                : throw new InvalidOperationException($"Demo step {action} by {who} refused: {outcome.Status} {outcome.Message}");
        }
    }

    /// <summary>One demo event and the moment its last step was taken; each step comes some hours after the one before.</summary>
    internal sealed class Story(Run run, Guid id, int version, DateTime at, GridOutline grid, double latitude, double longitude)
    {
        private int _version = version;

        public DateTime At { get; private set; } = at;

        public Guid Id => id;

        public async Task Then(double hours, string who, EventAction action, string? note = null, CancellationToken ct = default,
            OrgUnitKind? assigneeKind = null, Guid? assignee = null, string? categoryCode = null, string? categoryName = null,
            IReadOnlyList<Guid>? departments = null, int? rating = null, bool here = false)
        {
            var at = At.AddHours(hours);
            if (at >= run.Now)
            {
                return; // the demo never writes the future: a story started late stops where the present is
            }

            _version = await run.ActAsync(id, _version, at, who, action, new Act.Request(
                null, note, assigneeKind, assignee, null, null, categoryCode, categoryName, null, departments, departments?[0],
                here ? latitude : null, here ? longitude : null, rating), ct);
            At = at;
        }

        public GridOutline Grid => grid;
    }
}
