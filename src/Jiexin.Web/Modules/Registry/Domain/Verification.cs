using Jiexin.Data;
using Jiexin.Platform.Audit;

namespace Jiexin.Modules.Registry.Domain;

/// <summary>核查 campaign (e.g. quarterly): every located person becomes an item of their grid's task.</summary>
public sealed class VerificationCampaign : IHasVersion
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>China calendar date by which every item should be verified.</summary>
    public DateOnly DueOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; }
}

public enum VerificationOutcome
{
    Pending,
    Confirmed,
    Corrected,
    MovedOut,

    /// <summary>A person found on site who was not in the registry (新增), entered by the grid worker.</summary>
    Added,
}

/// <summary>
/// Corrections, moves and additions found on site wait for the community's approval (审核) before they change the
/// registry; a plain confirmation needs none.
/// </summary>
public enum VerificationReview
{
    NotNeeded,
    Pending,
    Approved,
    Rejected,
}

/// <summary>One record to verify on site in one campaign; the grid's items together are the grid's task.</summary>
public sealed class VerificationItem : IGridAttached, IHasVersion
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Guid PersonId { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public VerificationOutcome Outcome { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public Guid? VerifiedBy { get; set; }

    public string? VerifiedByName { get; set; }

    /// <summary>Where the grid worker stood (GPS), as evidence of an on-site check.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>The correction as a diff, JSON <c>{"field": {"old": …, "new": …}}</c>; personal values masked.</summary>
    public string? Changes { get; set; }

    public string? Note { get; set; }

    public VerificationReview Review { get; set; }

    /// <summary>The corrected phone until the community approves it, sealed like the person's own.</summary>
    [AuditRedacted]
    public string? ProposedPhoneCipher { get; set; }

    public ResidenceType? ProposedResidenceType { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public string? ReviewedByName { get; set; }

    public string? ReviewNote { get; set; }

    public int Version { get; set; }
}
