using Jiexin.Platform.Audit;

namespace Jiexin.Modules.Analytics.Domain;

/// <summary>What a figure row counts.</summary>
public enum FigureMeasure : short
{
    /// <summary>受理: events reported on <c>Day</c>.</summary>
    Intake = 1,

    /// <summary>在办: events reported on <c>Day</c> that are still open.</summary>
    Open = 2,

    /// <summary>超期: events reported on <c>Day</c> that are open past their deadline (红牌).</summary>
    Overdue = 3,

    /// <summary>办结: events closed on <c>Day</c>, by the tier that resolved them.</summary>
    Closed = 4,
}

/// <summary>The time grain of a bucket: a day, or a calendar month (keyed by its first day).</summary>
public enum FigureGrain : short
{
    Day = 0,
    Month = 1,
}

/// <summary>
/// +1/−1 for one key, appended in the SaveChanges that changed an event (never updated: no write contention between
/// concurrent actions). The fold job moves them into <see cref="EventFigureBucket"/>s.
/// Unset dimensions are <see cref="Guid.Empty"/>, "" and −1, so keys compare and index plainly on both providers.
/// </summary>
[NotAudited]
public sealed class EventFigureDelta
{
    public long Id { get; set; }

    public FigureMeasure Measure { get; set; }

    /// <summary><see cref="DateOnly.DayNumber"/> of the China date.</summary>
    public int Day { get; set; }

    public Guid CommunityId { get; set; }

    public Guid GridId { get; set; }

    public Guid DepartmentId { get; set; }

    /// <summary>大类 code.</summary>
    public string Category { get; set; } = "";

    /// <summary><see cref="Events.Contracts.EventTierFigure"/> as a number, −1 for none.</summary>
    public short Tier { get; set; } = -1;

    public int Delta { get; set; }
}

/// <summary>A folded count for one key and one day or month.</summary>
[NotAudited]
public sealed class EventFigureBucket
{
    public FigureMeasure Measure { get; set; }

    public FigureGrain Grain { get; set; }

    /// <summary>Day number of the day, or of the first day of the month.</summary>
    public int Day { get; set; }

    public Guid CommunityId { get; set; }

    public Guid GridId { get; set; }

    public Guid DepartmentId { get; set; }

    public string Category { get; set; } = "";

    public short Tier { get; set; } = -1;

    public long Count { get; set; }
}
