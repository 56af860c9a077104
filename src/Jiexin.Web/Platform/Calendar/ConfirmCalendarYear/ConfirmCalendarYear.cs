using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ListHandler = Jiexin.Platform.Calendar.ListCalendarDays.ListCalendarDays.Handler;
using Response = Jiexin.Platform.Calendar.ListCalendarDays.ListCalendarDays.Response;

namespace Jiexin.Platform.Calendar.ConfirmCalendarYear;

/// <summary>
/// The Admin has checked a year against the 国务院办公厅 notice (after adding its 调休上班 days and any other change):
/// its provisional days become confirmed. Tracked updates, so each day is versioned and audited.
/// </summary>
public static class ConfirmCalendarYear
{
    public sealed record Command(int Year);

    public sealed class Handler(JiexinDbContext db, ListHandler read)
    {
        public async Task<Response> Handle(Command command, CancellationToken ct)
        {
            var first = new DateOnly(command.Year, 1, 1);
            var next = first.AddYears(1);
            var days = await db.Set<CalendarDay>().Where(d => d.Date >= first && d.Date < next && d.Provisional).ToListAsync(ct);
            foreach (var day in days)
            {
                day.Provisional = false;
            }

            await db.SaveChangesAsync(ct);
            return await read.Handle(new(command.Year), ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder calendar) =>
        calendar.MapPost("/years/{year:int}/confirmation", async Task<Results<Ok<Response>, ValidationProblem>> (int year, Handler handler, CancellationToken ct) =>
                year is < CalendarDayKinds.FirstYear or > CalendarDayKinds.LastYear
                    ? Problems.Validation("year", $"年份须在 {CalendarDayKinds.FirstYear} 至 {CalendarDayKinds.LastYear} 之间")
                    : TypedResults.Ok(await handler.Handle(new Command(year), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("Calendar.ConfirmYear")
            .WithSummary("确认某年的暂定安排已与国务院办公厅通知核对无误");
}
