namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// 巡查: one walk of a grid worker through the grid, with its GPS track. "铁脚板": every patrol is counted
/// (distance, time, what was found on it), so the discovery work of each grid worker is visible.
/// </summary>
public sealed class Patrol
{
    public Guid Id { get; set; }

    public Guid GridWorkerUserId { get; set; }

    /// <summary>The worker's name when the patrol started (lists show it without asking the Accounts module).</summary>
    public required string GridWorkerName { get; set; }

    /// <summary>The worker's grid when the patrol started.</summary>
    public Guid? GridId { get; set; }

    public Guid? CommunityId { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Null while the patrol is under way.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>Length of the accepted track, kept up to date as points arrive.</summary>
    public double DistanceMeters { get; set; }

    public int PointCount { get; set; }

    /// <summary>Time of the last accepted point: later points only, so a retried batch is never counted twice.</summary>
    public DateTime? LastPointAt { get; set; }

    /// <summary>The last trusted fix the distance was measured to (see <c>PatrolTrack.Advance</c>).</summary>
    public DateTime? AnchorAt { get; set; }

    public double? AnchorLatitude { get; set; }

    public double? AnchorLongitude { get; set; }

    public string? Note { get; set; }

    public TimeSpan Duration(DateTime now) => (EndedAt ?? now) - StartedAt;
}

/// <summary>One GPS fix of a patrol's track.</summary>
public sealed class PatrolPoint
{
    public long Id { get; set; }

    public Guid PatrolId { get; set; }

    public DateTime RecordedAt { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public double? AccuracyMeters { get; set; }
}

/// <summary>走访: a grid worker's visit to a household or a shop, with when, where and what was learnt.</summary>
public sealed class Visit
{
    public Guid Id { get; set; }

    public Guid GridWorkerUserId { get; set; }

    public required string GridWorkerName { get; set; }

    public Guid? GridId { get; set; }

    public Guid? CommunityId { get; set; }

    /// <summary>The patrol under way when the visit was logged, if any.</summary>
    public Guid? PatrolId { get; set; }

    /// <summary>Household or address visited, e.g. "新庄村 3 组 12 号 王家".</summary>
    public required string Household { get; set; }

    public DateTime VisitedAt { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public required string Note { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A form posted twice (flaky network) logs one visit.</summary>
    public string? IdempotencyKey { get; set; }
}
