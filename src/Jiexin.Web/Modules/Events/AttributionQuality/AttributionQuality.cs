using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.AttributionQuality;

/// <summary>
/// <c>GET /api/v1/events/attribution-quality?days=30</c>: live quality of the attribution model for the command centre,
/// over events reported in the last <c>days</c> days that the model recognised. Agreement (first choice == current
/// category) is counted only among events that reached dispatch (派单 or 自行处置): before that nobody has had the
/// chance to correct the category, so open queue items would inflate it.
/// </summary>
public static class AttributionQuality
{
    public const string AllowedRoles = $"{Roles.Commander},{Roles.Leader},{Roles.Admin}";

    public const int DefaultDays = 30;

    public const int MaxDays = 366;

    /// <summary>Timeline actions that put an event in someone's hands: the category has been looked at by then.</summary>
    private static readonly string[] DispatchActions = [nameof(EventAction.Dispatch), nameof(EventAction.SelfHandle)];

    public sealed record Query(int? Days = null);

    /// <summary>
    /// <see cref="Attributed"/>: events in the window with a model choice; <see cref="Confident"/>: of those, above the
    /// auto-dispatch threshold; <see cref="Dispatched"/>: of those, reached dispatch; <see cref="Agreed"/>: of the
    /// dispatched, first choice kept; <see cref="DispatchedUnchanged"/>: of the dispatched, confident and kept (no
    /// person had to change the category). Rates are 0..1, null when their base is empty.
    /// </summary>
    public sealed record Result(
        int Days,
        DateTime Since,
        int Attributed,
        int Confident,
        double? ConfidentShare,
        int Dispatched,
        int Agreed,
        double? AgreementRate,
        int DispatchedUnchanged,
        double? DispatchedUnchangedShare,
        IReadOnlyList<CategoryRow> Categories,
        IReadOnlyList<DayRow> Trend,
        IReadOnlyList<CorrectionRow> Corrections);

    /// <summary>One China calendar day of the window (every day, empty ones included; the first one partial), by the day the event was reported.</summary>
    public sealed record DayRow(DateOnly Day, int Attributed, int Dispatched, int Agreed, double? AgreementRate);

    /// <summary>
    /// A correction dispatchers made most often: the model's first choice and the 小类 the event was dispatched under. These
    /// are where the taxonomy's phrases or the routing need a look.
    /// </summary>
    public sealed record CorrectionRow(string FromCode, string FromName, string ToCode, string ToName, int Count);

    /// <summary>How many corrections the figures list.</summary>
    public const int TopCorrections = 10;

    /// <summary>Agreement per 大类 of the model's first choice.</summary>
    public sealed record CategoryRow(string Code, string Name, int Attributed, int Dispatched, int Agreed, double? AgreementRate);

    public sealed class Handler(JiexinDbContext db, ICategoryDirectory categories, TimeProvider time)
    {
        public async Task<Result> Handle(int days, CancellationToken ct)
        {
            var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
            // One narrow row per event, read once for the totals, the days and the corrections: days are China dates,
            // which neither engine's date functions give alike (a subdistrict reports hundreds a day, so a month is a few
            // thousand small rows).
            var events = await db.Set<Event>().AsNoTracking()
                .Where(e => e.CreatedAt >= since && e.AttributedCategoryCode != null)
                .Select(e => new Seen(
                    e.CreatedAt,
                    e.AttributedCategoryCode!,
                    e.CategoryCode,
                    e.AttributionConfident,
                    e.Timeline.Any(t => DispatchActions.Contains(t.Action))))
                .ToListAsync(ct);
            var groups = events
                .GroupBy(e => new { e.Code, e.Confident, e.Dispatched, e.Kept })
                .Select(g => new Row(g.Key.Code, g.Key.Confident, g.Key.Dispatched, g.Key.Kept, g.Count()))
                .ToList();

            var groupOf = categories.Groups
                .SelectMany(g => g.Subcategories.Select(s => (s.Code, Group: g)))
                .ToDictionary(x => x.Code, x => x.Group);
            var perCategory = groups
                .GroupBy(r => groupOf.TryGetValue(r.Code, out var g) ? (g.Code, g.Name) : ("", "已停用类别"))
                .Select(g => Category(g.Key.Item1, g.Key.Item2, g.ToList()))
                .OrderByDescending(c => c.Attributed).ThenBy(c => c.Code, StringComparer.Ordinal)
                .ToList();

            var attributed = groups.Sum(r => r.Count);
            var confident = groups.Where(r => r.Confident).Sum(r => r.Count);
            var dispatched = groups.Where(r => r.Dispatched).Sum(r => r.Count);
            var agreed = groups.Where(r => r.Dispatched && r.Kept).Sum(r => r.Count);
            var unchanged = groups.Where(r => r.Dispatched && r.Kept && r.Confident).Sum(r => r.Count);
            return new Result(days, since, attributed, confident, Rate(confident, attributed), dispatched, agreed,
                Rate(agreed, dispatched), unchanged, Rate(unchanged, dispatched), perCategory,
                Trend(events, since), Corrections(events));
        }

        private IReadOnlyList<DayRow> Trend(List<Seen> events, DateTime since)
        {
            var byDay = events.GroupBy(e => DateOnly.FromDateTime(ChinaTime.FromUtc(e.CreatedAt))).ToDictionary(g => g.Key);
            // From the China date the window starts on to today: the first day is partial, so the days add up to the totals.
            var first = DateOnly.FromDateTime(ChinaTime.FromUtc(since));
            var today = ChinaTime.Today(time);
            return Enumerable.Range(0, today.DayNumber - first.DayNumber + 1)
                .Select(first.AddDays)
                .Select(day =>
                {
                    if (!byDay.TryGetValue(day, out var g))
                    {
                        return new DayRow(day, 0, 0, 0, null);
                    }

                    var dispatched = g.Count(e => e.Dispatched);
                    var agreed = g.Count(e => e.Dispatched && e.Kept);
                    return new DayRow(day, g.Count(), dispatched, agreed, Rate(agreed, dispatched));
                })
                .ToList();
        }

        private IReadOnlyList<CorrectionRow> Corrections(List<Seen> events) => events
            .Where(e => e.Dispatched && !e.Kept && e.Final is not null)
            .GroupBy(e => (From: e.Code, To: e.Final!))
            .Select(g => (g.Key.From, g.Key.To, Count: g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.From, StringComparer.Ordinal).ThenBy(p => p.To, StringComparer.Ordinal)
            .Take(TopCorrections)
            .Select(p => new CorrectionRow(p.From, NameOf(p.From), p.To, NameOf(p.To), p.Count))
            .ToList();

        private string NameOf(string code) => categories.Find(code) is { } c ? $"{c.CategoryName} · {c.SubcategoryName}" : $"{code}（已停用）";

        private static CategoryRow Category(string code, string name, List<Row> rows)
        {
            var dispatched = rows.Where(r => r.Dispatched).Sum(r => r.Count);
            var agreed = rows.Where(r => r.Dispatched && r.Kept).Sum(r => r.Count);
            return new CategoryRow(code, name, rows.Sum(r => r.Count), dispatched, agreed, Rate(agreed, dispatched));
        }

        private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

        private sealed record Row(string Code, bool Confident, bool Dispatched, bool Kept, int Count);

        /// <summary>An event of the window as the figures see it: when, the model's first choice, the category now.</summary>
        private sealed record Seen(DateTime CreatedAt, string Code, string? Final, bool Confident, bool Dispatched)
        {
            public bool Kept => Code == Final;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/attribution-quality", async Task<Results<Ok<Result>, ValidationProblem>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                query.Days is < 1 or > MaxDays
                    ? Problems.Validation("days", $"统计天数须在 1 到 {MaxDays} 之间。")
                    : TypedResults.Ok(await handler.Handle(query.Days ?? DefaultDays, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Commander, Roles.Leader, Roles.Admin))
            .WithName("Events.AttributionQuality");
}
