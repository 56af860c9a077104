using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Modules.Accounts.Domain;

public enum FailureKind
{
    Validation,
    NotFound,
    Conflict,
}

/// <summary>Why an account operation did not happen; validation failures name the fields (camelCase, as in the API).</summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Failure Invalid(string field, string message) => new(FailureKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Failure NotFound(string message) => new(FailureKind.NotFound, message);

    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);

    /// <summary>Identity's errors, each under the field it is about.</summary>
    public static Failure FromIdentity(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return Conflict(result.Errors.First(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)).Description);
        }

        var errors = result.Errors
            .GroupBy(e => FieldOf(e.Code))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return new(FailureKind.Validation, string.Join(Platform.Localization.Text.IsEnglish ? " " : "", result.Errors.Select(e => e.Description)), errors);
    }

    /// <summary>The message for one field, for forms that show errors next to their fields.</summary>
    public string? For(string field) =>
        Errors is not null && Errors.TryGetValue(field, out var messages) ? string.Join(Platform.Localization.Text.IsEnglish ? " " : "", messages) : null;

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) ? "userName"
        : code.Contains("Role", StringComparison.Ordinal) ? "role"
        : "";
}

/// <summary>A value or the reason there is none.</summary>
public sealed record Outcome<T>(T? Value, Failure? Failure)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}

internal static class OutcomeHttp
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome) => outcome.Failure switch
    {
        null => TypedResults.Ok(outcome.Value!),
        { Kind: FailureKind.Validation } failure => failure.ToValidationProblem(),
        var failure => failure.ToProblem(),
    };

    public static ValidationProblem ToValidationProblem(this Failure failure) =>
        TypedResults.ValidationProblem(failure.Errors ?? new Dictionary<string, string[]> { [""] = [failure.Message] }, title: "提交的数据有误");

    public static ProblemHttpResult ToProblem(this Failure failure) => failure.Kind switch
    {
        FailureKind.NotFound => Problems.NotFound(failure.Message),
        FailureKind.Conflict => Problems.Conflict(failure.Message),
        _ => Problems.BadRequest(failure.Message),
    };
}
