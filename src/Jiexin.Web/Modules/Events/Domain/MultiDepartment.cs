using Jiexin.Data;
using Jiexin.Platform.Auth;
using static Jiexin.Modules.Events.Domain.EventWorkflow;

namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// Rows of <see cref="EventWorkflow.Table"/> for work beyond one assignee: the whistle (吹哨) and the summons of several
/// departments that check in (报到) and record their parts, escalation beyond the street (上报区级), and the reporter's
/// rating with the command centre's review of a dissatisfied one. See docs/decisions/0016-whistle-and-feedback.md.
/// </summary>
internal static class MultiDepartment
{
    public static readonly IReadOnlyList<Transition> Rows =
    [
        new(EventAction.Whistle, "吹哨", Set([.. Queue, EventStatus.Accepted]), EventStatus.Whistled,
            [Roles.GridWorker, Roles.CommunityStaff], ScopeTarget.EventGrid,
            (e, i) => e.AssigneeKind == OrgUnitKind.Department ? "事件已由部门承办，不能再吹哨；如需多部门协同请联系指挥中心。"
                : string.IsNullOrWhiteSpace(i.Note) ? "请填写吹哨理由。" : null,
            (e, _, c) =>
            {
                Assign(e, null);
                e.WhistledAt = c.Now;
            }),
        new(EventAction.Summon, "召集部门", Set([.. Queue, EventStatus.Whistled]), EventStatus.Summoned,
            [Roles.Commander], ScopeTarget.EventGrid,
            (e, i) => i.Departments is not { Count: > 0 } departments ? "请选择要召集的部门。"
                : e.Status != EventStatus.Whistled && departments.Distinct().Count() < 2 ? "多部门派单至少选择两个部门；只派一个部门请用“派单”。"
                : i.LeadDepartmentId is { } lead && !departments.Contains(lead) ? "牵头部门须在召集的部门之中。"
                : null,
            (e, i, c) => Summon(e, i, c)),
        new(EventAction.CheckIn, "报到", Set(EventStatus.Summoned), EventStatus.Summoned,
            [Roles.DepartmentStaff], ScopeTarget.Summons,
            (e, i) => SummonsOf(e, i.ActingUnit) is null ? "本部门未被召集到该事件。"
                : (i.Latitude is null) != (i.Longitude is null) ? "请同时提供纬度和经度，或都不提供。"
                : i.Latitude is < -90 or > 90 || i.Longitude is < -180 or > 180 ? "报到位置的经纬度无效。"
                : null,
            (e, i, c) =>
            {
                var s = SummonsOf(e, i.ActingUnit)!;
                s.CheckedInAt = c.Now;
                s.CheckedInByUserId = c.UserId;
                s.CheckInLatitude = i.Latitude;
                s.CheckInLongitude = i.Longitude;
                s.IsLate = c.Now > s.CheckInDueAt;
                s.LateMinutes = c.CheckIn?.LateMinutes(s.CheckInDueAt, c.Now) ?? (s.IsLate ? (int)Math.Ceiling((c.Now - s.CheckInDueAt).TotalMinutes) : 0);
            },
            Blocked: (e, unit) => SummonsOf(e, unit)?.CheckedInAt is not null ? "本部门已报到。" : null),
        new(EventAction.RecordPart, "报送处置情况", Set(EventStatus.Summoned), EventStatus.Summoned,
            [Roles.DepartmentStaff], ScopeTarget.Summons,
            (e, i) => SummonsOf(e, i.ActingUnit) is null ? "本部门未被召集到该事件。"
                : string.IsNullOrWhiteSpace(i.Note) ? "请填写本部门的处置情况。"
                : null,
            (e, i, c) =>
            {
                var s = SummonsOf(e, i.ActingUnit)!;
                s.PartNote = i.Note!.Trim();
                s.DoneAt = c.Now;
            },
            // Handled when the last summoned department has done its part.
            e => CurrentSummons(e).All(s => s.DoneAt is not null) ? EventStatus.Handled : EventStatus.Summoned,
            (e, unit) => SummonsOf(e, unit) switch
            {
                { CheckedInAt: null } => "请先报到，再报送处置情况。",
                { DoneAt: not null } => "本部门已报送处置情况。",
                _ => null,
            }),
        new(EventAction.EscalateAboveStreet, "上报区级", Set([.. Queue, EventStatus.Whistled, EventStatus.Summoned, EventStatus.Accepted]),
            EventStatus.EscalatedAboveStreet, [Roles.Commander], ScopeTarget.EventGrid,
            NoteRequired("请填写上报区级的理由。"),
            (e, _, c) =>
            {
                Supersede(e);
                Assign(e, null);
                e.IsAboveStreet = true;
                e.EscalatedAboveStreetAt = c.Now;
            }),
        new(EventAction.RecordAboveStreetResult, "录入区级办理结果", Set(EventStatus.EscalatedAboveStreet), EventStatus.Handled,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写区级的办理结果。"), NoEffect),
        new(EventAction.ReturnFromAboveStreet, "区级退回", Set(EventStatus.EscalatedAboveStreet), EventStatus.Returned,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写区级退回的理由。"),
            (e, _, _) => Assign(e, null)),
        new(EventAction.Rate, "评价", Set(EventStatus.Closed), EventStatus.Closed,
            [Roles.Resident], ScopeTarget.Reporter,
            (e, i) => i.Rating is not (>= 1 and <= 5) ? "请选择 1 到 5 星的评价。"
                : i.Note is { Length: > 500 } ? "评价内容不能超过 500 字。"
                : null,
            (e, i, c) => e.Feedback.Add(new EventFeedback
            {
                Id = Guid.CreateVersion7(c.Now),
                EventId = e.Id,
                ClosedAt = e.ClosedAt!.Value,
                Kind = FeedbackKind.Rated,
                Rating = i.Rating,
                Comment = string.IsNullOrWhiteSpace(i.Note) ? null : i.Note.Trim(),
                RecordedAt = c.Now,
                AssigneeKind = e.AssigneeKind,
                AssigneeId = e.AssigneeId,
            }),
            // A dissatisfied rating goes to the command centre for review.
            e => e.Feedback.Single(f => f.ClosedAt == e.ClosedAt).IsDissatisfied ? EventStatus.Dissatisfied : EventStatus.Closed,
            (e, _) => e.Feedback.Any(f => f.ClosedAt == e.ClosedAt) ? "本次办理结果已有评价记录。" : null),
        new(EventAction.ReopenAfterReview, "不满意重办", Set(EventStatus.Dissatisfied), EventStatus.Reopened,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写重办理由。"),
            (e, i, c) =>
            {
                Review(e, FeedbackReview.Reopened, i, c);
                e.ClosedAt = null;
                e.ResolvedTier = null;
                Assign(e, null);
            }),
        new(EventAction.CloseAfterReview, "解释说明后办结", Set(EventStatus.Dissatisfied), EventStatus.Closed,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写向群众的解释说明。"),
            (e, i, c) => Review(e, FeedbackReview.Explained, i, c)),
    ];

    /// <summary>The departments summoned in the current round.</summary>
    public static IEnumerable<EventSummons> CurrentSummons(Event e) => e.Summons.Where(s => !s.Superseded);

    /// <summary>The acting department's summons in the current round, if any.</summary>
    public static EventSummons? SummonsOf(Event e, OrgUnitRef? unit) =>
        unit is { Kind: OrgUnitKind.Department, Id: var id } ? CurrentSummons(e).FirstOrDefault(s => s.DepartmentId == id) : null;

    private static void Summon(Event e, TransitionInput i, TransitionContext c)
    {
        var viaWhistle = e.Status == EventStatus.Whistled;
        var departments = i.Departments!.Distinct().ToList();
        var lead = i.LeadDepartmentId ?? departments[0];
        var due = c.CheckIn?.DueFrom(c.Now) ?? c.Now + CheckInRules.DefaultWindow;
        Supersede(e);
        foreach (var department in departments)
        {
            e.Summons.Add(new EventSummons
            {
                Id = Guid.CreateVersion7(c.Now),
                EventId = e.Id,
                DepartmentId = department,
                IsLead = department == lead,
                ViaWhistle = viaWhistle,
                SummonedAt = c.Now,
                SummonedByUserId = c.UserId,
                CheckInDueAt = due,
            });
        }

        // The lead department holds the event (queues, supervision, tier); the others act through their summons.
        Assign(e, new OrgUnitRef(OrgUnitKind.Department, lead));
    }

    private static void Supersede(Event e)
    {
        foreach (var s in CurrentSummons(e).ToList())
        {
            s.Superseded = true;
        }
    }

    private static void Review(Event e, FeedbackReview review, TransitionInput i, TransitionContext c)
    {
        var feedback = e.Feedback.Single(f => f.ClosedAt == e.ClosedAt);
        feedback.Review = review;
        feedback.ReviewNote = i.Note!.Trim();
        feedback.ReviewedAt = c.Now;
    }
}
