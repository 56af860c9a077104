using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.ActOnDispute;

/// <summary>
/// Every step of a case through one endpoint, <c>POST /api/v1/disputes/{id}/actions/{action}</c>, driven by
/// <see cref="DisputeWorkflow"/>. The caller sends the version it saw: of two people acting at once, one wins and the
/// other gets 409 with the case's current state.
/// </summary>
public static class ActOnDispute
{
    public sealed record Request(
        int? Version,
        string? Note = null,
        TriageTier? Tier = null,
        ReceiverKind? ReceiverKind = null,
        Guid? ReceiverId = null,
        DateTime? DueAt = null,
        string? InvitedParties = null,
        string? LeaderName = null,
        string? Plan = null,
        string? Participants = null,
        string? Facts = null,
        DateTime? ScheduledAt = null,
        string? Place = null,
        Guid? SessionId = null,
        string? Minutes = null,
        string? Terms = null,
        string? Performance = null,
        string? Unresolved = null,
        DateOnly? SignedOn = null,
        LegalGuidance? Guidance = null,
        ReferralChannel? ReferralChannel = null,
        string? ReferralReceiver = null,
        bool? Resolved = null,
        string? Court = null,
        bool? Confirmed = null,
        bool? Honoured = null);

    public enum Status
    {
        Done,
        NotFound,
        UnknownAction,
        Forbidden,
        Conflict,
        Invalid,
    }

    public sealed record Outcome(Status Status, DisputeDto? Dispute = null, string? Message = null, string? Field = null);

    private const int MaxText = 4000;

    public sealed class Handler(
        JiexinDbContext db,
        DisputeAccess access,
        PartyData parties,
        ITerritoryLookup territory,
        IOrgDirectory orgs,
        IWorkingCalendar calendar,
        TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, string actionName, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await GetDispute.GetDispute.Load(db).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null || !await access.CanSeeAsync(user, d))
            {
                return new(Status.NotFound, Message: "未找到该纠纷。");
            }

            if (!Enum.TryParse<DisputeAction>(actionName, ignoreCase: true, out var action) || DisputeWorkflow.Find(action) is not { } transition)
            {
                return new(Status.UnknownAction, Message: $"未知的操作：{actionName}。");
            }

            if (body.Version is not { } version)
            {
                return new(Status.Invalid, Message: "请提供您看到的纠纷版本号（version）。", Field: "version");
            }

            if (version != d.Version)
            {
                return await StaleAsync(d.Id, user, ct);
            }

            if (!await access.InScopeAsync(user, transition, d))
            {
                return new(Status.Forbidden, Message: $"该纠纷不在您的职责范围内，不能{transition.Name}。");
            }

            if (TooLong(body) is { } tooLong)
            {
                return new(Status.Invalid, Message: "内容过长（不超过 4000 字）。", Field: tooLong);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var input = ToInput(body);
            if (action == DisputeAction.Route && body.Tier is { } tier)
            {
                var (resolved, problem) = await ResolveReceiverAsync(body, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (body.DueAt is { } due && due <= now)
                {
                    return new(Status.Invalid, Message: "调解期限应晚于当前时间。", Field: "dueAt");
                }

                // Acceptance within one working day; mediation within the tier's working days unless a deadline is given.
                input = input with
                {
                    ReceiverName = resolved,
                    AcceptBy = calendar.AddWorkingDays(now, DisputeRules.AcceptWorkingDays),
                    DueAt = body.DueAt ?? calendar.AddWorkingDays(now, DisputeRules.MediationWorkingDays(tier)),
                };
            }

            var context = new DisputeContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", now);
            var result = DisputeWorkflow.Apply(d, action, input, DisputeAccess.RolesOf(user), context);
            if (!result.Succeeded)
            {
                return result.Failure switch
                {
                    DisputeFailure.WrongStatus => new(Status.Conflict, await DtoAsync(d, user), result.Message),
                    DisputeFailure.RoleNotAllowed => new(Status.Forbidden, Message: result.Message),
                    _ => new(Status.Invalid, Message: result.Message, Field: result.Field),
                };
            }

            // The UPDATE only matches the version the caller saw: a concurrent change makes it miss.
            db.Entry(d).Property(x => x.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return await StaleAsync(d.Id, user, ct);
            }

            return new(Status.Done, await DtoAsync(d, user));
        }

        private async Task<DisputeDto> DtoAsync(Dispute d, ClaimsPrincipal user)
        {
            var timeline = await db.Set<DisputeTimelineEntry>().AsNoTracking().Where(t => t.DisputeId == d.Id).ToListAsync();
            d.Timeline = timeline.Concat(d.Timeline.Where(t => timeline.All(x => x.Id != t.Id))).ToList();
            return DisputeDto.From(d, parties, territory, await access.AvailableActionsAsync(user, d))
                with { Evidence = await Evidence.DisputeEvidence.Uploads.OfOwnerAsync(db, d.Id, CancellationToken.None) };
        }

        /// <summary>The receiver's display name, or why it cannot receive: a mediator account, an active room, or a department.</summary>
        private async Task<(string? Name, Outcome? Problem)> ResolveReceiverAsync(Request body, CancellationToken ct)
        {
            if (body.ReceiverKind is not { } kind || body.ReceiverId is not { } receiverId)
            {
                return (null, null); // the table's guard asks for it
            }

            switch (kind)
            {
                case ReceiverKind.Mediator:
                    var mediator = await MediatorsQuery(db).Where(u => u.Id == receiverId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                    return mediator is null ? (null, new(Status.Invalid, Message: "所选调解员不存在。", Field: "receiverId")) : (mediator, null);
                case ReceiverKind.Room:
                    var room = await db.Set<MediationRoom>().AsNoTracking().Where(r => r.Id == receiverId && r.IsActive).Select(r => r.Name).FirstOrDefaultAsync(ct);
                    return room is null ? (null, new(Status.Invalid, Message: "所选调解室不存在或已停用。", Field: "receiverId")) : (room, null);
                default:
                    var unit = new OrgUnitRef(OrgUnitKind.Department, receiverId);
                    return orgs.Exists(unit) ? (orgs.Describe(unit), null) : (null, new(Status.Invalid, Message: "所选部门不存在。", Field: "receiverId"));
            }
        }

        private async Task<Outcome> StaleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var current = await GetDispute.GetDispute.Load(db).AsNoTracking().Include(x => x.Timeline).SingleAsync(x => x.Id == id, ct);
            return new(Status.Conflict, DisputeDto.From(current, parties, territory, await access.AvailableActionsAsync(user, current))
                with { Evidence = await Evidence.DisputeEvidence.Uploads.OfOwnerAsync(db, id, ct) },
                $"该纠纷刚被他人处理（当前状态：{DisputeRules.StatusName(current.Status)}），请刷新后再操作。");
        }

        private static string? TooLong(Request b) =>
            new (string Field, string? Value)[]
            {
                ("note", b.Note), ("plan", b.Plan), ("facts", b.Facts), ("minutes", b.Minutes), ("terms", b.Terms),
                ("performance", b.Performance), ("unresolved", b.Unresolved), ("participants", b.Participants), ("invitedParties", b.InvitedParties),
                ("place", b.Place), ("referralReceiver", b.ReferralReceiver), ("court", b.Court), ("leaderName", b.LeaderName),
            }.FirstOrDefault(x => x.Value?.Length > (x.Field is "participants" or "invitedParties" ? 500 : x.Field is "place" or "referralReceiver" or "court" ? 100 : x.Field == "leaderName" ? 50 : MaxText)).Field;

        private static DisputeInput ToInput(Request b) => new()
        {
            Note = b.Note, Tier = b.Tier, ReceiverKind = b.ReceiverKind, ReceiverId = b.ReceiverId, DueAt = b.DueAt,
            InvitedParties = b.InvitedParties, LeaderName = b.LeaderName, Plan = b.Plan, Participants = b.Participants, Facts = b.Facts,
            ScheduledAt = b.ScheduledAt, Place = b.Place, SessionId = b.SessionId, Minutes = b.Minutes, Terms = b.Terms,
            Performance = b.Performance, Unresolved = b.Unresolved, SignedOn = b.SignedOn, Guidance = b.Guidance,
            ReferralChannel = b.ReferralChannel, ReferralReceiver = b.ReferralReceiver, Resolved = b.Resolved, Court = b.Court, Confirmed = b.Confirmed, Honoured = b.Honoured,
        };
    }

    /// <summary>Active accounts holding the Mediator role.</summary>
    internal static IQueryable<JiexinUser> MediatorsQuery(JiexinDbContext db) =>
        from u in db.Set<JiexinUser>().AsNoTracking()
        join ur in db.Set<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>() on u.Id equals ur.UserId
        join r in db.Set<JiexinRole>() on ur.RoleId equals r.Id
        where r.Name == Roles.Mediator
        select u;

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPost("/{id:guid}/actions/{action}", async Task<Results<Ok<DisputeDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, action, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Dispute!),
                    Status.Invalid => Problems.Validation(outcome.Field ?? "note", outcome.Message!),
                    Status.UnknownAction => Problems.Validation("action", outcome.Message!),
                    Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict,
                        title: Problems.TitleFor(409), extensions: new Dictionary<string, object?> { ["current"] = outcome.Dispute }),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .WithName("Disputes.ActOnDispute");
}
