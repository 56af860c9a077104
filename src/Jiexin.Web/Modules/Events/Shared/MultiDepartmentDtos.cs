using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Shared;

/// <summary>One summoned department on an event: check-in against its deadline, then its part.</summary>
public sealed record SummonsDto(
    Guid Id,
    Guid DepartmentId,
    string DepartmentName,
    bool IsLead,
    bool ViaWhistle,
    DateTime SummonedAt,
    DateTime CheckInDueAt,
    DateTime? CheckedInAt,
    double? CheckInLatitude,
    double? CheckInLongitude,
    bool IsLate,
    int LateMinutes,
    string? PartNote,
    DateTime? DoneAt,
    bool Current)
{
    public static SummonsDto From(EventSummons s, IOrgDirectory orgs) => new(
        s.Id, s.DepartmentId, orgs.Describe(new OrgUnitRef(OrgUnitKind.Department, s.DepartmentId)), s.IsLead, s.ViaWhistle,
        s.SummonedAt, s.CheckInDueAt, s.CheckedInAt, s.CheckInLatitude, s.CheckInLongitude, s.IsLate, s.LateMinutes,
        s.PartNote, s.DoneAt, !s.Superseded);
}

/// <summary>A 督办 notice and its answer; <see cref="CanAnswer"/> says whether the caller may answer it now.</summary>
public sealed record SupervisionNoticeDto(
    Guid Id,
    Guid EventId,
    string Text,
    DateTime IssuedAt,
    string IssuedBy,
    UnitDto Target,
    string? Reply,
    DateTime? RepliedAt,
    string? RepliedBy,
    int Version,
    bool CanAnswer)
{
    public bool IsOpen => RepliedAt is null;

    public static SupervisionNoticeDto From(SupervisionNotice n, IOrgDirectory orgs, bool canAnswer) => new(
        n.Id, n.EventId, n.Text, n.IssuedAt, n.IssuedByName,
        new UnitDto(n.TargetKind, n.TargetId, orgs.Describe(new OrgUnitRef(n.TargetKind, n.TargetId))),
        n.Reply, n.RepliedAt, n.RepliedByName, n.Version, canAnswer);
}

/// <summary>The reporter's rating of one closing, or "no feedback", and the command centre's review of a dissatisfied one.</summary>
public sealed record FeedbackDto(
    DateTime ClosedAt,
    FeedbackKind Kind,
    int? Rating,
    string? Comment,
    DateTime RecordedAt,
    bool IsDissatisfied,
    FeedbackReview? Review,
    string? ReviewNote,
    DateTime? ReviewedAt)
{
    public static FeedbackDto From(EventFeedback f) =>
        new(f.ClosedAt, f.Kind, f.Rating, f.Comment, f.RecordedAt, f.IsDissatisfied, f.Review, f.ReviewNote, f.ReviewedAt);
}
