using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.Shared;

public enum WarningChangeStatus
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>What a change to an alert (acknowledge, assign, close, respond) came to; on a conflict, the alert as it is now.</summary>
public sealed record WarningChangeOutcome(WarningChangeStatus Status, WarningDto? Warning = null, string? Message = null, string? Field = null);

/// <summary>The parts every change to an alert shares: the version check on save and the HTTP answer.</summary>
internal static class WarningChange
{
    public const string Stale = "该预警刚被他人处理，请刷新后再操作。";

    public static WarningChangeOutcome NotFound() => new(WarningChangeStatus.NotFound, Message: "未找到该预警。");

    public static WarningChangeOutcome Invalid(string field, string message) => new(WarningChangeStatus.Invalid, Message: message, Field: field);

    public static WarningChangeOutcome Conflict(Warning w, IOrgDirectory orgs, string message = Stale) => new(WarningChangeStatus.Conflict, WarningDto.From(w, orgs), message);

    /// <summary>Saves the tracked alert against the version the actor saw; a concurrent change wins and is returned as the conflict.</summary>
    public static async Task<WarningChangeOutcome> SaveAsync(JiexinDbContext db, Warning w, int version, IOrgDirectory orgs, Func<WarningDto> done, CancellationToken ct)
    {
        db.Entry(w).Property(x => x.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<Warning>().AsNoTracking().SingleAsync(x => x.Id == w.Id, ct);
            return Conflict(current, orgs);
        }

        return new(WarningChangeStatus.Done, done());
    }

    public static Results<Ok<WarningDto>, ValidationProblem, ProblemHttpResult> ToHttp(WarningChangeOutcome outcome, string defaultField) => outcome.Status switch
    {
        WarningChangeStatus.Done => TypedResults.Ok(outcome.Warning!),
        WarningChangeStatus.Invalid => Problems.Validation(outcome.Field ?? defaultField, outcome.Message!),
        WarningChangeStatus.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
        WarningChangeStatus.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
            extensions: new Dictionary<string, object?> { ["current"] = outcome.Warning }),
        _ => Problems.NotFound(outcome.Message!),
    };
}
