using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.SelfGovernance.Shared;

public enum OutcomeStatus
{
    Done,
    Created,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>What a self-governance handler answers: the value, or why not (zh-CN message, field). A conflict carries the current state.</summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value = default, string? Message = null, string? Field = null)
{
    public static Outcome<T> Done(T value) => new(OutcomeStatus.Done, value);

    public static Outcome<T> Created(T value) => new(OutcomeStatus.Created, value);

    public static Outcome<T> NotFound(string message) => new(OutcomeStatus.NotFound, Message: message);

    public static Outcome<T> Forbidden(string message) => new(OutcomeStatus.Forbidden, Message: message);

    public static Outcome<T> Invalid(string field, string message) => new(OutcomeStatus.Invalid, Message: message, Field: field);

    public static Outcome<T> Conflict(T? current, string message) => new(OutcomeStatus.Conflict, current, message);

    public bool Succeeded => Status is OutcomeStatus.Done or OutcomeStatus.Created;
}

public static class OutcomeHttp
{
    public static Results<Ok<T>, Created<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> o, Func<T, string>? location = null) =>
        o.Status switch
        {
            OutcomeStatus.Done => TypedResults.Ok(o.Value!),
            OutcomeStatus.Created => TypedResults.Created(location?.Invoke(o.Value!), o.Value!),
            OutcomeStatus.Invalid => Problems.Validation(o.Field ?? "body", o.Message!),
            OutcomeStatus.Forbidden => TypedResults.Problem(detail: o.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
            OutcomeStatus.Conflict => TypedResults.Problem(detail: o.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                extensions: new Dictionary<string, object?> { ["current"] = o.Value }),
            _ => Problems.NotFound(o.Message!),
        };
}
