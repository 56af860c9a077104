namespace Jiexin.Platform.Jobs;

/// <summary><c>Jiexin:Jobs</c>: whether this instance runs the periodic jobs, and how often.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jiexin:Jobs";

    /// <summary>Off in tests that drive the jobs themselves; every instance may run them (claims keep them exact).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between ticks.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Seconds after start before the first tick (start-up seeding and warm-up go first).</summary>
    public int FirstRunDelaySeconds { get; set; } = 10;

    /// <summary>
    /// How long an instance holds a job's lease while running it; a run longer than this may overlap with another
    /// instance's (harmless: jobs claim their items), and a killed instance's lease frees after it.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How long an instance holds an import job without renewing it; an unfinished job past it is reported interrupted.</summary>
    public int ImportLeaseSeconds { get; set; } = 60;

    /// <summary>How often a running import's progress is written to the database.</summary>
    public int ImportFlushMilliseconds { get; set; } = 500;

    /// <summary>Days a finished import (with its error report) is kept.</summary>
    public int ImportRetentionDays { get; set; } = 7;
}
