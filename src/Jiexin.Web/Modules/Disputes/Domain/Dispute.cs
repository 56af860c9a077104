using Jiexin.Data;
using Jiexin.Platform.Audit;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>矛盾纠纷: one case of the one-stop dispute centre, from front-desk intake (前台统一受理) to closure.</summary>
public sealed class Dispute : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>Case number parties and staff quote, e.g. TJ261129K7Q2M.</summary>
    public required string CaseNumber { get; set; }

    public DisputeChannel Channel { get; set; }

    public required string Description { get; set; }

    /// <summary>Code of the <see cref="DisputeType"/> (editable list); the name is copied so renaming a type keeps history readable.</summary>
    public required string TypeCode { get; set; }

    public required string TypeName { get; set; }

    /// <summary>涉及金额 (yuan).</summary>
    public decimal? Amount { get; set; }

    public int PeopleCount { get; set; }

    /// <summary>群体性纠纷: <see cref="PeopleCount"/> at or above <see cref="DisputeRules.GroupThreshold"/>.</summary>
    public bool IsGroup { get; set; }

    public DisputeUrgency Urgency { get; set; }

    public RiskLevel Risk { get; set; }

    /// <summary>Why the risk is what it is (the rules that fired), for the person triaging.</summary>
    public string? RiskReasons { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public string? Address { get; set; }

    /// <summary>The registry's standard address where it happened (信息数据核查库); set at intake or later by staff.</summary>
    public Guid? RegistryAddressId { get; set; }

    /// <summary>The registry house in question (a shared wall, a rented room); its address is <see cref="RegistryAddressId"/>.</summary>
    public Guid? RegistryHouseId { get; set; }

    /// <summary>The event this dispute was converted from (事件转纠纷); the event's timeline names the case back.</summary>
    public Guid? EventId { get; set; }

    /// <summary>Court referral number (诉前调解) or 12345 order number.</summary>
    public string? ExternalReference { get; set; }

    public DisputeStatus Status { get; set; }

    public TriageTier? Tier { get; set; }

    public ReceiverKind? ReceiverKind { get; set; }

    public Guid? ReceiverUserId { get; set; }

    public Guid? ReceiverRoomId { get; set; }

    public Guid? ReceiverDepartmentId { get; set; }

    /// <summary>Display name of the receiver at routing time.</summary>
    public string? ReceiverName { get; set; }

    /// <summary>Departments and experts invited to a 会诊 (names, comma separated).</summary>
    public string? InvitedParties { get; set; }

    /// <summary>特诊: the leader in charge and the special plan.</summary>
    public string? LeaderName { get; set; }

    public string? SpecialPlan { get; set; }

    /// <summary>The receiver must accept (接收) by then.</summary>
    public DateTime? AcceptBy { get; set; }

    public DateTime? AcceptedAt { get; set; }

    /// <summary>Mediation deadline (working days from routing, <see cref="DisputeRules"/>).</summary>
    public DateTime? DueAt { get; set; }

    public DisputeOutcome? Outcome { get; set; }

    /// <summary>Guidance after a failed mediation (诉讼 / 仲裁 / 行政) and what was said.</summary>
    public LegalGuidance? Guidance { get; set; }

    public string? OutcomeNote { get; set; }

    public DateTime? ClosedAt { get; set; }

    public Guid? CreatedByUserId { get; set; }

    /// <summary>The resident who filed it on the H5 page (also a party).</summary>
    public Guid? ReporterUserId { get; set; }

    /// <summary>The submitter's key for this intake (API <c>Idempotency-Key</c>, the H5 form's token); unique per account.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request that created it: a replay with the same key but other content is refused.</summary>
    public string? IdempotencyHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<DisputeParty> Parties { get; set; } = [];

    public List<DisputeTimelineEntry> Timeline { get; set; } = [];

    public List<MediationSession> Sessions { get; set; } = [];

    public List<CaseMeeting> Meetings { get; set; } = [];

    public List<DisputeReferral> Referrals { get; set; } = [];

    public DisputeAgreement? Agreement { get; set; }

    /// <summary>回访 after an agreement (default 7 and 30 days after signing).</summary>
    public List<FollowUpVisit> FollowUps { get; set; } = [];
}

/// <summary>回访: a visit after the agreement, recording whether it is being honoured (履行情况); overdue when not made by its date (督察回访).</summary>
public sealed class FollowUpVisit
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public DateTime DueAt { get; set; }

    public DateTime? VisitedAt { get; set; }

    public string? VisitedBy { get; set; }

    public bool? Honoured { get; set; }

    public string? Note { get; set; }
}

/// <summary>当事人: a person or organisation; ID number and phone encrypted with a blind index (ADR 0022).</summary>
public sealed class DisputeParty
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public PartyRole Role { get; set; }

    public required string Name { get; set; }

    public bool IsOrganisation { get; set; }

    [AuditRedacted]
    public string? IdNumberCipher { get; set; }

    [AuditRedacted]
    public string? IdNumberIndex { get; set; }

    [AuditRedacted]
    public string? PhoneCipher { get; set; }

    [AuditRedacted]
    public string? PhoneIndex { get; set; }

    /// <summary>The resident account of this party (filed it, or its mobile matches the account's): they follow the case.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The registry person with this party's ID number (信息数据核查库), linked at intake when registered.</summary>
    public Guid? RegistryPersonId { get; set; }

    public int SortOrder { get; set; }
}

public sealed class DisputeTimelineEntry
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public DateTime At { get; set; }

    public required string Action { get; set; }

    public DisputeStatus? FromStatus { get; set; }

    public DisputeStatus ToStatus { get; set; }

    public Guid? ActorUserId { get; set; }

    public string ActorName { get; set; } = "";

    public string? Note { get; set; }
}

/// <summary>调解会: scheduled, then held with its participants and minutes.</summary>
public sealed class MediationSession
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public DateTime ScheduledAt { get; set; }

    public string? Place { get; set; }

    public string? Participants { get; set; }

    public string? Minutes { get; set; }

    public DateTime? HeldAt { get; set; }

    public string MediatorName { get; set; } = "";
}

/// <summary>会诊的案情分析会: who took part, the facts found, the agreed mediation plan.</summary>
public sealed class CaseMeeting
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public DateTime HeldAt { get; set; }

    public required string Participants { get; set; }

    public required string Facts { get; set; }

    public required string Plan { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>调解协议书: the terms, generated as a document from <see cref="AgreementTemplate"/>; signed on a date.</summary>
public sealed class DisputeAgreement
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public required string Number { get; set; }

    public bool IsPartial { get; set; }

    public required string Terms { get; set; }

    /// <summary>履行方式、时限.</summary>
    public string? Performance { get; set; }

    /// <summary>The points left open by a partial agreement and where they go.</summary>
    public string? Unresolved { get; set; }

    public string MediatorName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateTime? SignedRecordedAt { get; set; }

    public JudicialConfirmation Judicial { get; set; }

    public string? Court { get; set; }

    public DateTime? JudicialRequestedAt { get; set; }

    public DateTime? JudicialDecidedAt { get; set; }

    public string? JudicialNote { get; set; }
}

/// <summary>五调联动 referral: handed over, receipted, progressing, with a result; the centre keeps the case in view.</summary>
public sealed class DisputeReferral
{
    public Guid Id { get; set; }

    public Guid DisputeId { get; set; }

    public ReferralChannel Channel { get; set; }

    /// <summary>The receiving body: 新庄法庭“法官+”工作站, 派出所, 医调委 ...</summary>
    public required string ReceiverName { get; set; }

    public DateTime ReferredAt { get; set; }

    public string ReferredBy { get; set; } = "";

    /// <summary>签收回执: when and by whom the receiver confirmed receipt.</summary>
    public DateTime? ReceiptAt { get; set; }

    public string? ReceiptBy { get; set; }

    public string? LastProgress { get; set; }

    public DateTime? ResultAt { get; set; }

    public bool? Resolved { get; set; }

    public string? Result { get; set; }
}
