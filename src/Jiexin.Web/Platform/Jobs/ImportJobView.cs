using System.Text.Json;

namespace Jiexin.Platform.Jobs;

/// <summary>An import job as a reader sees it: from the database, or fresher from the running instance's memory.</summary>
public sealed record ImportJobView(
    Guid Id,
    string Kind,
    Guid UserId,
    string FileName,
    string State,
    int Total,
    int Processed,
    string? Message,
    string? DetailsJson,
    string? ErrorsJson,
    string? Command,
    DateTime CreatedAt,
    DateTime? FinishedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsFinished => FinishedAt is not null;

    /// <summary>The kind's state enum member.</summary>
    public TState StateAs<TState>()
        where TState : struct, Enum =>
        Enum.TryParse<TState>(State, out var s) ? s : Enum.Parse<TState>(ImportJobs.FailedState);

    public T? Details<T>()
        where T : class =>
        DetailsJson is null ? null : JsonSerializer.Deserialize<T>(DetailsJson, Json);

    public IReadOnlyList<T> Errors<T>() =>
        ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<T>>(ErrorsJson, Json) ?? [];

    public ImportJobView WithDetails<T>(T details) => this with { DetailsJson = JsonSerializer.Serialize(details, Json) };

    public ImportJobView WithErrors<T>(IEnumerable<T> errors) => this with { ErrorsJson = ToJson(errors) };

    internal static string ToJson<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToList(), Json);

    internal static ImportJobView Of(ImportJobRow r) =>
        new(r.Id, r.Kind, r.UserId, r.FileName, r.State, r.Total, r.Processed, r.Message, r.DetailsJson, r.ErrorsJson, r.Command, r.CreatedAt, r.FinishedAt);
}
