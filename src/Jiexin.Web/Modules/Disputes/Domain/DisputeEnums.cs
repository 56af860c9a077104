namespace Jiexin.Modules.Disputes.Domain;

/// <summary>How the case reached the centre ("前台统一受理": every channel, one desk).</summary>
public enum DisputeChannel
{
    WalkIn,
    Phone,
    ResidentH5,
    CourtReferral,
    Hotline12345,
    Event,
    GridDiscovery,
}

public enum DisputeStatus
{
    /// <summary>已受理: at the front desk, waiting to be routed.</summary>
    Received,

    /// <summary>已分流, 待接收: routed to a mediator, room or department which must accept.</summary>
    Routed,

    /// <summary>调解中.</summary>
    Mediating,

    /// <summary>协议待签署.</summary>
    Signing,

    /// <summary>已移交五调联动 (the centre keeps it in view).</summary>
    Referred,

    /// <summary>已结案 (see <see cref="Dispute.Outcome"/>).</summary>
    Closed,

    /// <summary>不予受理.</summary>
    Rejected,
}

/// <summary>全科+门诊 triage.</summary>
public enum TriageTier
{
    /// <summary>全科: a general mediator at the centre.</summary>
    General,

    /// <summary>专家门诊: a specialist mediator or a brand mediation room by dispute type.</summary>
    Specialist,

    /// <summary>会诊: joint consultation of departments and experts, with a case-analysis meeting.</summary>
    Joint,

    /// <summary>特诊: major, complex or high-risk; leader-led with a special plan.</summary>
    Special,
}

public enum ReceiverKind
{
    Mediator,
    Room,
    Department,
}

public enum PartyRole
{
    Applicant,
    Respondent,
}

public enum DisputeUrgency
{
    Normal,
    Urgent,
    Critical,
}

/// <summary>Risk from the stated rules (<see cref="DisputeRules.Assess"/>): 红/橙/黄 warnings, or none.</summary>
public enum RiskLevel
{
    None,
    Yellow,
    Orange,
    Red,
}

public enum DisputeOutcome
{
    Agreement,
    PartialAgreement,
    Failed,
    ResolvedByReferral,
    UnresolvedByReferral,
    Withdrawn,
}

/// <summary>Where a failed mediation points the parties.</summary>
public enum LegalGuidance
{
    Litigation,
    Arbitration,
    LabourArbitration,
    Administrative,
}

/// <summary>五调联动.</summary>
public enum ReferralChannel
{
    /// <summary>诉调: the court, 法官+ stations.</summary>
    Court,

    /// <summary>警调: the police station.</summary>
    Police,

    /// <summary>专调: professional committees (medical, traffic, property ...).</summary>
    Professional,

    /// <summary>访调: petitions.</summary>
    Petition,

    /// <summary>劳调: labour disputes.</summary>
    Labour,
}

public enum JudicialConfirmation
{
    None,
    Requested,
    Confirmed,
    Refused,
}
