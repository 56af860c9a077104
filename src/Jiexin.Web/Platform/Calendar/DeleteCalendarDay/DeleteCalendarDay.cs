using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Calendar.DeleteCalendarDay;

/// <summary>Removes a special day: the date follows the plain week again. The calendar is reloaded at once.</summary>
public static class DeleteCalendarDay
{
    public const string StaleMessage = "该日期已被他人修改，请刷新后再决定是否删除。";

    /// <param name="Version">The version the user saw; null skips the check.</param>
    public sealed record Command(Guid Id, int? Version);

    public abstract record Result
    {
        public sealed record Deleted : Result;

        public sealed record NotFound : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, CachedWorkingCalendar calendar)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Id == command.Id, ct);
            if (day is null)
            {
                return new Result.NotFound();
            }

            if (command.Version is { } version && version != day.Version)
            {
                return new Result.Conflict(StaleMessage);
            }

            db.Remove(day);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict(StaleMessage);
            }

            await calendar.ReloadAsync(ct);
            return new Result.Deleted();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder calendar) =>
        calendar.MapDelete("/days/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, version), ct) switch
                {
                    Result.Deleted => TypedResults.NoContent(),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("该日期安排不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Calendar.DeleteDay")
            .WithSummary("删除节假日或调休上班日（?version= 为所见版本，旧版本返回 409）");
}
