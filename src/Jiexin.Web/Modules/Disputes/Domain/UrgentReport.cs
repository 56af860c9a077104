using Jiexin.Data;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>要情快报 level: decides the reporting deadline (<see cref="UrgentReport.LimitFor"/>).</summary>
public enum UrgentReportLevel
{
    /// <summary>一般: within 24 hours of the situation.</summary>
    General,

    /// <summary>重大: within 2 hours.</summary>
    Major,

    /// <summary>特别重大: within 1 hour.</summary>
    Critical,
}

/// <summary>
/// 要情快报: a mediator or community worker reports a case or situation to the command centre (title, facts, measures
/// already taken, level) by a deadline counted from when it happened; the centre acknowledges (签收) it. Filed after the
/// deadline → late; not acknowledged within <see cref="AcknowledgeWithin"/> → waiting too long.
/// </summary>
public sealed class UrgentReport : IHasVersion
{
    public const int TitleMaxLength = 100;

    public const int TextMaxLength = 4000;

    public static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromHours(2);

    public static TimeSpan LimitFor(UrgentReportLevel level) => level switch
    {
        UrgentReportLevel.Critical => TimeSpan.FromHours(1),
        UrgentReportLevel.Major => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(24),
    };

    public static string LevelName(UrgentReportLevel level) => level switch
    {
        UrgentReportLevel.Critical => "特别重大",
        UrgentReportLevel.Major => "重大",
        _ => "一般",
    };

    public Guid Id { get; set; }

    public required string Title { get; set; }

    public required string Facts { get; set; }

    /// <summary>已采取措施.</summary>
    public string MeasuresTaken { get; set; } = "";

    public UrgentReportLevel Level { get; set; }

    /// <summary>The case it is about, if any.</summary>
    public Guid? DisputeId { get; set; }

    /// <summary>The community it concerns (the case's, else the filer's), for the community's own list.</summary>
    public Guid? CommunityId { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>报送时限: <see cref="OccurredAt"/> + the level's limit.</summary>
    public DateTime ReportBy { get; set; }

    public DateTime ReportedAt { get; set; }

    public Guid? ReportedByUserId { get; set; }

    public string ReportedByName { get; set; } = "";

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedByName { get; set; }

    public int Version { get; set; }
}
