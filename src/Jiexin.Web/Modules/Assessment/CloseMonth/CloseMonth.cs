using System.Security.Claims;
using Jiexin.Modules.Assessment.Scoring;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Assessment.CloseMonth;

/// <summary>
/// 封存: a month that has ended is scored once with the rules in force and kept as it is (later changes to events or
/// rules do not move it). The command centre or Admin may close it; otherwise the job does, <see cref="GraceDays"/>
/// days into the next month (so answers to the month's last dispatches and summonses are in).
/// </summary>
public static class CloseMonth
{
    public const int GraceDays = 5;

    public sealed record Closed(string Month, DateTime ClosedAt, int RuleSetNumber);

    public enum Status
    {
        Done,
        Invalid,
        AlreadyClosed,
    }

    public sealed record Outcome(Status Status, Closed? Result = null, string? Message = null);

    public sealed class Handler(AssessmentMonths months)
    {
        public async Task<Outcome> Handle(string month, string? closedByName, CancellationToken ct)
        {
            if (!AssessmentMonths.TryParse(month, out var m))
            {
                return new(Status.Invalid, Message: "月份格式应为 yyyy-MM，例如 2026-11。");
            }

            if (string.CompareOrdinal(m, months.CurrentMonth) >= 0)
            {
                return new(Status.Invalid, Message: "只能封存已经结束的月份。");
            }

            if (!await months.CloseAsync(m, closedByName, ct))
            {
                return new(Status.AlreadyClosed, Message: $"{m} 的考核已封存，不能重复封存。");
            }

            var closed = await months.GetAsync(m, ct);
            return new(Status.Done, new Closed(m, closed.ClosedAt!.Value, closed.Rules.Number));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/months/{month}/close", async Task<Results<Ok<Closed>, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(month, user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Result!),
                    Status.AlreadyClosed => Problems.Conflict(outcome.Message!),
                    _ => Problems.Validation("month", outcome.Message!),
                };
            })
            .RequireAuthorization(p => p.RequireRole(AssessmentAccess.Closers))
            .WithName("Assessment.CloseMonth");
}

/// <summary>Closes the previous month once it is <see cref="CloseMonth.GraceDays"/> days over; idempotent (the month is the key).</summary>
public sealed class CloseAssessmentMonthJob(AssessmentMonths months, TimeProvider clock) : IRecurringJob
{
    public string Name => "assessment-close-month";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (today.Day <= CloseMonth.GraceDays)
        {
            return 0;
        }

        var previous = AssessmentMonths.MonthOf(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        return await months.CloseAsync(previous, null, ct) ? 1 : 0;
    }
}
