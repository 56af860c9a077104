using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Calendar.ListCalendarDays;

/// <summary>The special days (放假, 调休上班) of one year, in date order.</summary>
public static class ListCalendarDays
{
    public sealed record Query(int Year);

    public sealed record Item(Guid Id, DateOnly Date, CalendarDayKind Kind, string Name, bool Provisional, int Version);

    /// <param name="Provisional">Some days of the year are still the shipped estimate, not checked against the announcement.</param>
    public sealed record Response(int Year, bool Provisional, IReadOnlyList<Item> Days);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Response> Handle(Query query, CancellationToken ct)
        {
            var first = new DateOnly(query.Year, 1, 1);
            var next = first.AddYears(1);
            var days = await db.Set<CalendarDay>().AsNoTracking()
                .Where(d => d.Date >= first && d.Date < next)
                .OrderBy(d => d.Date)
                .Select(d => new Item(d.Id, d.Date, d.Kind, d.Name, d.Provisional, d.Version))
                .ToListAsync(ct);
            return new Response(query.Year, days.Any(d => d.Provisional), days);
        }

        public Task<Item?> Find(Guid id, CancellationToken ct) =>
            db.Set<CalendarDay>().AsNoTracking()
                .Where(d => d.Id == id)
                .Select(d => new Item(d.Id, d.Date, d.Kind, d.Name, d.Provisional, d.Version))
                .SingleOrDefaultAsync(ct);

        /// <summary>The years that have any special day, ascending (a few hundred dates: grouped here, not in SQL).</summary>
        public async Task<IReadOnlyList<int>> Years(CancellationToken ct)
        {
            var dates = await db.Set<CalendarDay>().AsNoTracking().Select(d => d.Date).ToListAsync(ct);
            return [.. dates.Select(d => d.Year).Distinct().Order()];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder calendar) =>
        calendar.MapGet("/days", async Task<Results<Ok<Response>, ValidationProblem>> (int? year, Handler handler, TimeProvider clock, CancellationToken ct) =>
            {
                var wanted = year ?? ChinaTime.Today(clock).Year;
                if (wanted is < CalendarDayKinds.FirstYear or > CalendarDayKinds.LastYear)
                {
                    return Problems.Validation("year", $"年份须在 {CalendarDayKinds.FirstYear} 至 {CalendarDayKinds.LastYear} 之间");
                }

                return TypedResults.Ok(await handler.Handle(new Query(wanted), ct));
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Calendar.ListDays")
            .WithSummary("某年的节假日与调休上班日（year 缺省为今年）");
}
