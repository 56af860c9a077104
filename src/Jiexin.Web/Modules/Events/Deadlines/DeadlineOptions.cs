namespace Jiexin.Modules.Events.Deadlines;

/// <summary><c>Jiexin:Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Jiexin:Deadlines";

    /// <summary>
    /// 黄牌 starts when this share of the working time is left (0.2: the last 20%), but never later than
    /// <see cref="DueSoonMinimumWorkingHours"/> before the deadline.
    /// </summary>
    public double DueSoonFraction { get; set; } = 0.2;

    /// <summary>At least this much working time of warning (so a 4-hour limit still warns an hour ahead).</summary>
    public double DueSoonMinimumWorkingHours { get; set; } = 1;

    /// <summary>Events one run of the warnings job marks at most per level (the next run takes the rest).</summary>
    public int BatchSize { get; set; } = 200;
}
