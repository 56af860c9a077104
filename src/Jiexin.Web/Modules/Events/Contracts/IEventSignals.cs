using System.Security.Claims;
using Jiexin.Data;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>Reports of one community and 大类 (first two digits of the 小类 code, "" when unclassified) on one China date.</summary>
public sealed record DailyCategoryCount(Guid CommunityId, string CategoryGroup, DateOnly Day, int Count);

/// <summary>One report as early warning and hotspots read it: text, place, reporter, category and time.</summary>
public sealed record ReportedEvent(
    Guid Id,
    string TrackingCode,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    Guid? CommunityId,
    Guid? GridId,
    Guid? ReporterUserId,
    string? CategoryCode,
    string? CategoryName,
    DateTime ReportedAt,
    bool IsOpen,
    int Version);

/// <summary>
/// One report as the repeat rules read it: place, reporter and time, without the text — the rules read a week of
/// reports every minute, and at a busy street's volume the descriptions were most of what that read carried.
/// </summary>
public sealed record ReportedPlace(
    Guid Id,
    string TrackingCode,
    double? Latitude,
    double? Longitude,
    string? Address,
    Guid? CommunityId,
    Guid? GridId,
    Guid? ReporterUserId,
    DateTime ReportedAt);

/// <summary>Open events past their deadline held by (or located in) one unit: a grid (by location) or a department (as assignee).</summary>
public sealed record OverdueCount(OrgUnitKind Kind, Guid UnitId, int Count, IReadOnlyList<Guid> EventIds);

/// <summary>
/// What early warning and hotspots (Warnings module) read of events: counts per day and recent reports within a
/// bounded window (never all history), and open work past its deadline.
/// </summary>
public interface IEventSignals
{
    /// <summary>Reports per community × 大类 × China date for the China dates <paramref name="from"/>..<paramref name="to"/> (inclusive).</summary>
    Task<IReadOnlyList<DailyCategoryCount>> CountDailyAsync(DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>Open reports made since <paramref name="sinceUtc"/> (at most <paramref name="max"/>, newest first), with their text; located or not.</summary>
    Task<IReadOnlyList<ReportedEvent>> ListOpenReportedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct);

    /// <summary>Reports made since <paramref name="sinceUtc"/> in any state (at most <paramref name="max"/>, newest first), as places.</summary>
    Task<IReadOnlyList<ReportedPlace>> ListPlacedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct);

    /// <summary>The given events (those that exist), as reports.</summary>
    Task<IReadOnlyList<ReportedEvent>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Open events whose deadline passed before <paramref name="nowUtc"/>, counted per grid and per holding department (at least <paramref name="minCount"/>).</summary>
    Task<IReadOnlyList<OverdueCount>> CountOverdueAsync(DateTime nowUtc, int minCount, CancellationToken ct);
}

/// <summary>The outcome of turning several reports into one coordinated task.</summary>
public sealed record CoordinationResult(Guid PrimaryEventId, string PrimaryTrackingCode, IReadOnlyList<Guid> Merged, IReadOnlyDictionary<Guid, string> Refused);

/// <summary>
/// 热点 → one coordinated task: the other reports are merged (the Events workflow's 合并 transition, with its role,
/// scope and state rules) into the primary one, which notes the coordination in its timeline.
/// </summary>
public interface IEventCoordination
{
    /// <summary>Null when the primary event does not exist, the user may not see it, or it is no longer open.</summary>
    Task<CoordinationResult?> MergeIntoAsync(Guid primaryEventId, IReadOnlyList<Guid> others, string note, ClaimsPrincipal user, CancellationToken ct);
}
