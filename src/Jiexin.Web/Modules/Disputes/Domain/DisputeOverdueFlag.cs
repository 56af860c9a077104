namespace Jiexin.Modules.Disputes.Domain;

/// <summary>What 督察 found overdue.</summary>
public enum DisputeOverdueKind
{
    /// <summary>超期未接收: routed, not accepted by <see cref="Dispute.AcceptBy"/>.</summary>
    Acceptance,

    /// <summary>超期未调结: still in mediation after <see cref="Dispute.DueAt"/>.</summary>
    Mediation,

    /// <summary>超期未回访: a <see cref="FollowUpVisit"/> not made by its date.</summary>
    FollowUp,
}

/// <summary>
/// 督察: one overdue item flagged once (unique kind + subject: the dispute, or the follow-up visit), with the
/// notification to the responsible unit and the command centre sent in the same save.
/// </summary>
public sealed class DisputeOverdueFlag
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public DisputeOverdueKind Kind { get; set; }

    /// <summary>The dispute (acceptance, mediation) or the follow-up visit.</summary>
    public Guid SubjectId { get; set; }

    public DateTime DueAt { get; set; }

    public DateTime FlaggedAt { get; set; }
}
