using Jiexin.Platform.Audit;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// One bulk import (the 12345 orders, the people register, …), shared by every app instance on the database: who
/// started it, where it stands, its result and its error report. The instance running it holds it
/// (<see cref="Holder"/>) and renews <see cref="LeasedUntil"/> while it lives; a job whose lease ran out unfinished
/// belonged to an instance that died, and is reported failed (imports are all-or-nothing: nothing of it was saved).
/// docs/decisions/0043-import-jobs-in-the-database.md.
/// </summary>
[NotAudited]
public sealed class ImportJobRow
{
    public const int KindMaxLength = 32;
    public const int FileNameMaxLength = 260;
    public const int StateMaxLength = 32;
    public const int MessageMaxLength = 1000;
    public const int CommandMaxLength = 64;

    public Guid Id { get; set; }

    /// <summary>Which import ("events.hotline", "registry.people"): a job is found only under its own kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The user who started it: the only one who may see it.</summary>
    public Guid UserId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The kind's own state name (its enum's member name); <see cref="ImportJobs.FailedState"/> for every kind.</summary>
    public string State { get; set; } = "";

    public int Total { get; set; }

    public int Processed { get; set; }

    public string? Message { get; set; }

    /// <summary>The kind's own result figures (created, skipped, preview …), as JSON.</summary>
    public string? DetailsJson { get; set; }

    /// <summary>The errors the API and the page show (all, or the first few hundred), as JSON; the whole list is in <see cref="ImportJobReport"/>.</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>A next step asked for by a user on any instance (e.g. the people import's mode after the preview); the holder carries it out.</summary>
    public string? Command { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance running the job (node name and a per-process tag).</summary>
    public string Holder { get; set; } = "";

    public DateTime LeasedUntil { get; set; }
}

/// <summary>The whole error report of an import (may be large), read only when it is downloaded; deleted with its job.</summary>
[NotAudited]
public sealed class ImportJobReport
{
    public Guid JobId { get; set; }

    public string ErrorsJson { get; set; } = "[]";
}
