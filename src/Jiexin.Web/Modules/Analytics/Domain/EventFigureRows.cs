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

/// <summary>Whose figures a bucket holds: the whole street, or one community (with its grids), grid or department.</summary>
public enum FigureScope : short
{
    All = 0,
    Community = 1,
    Grid = 2,
    Department = 3,
}

/// <summary>What a bucket breaks its scope's figures down by: nothing (the total, by tier), 大类, community or department.</summary>
public enum FigureDimension : short
{
    Total = 0,
    Category = 1,
    Community = 2,
    Department = 3,
}

/// <summary>
/// A folded count: for one scope (the street, a community, a grid, a department), one day or month, one measure, either
/// the total (by tier) or one line of a breakdown. Precomputed per scope so the overview reads a handful of rows per
/// day or month, whatever the number of events.
/// </summary>
[NotAudited]
public sealed class EventFigureBucket
{
    public FigureGrain Grain { get; set; }

    public FigureScope ScopeKind { get; set; }

    /// <summary>The community, grid or department; <see cref="Guid.Empty"/> for the whole street.</summary>
    public Guid ScopeId { get; set; }

    public FigureDimension Dimension { get; set; }

    public FigureMeasure Measure { get; set; }

    /// <summary>Day number of the day, or of the first day of the month.</summary>
    public int Day { get; set; }

    /// <summary>The breakdown line: a 大类 code or a community/department id ("D" format); "" for the total or unset.</summary>
    public string Value { get; set; } = "";

    /// <summary>Resolution tier for closed totals; −1 otherwise.</summary>
    public short Tier { get; set; } = -1;

    public long Count { get; set; }
}
