using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;

namespace Jiexin.Modules.Disputes.Shared;

public sealed record PartyDto(Guid Id, PartyRole Role, string RoleName, string Name, bool IsOrganisation, string? IdNumber, string? Phone, bool HasAccount);

public sealed record DisputeStepDto(Guid Id, DateTime At, string Action, string ActionName, DisputeStatus? FromStatus, DisputeStatus ToStatus, string ActorName, string? Note);

public sealed record SessionDto(Guid Id, DateTime ScheduledAt, string? Place, string? Participants, string? Minutes, DateTime? HeldAt, string MediatorName);

public sealed record CaseMeetingDto(Guid Id, DateTime HeldAt, string Participants, string Facts, string Plan, string RecordedBy);

public sealed record ReferralDto(Guid Id, ReferralChannel Channel, string ChannelName, string ReceiverName, DateTime ReferredAt, string ReferredBy,
    DateTime? ReceiptAt, string? ReceiptBy, string? LastProgress, DateTime? ResultAt, bool? Resolved, string? Result);

public sealed record AgreementDto(Guid Id, string Number, bool IsPartial, string Terms, string? Performance, string? Unresolved, string MediatorName,
    DateTime CreatedAt, DateOnly? SignedOn, JudicialConfirmation Judicial, string? Court, DateTime? JudicialRequestedAt, DateTime? JudicialDecidedAt, string? JudicialNote);

public sealed record FollowUpDto(Guid Id, DateTime DueAt, DateTime? VisitedAt, string? VisitedBy, bool? Honoured, string? Note, bool Overdue);

public sealed record DisputeActionDto(string Action, string Name);

/// <summary>A dispute as the API and pages show it: party ID numbers and phones masked; residents see no staff names.</summary>
public sealed record DisputeDto(
    Guid Id,
    string CaseNumber,
    DisputeStatus Status,
    string StatusName,
    DisputeChannel Channel,
    string ChannelName,
    string Description,
    string DisputeType,
    string DisputeTypeName,
    decimal? Amount,
    int PeopleCount,
    bool IsGroup,
    DisputeUrgency Urgency,
    RiskLevel Risk,
    string? RiskReasons,
    Guid? CommunityId,
    string? CommunityName,
    Guid? GridId,
    string? Address,
    Guid? EventId,
    string? ExternalReference,
    TriageTier? Tier,
    ReceiverKind? ReceiverKind,
    Guid? ReceiverId,
    string? ReceiverName,
    string? InvitedParties,
    string? LeaderName,
    string? SpecialPlan,
    DateTime? AcceptBy,
    DateTime? AcceptedAt,
    DateTime? DueAt,
    DisputeOutcome? Outcome,
    LegalGuidance? Guidance,
    string? OutcomeNote,
    DateTime? ClosedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    IReadOnlyList<PartyDto> Parties,
    IReadOnlyList<DisputeStepDto> Timeline,
    IReadOnlyList<SessionDto> Sessions,
    IReadOnlyList<CaseMeetingDto> Meetings,
    IReadOnlyList<ReferralDto> Referrals,
    AgreementDto? Agreement,
    IReadOnlyList<DisputeActionDto> Actions,
    IReadOnlyList<FollowUpDto> FollowUps,
    Guid? RegistryAddressId = null,
    Guid? RegistryHouseId = null)
{
    /// <summary>证据材料: photos and PDF documents attached at intake or later, oldest first.</summary>
    public IReadOnlyList<Jiexin.Platform.Media.MediaRef> Evidence { get; init; } = [];

    public static DisputeDto From(Dispute d, PartyData parties, ITerritoryLookup territory, IReadOnlyList<DisputeTransition>? actions = null, bool forResident = false) => new(
        d.Id, d.CaseNumber, d.Status, DisputeRules.StatusName(d.Status), d.Channel, DisputeRules.ChannelName(d.Channel), d.Description,
        d.TypeCode, d.TypeName, d.Amount, d.PeopleCount, d.IsGroup, d.Urgency,
        forResident ? RiskLevel.None : d.Risk, forResident ? null : d.RiskReasons,
        d.CommunityId, d.CommunityId is { } c ? territory.Communities.FirstOrDefault(x => x.Id == c)?.Name : null, d.GridId, d.Address,
        forResident ? null : d.EventId, d.ExternalReference, d.Tier, d.ReceiverKind,
        d.ReceiverUserId ?? d.ReceiverRoomId ?? d.ReceiverDepartmentId, d.ReceiverName, d.InvitedParties, d.LeaderName,
        forResident ? null : d.SpecialPlan, d.AcceptBy, d.AcceptedAt, d.DueAt, d.Outcome, d.Guidance, d.OutcomeNote, d.ClosedAt,
        d.CreatedAt, d.UpdatedAt, d.Version,
        [.. d.Parties.OrderBy(p => p.SortOrder).Select(p => new PartyDto(p.Id, p.Role, DisputeRules.PartyRoleName(p.Role), p.Name, p.IsOrganisation,
            parties.MaskedIdNumber(p), parties.MaskedPhone(p), p.UserId is not null))],
        [.. d.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new DisputeStepDto(t.Id, t.At, t.Action, ActionName(t.Action), t.FromStatus, t.ToStatus,
            forResident && t.Action != RegisterAction ? "" : t.ActorName, t.Note))],
        [.. d.Sessions.OrderBy(s => s.ScheduledAt).Select(s => new SessionDto(s.Id, s.ScheduledAt, s.Place, s.Participants, forResident ? null : s.Minutes, s.HeldAt, s.MediatorName))],
        forResident ? [] : [.. d.Meetings.OrderBy(m => m.HeldAt).Select(m => new CaseMeetingDto(m.Id, m.HeldAt, m.Participants, m.Facts, m.Plan, m.RecordedBy))],
        [.. d.Referrals.OrderBy(r => r.ReferredAt).Select(r => new ReferralDto(r.Id, r.Channel, DisputeRules.ReferralName(r.Channel), r.ReceiverName, r.ReferredAt,
            r.ReferredBy, r.ReceiptAt, r.ReceiptBy, r.LastProgress, r.ResultAt, r.Resolved, r.Result))],
        d.Agreement is { } a ? new AgreementDto(a.Id, a.Number, a.IsPartial, a.Terms, a.Performance, a.Unresolved, a.MediatorName, a.CreatedAt, a.SignedOn,
            a.Judicial, a.Court, a.JudicialRequestedAt, a.JudicialDecidedAt, a.JudicialNote) : null,
        [.. (actions ?? []).Select(t => new DisputeActionDto(t.Action.ToString(), t.Name))],
        [.. d.FollowUps.OrderBy(f => f.DueAt).Select(f => new FollowUpDto(f.Id, f.DueAt, f.VisitedAt, forResident ? null : f.VisitedBy, f.Honoured, f.Note,
            f.VisitedAt is null && f.DueAt < DateTime.UtcNow))],
        forResident ? null : d.RegistryAddressId, forResident ? null : d.RegistryHouseId);

    public const string RegisterAction = "Register";

    public static string ActionName(string action) =>
        action == RegisterAction ? "受理登记"
        : action == Jiexin.Modules.Disputes.Evidence.DisputeEvidence.AddEvidenceAction ? "补充证据"
        : Enum.TryParse<DisputeAction>(action, out var a) && DisputeWorkflow.Find(a) is { } t ? t.Name
        : action;
}
