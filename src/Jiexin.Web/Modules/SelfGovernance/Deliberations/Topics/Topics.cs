using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Topics;

public sealed record TopicDto(
    Guid Id, Guid CommunityId, string CommunityName, string Title, string Description, TopicSource Source, string SourceName, string? SourceRef,
    string? SourceTitle, DeliberationParty? ProposerParty, string ProposerName, TopicStatus Status, string StatusName, string? DecisionNote, DateTime CreatedAt, int Version)
{
    internal static TopicDto From(DeliberationTopic t, SelfGovernanceAccess access) =>
        new(t.Id, t.CommunityId, access.CommunityName(t.CommunityId), t.Title, t.Description, t.Source, DeliberationRules.SourceName(t.Source), t.SourceRef,
            t.SourceTitle, t.ProposerParty, t.ProposerName, t.Status, DeliberationRules.TopicStatusName(t.Status), t.DecisionNote, t.CreatedAt, t.Version);
}

/// <summary>
/// 提出议题. A resident proposes for their community (it waits for acceptance); community staff enter a topic for one
/// of the four parties, or raise it from an event or a need with its reference (accepted at once).
/// </summary>
public static class ProposeTopic
{
    public const int MaxTitle = 100;
    public const int MaxDescription = 2000;

    public sealed record Request(
        Guid? CommunityId, string? Title, string? Description, TopicSource? Source = null, string? SourceRef = null,
        DeliberationParty? ProposerParty = null, string? ProposerName = null);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public Task<Outcome<TopicDto>> Handle(Request body, ClaimsPrincipal user, CancellationToken ct) => Handle(body, null, user, ct);

        /// <summary>With the source's title (a need's, from ServiceLists through Contracts), kept on the topic for its link back.</summary>
        internal async Task<Outcome<TopicDto>> Handle(Request body, string? sourceTitle, ClaimsPrincipal user, CancellationToken ct)
        {
            if (body.CommunityId is not { } communityId || !access.CommunityExists(communityId))
            {
                return Outcome<TopicDto>.Invalid("communityId", "请选择社区。");
            }

            var title = body.Title?.Trim();
            if (string.IsNullOrEmpty(title) || title.Length > MaxTitle)
            {
                return Outcome<TopicDto>.Invalid("title", $"请填写议题（不超过 {MaxTitle} 字）。");
            }

            var description = body.Description?.Trim();
            if (string.IsNullOrEmpty(description) || description.Length > MaxDescription)
            {
                return Outcome<TopicDto>.Invalid("description", $"请说明情况和建议（不超过 {MaxDescription} 字）。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var displayName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
            var topic = new DeliberationTopic
            {
                Id = Guid.CreateVersion7(now), CommunityId = communityId, Title = title, Description = description,
                ProposedByUserId = user.GetUserId(), CreatedAt = now, Status = TopicStatus.Proposed, ProposerName = displayName,
            };

            if (user.IsInRole(Roles.Resident) && !SelfGovernanceAccess.IsStaff(user))
            {
                topic.Source = TopicSource.Resident;
            }
            else
            {
                if (!await access.CanManageAsync(user, communityId))
                {
                    return Outcome<TopicDto>.Forbidden("该社区不在您的职责范围内。");
                }

                var source = body.Source ?? TopicSource.Party;
                var sourceRef = body.SourceRef?.Trim();
                if (source == TopicSource.Party && body.ProposerParty is null)
                {
                    return Outcome<TopicDto>.Invalid("proposerParty", "请选择提出议题的一方。");
                }

                if (source is TopicSource.Event or TopicSource.Need && string.IsNullOrEmpty(sourceRef))
                {
                    return Outcome<TopicDto>.Invalid("sourceRef", source == TopicSource.Event ? "请填写事件编号。" : "请填写需求编号。");
                }

                if (sourceRef?.Length > 64)
                {
                    return Outcome<TopicDto>.Invalid("sourceRef", "来源编号不超过 64 字。");
                }

                var proposer = body.ProposerName?.Trim();
                if (proposer?.Length > 50)
                {
                    return Outcome<TopicDto>.Invalid("proposerName", "提议人不超过 50 字。");
                }

                topic.Source = source;
                topic.SourceRef = string.IsNullOrEmpty(sourceRef) ? null : sourceRef;
                topic.SourceTitle = source == TopicSource.Need && !string.IsNullOrWhiteSpace(sourceTitle) ? sourceTitle.Trim()[..Math.Min(sourceTitle.Trim().Length, 200)] : null;
                topic.ProposerParty = body.ProposerParty;
                topic.ProposerName = string.IsNullOrEmpty(proposer)
                    ? body.ProposerParty is { } p ? DeliberationRules.PartyName(p) : displayName
                    : proposer;
                DeliberationWorkflow.Topics.Apply(topic, TopicAction.Accept, new(), new(user.GetUserId(), displayName, now));
            }

            db.Add(topic);
            await db.SaveChangesAsync(ct);
            return Outcome<TopicDto>.Created(TopicDto.From(topic, access));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/topics", async Task<Results<Ok<TopicDto>, Created<TopicDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(body, user, ct)).ToHttp(t => $"/api/v1/deliberations/topics/{t.Id}"))
            .WithName("SelfGovernance.ProposeTopic");
}

public static class ListTopics
{
    public sealed record Query(Guid? CommunityId = null, TopicStatus? Status = null, string? Q = null, int Page = 1, int PageSize = 20, Guid? Id = null);

    public sealed record Page(IReadOnlyList<TopicDto> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 100);
            var number = Math.Max(1, q.Page);
            var visible = access.VisibleCommunities(user);
            var query = db.Set<DeliberationTopic>().AsNoTracking();
            if (visible is not null)
            {
                query = query.Where(t => Enumerable.Contains(visible, t.CommunityId));
            }

            if (q.CommunityId is { } c)
            {
                query = query.Where(t => t.CommunityId == c);
            }

            if (q.Id is { } topicId)
            {
                query = query.Where(t => t.Id == topicId);
            }

            if (q.Status is { } s)
            {
                query = query.Where(t => t.Status == s);
            }

            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var words = q.Q.Trim();
                query = query.Where(t => t.Title.Contains(words) || t.Description.Contains(words) || (t.SourceRef != null && t.SourceRef == words));
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(t => t.CreatedAt).Skip((number - 1) * size).Take(size).ToListAsync(ct);
            return new([.. items.Select(t => TopicDto.From(t, access))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/topics", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ListTopics");
}

/// <summary>受理 or 不予受理 a proposed topic; the agenda rows of the table are driven by meetings only.</summary>
public static class ActOnTopic
{
    public sealed record Request(int? Version, string? Note = null);

    private static readonly TopicAction[] PublicActions = [TopicAction.Accept, TopicAction.Decline];

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<Outcome<TopicDto>> Handle(Guid id, string actionName, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var topic = await db.Set<DeliberationTopic>().SingleOrDefaultAsync(t => t.Id == id, ct);
            if (topic is null || !await access.CanSeeAsync(user, topic.CommunityId))
            {
                return Outcome<TopicDto>.NotFound("未找到该议题。");
            }

            if (!Enum.TryParse<TopicAction>(actionName, true, out var action) || !PublicActions.Contains(action))
            {
                return Outcome<TopicDto>.Invalid("action", $"未知的操作：{actionName}。");
            }

            if (body.Version is not { } version)
            {
                return Outcome<TopicDto>.Invalid("version", "请提供您看到的版本号（version）。");
            }

            if (!await access.CanManageAsync(user, topic.CommunityId))
            {
                return Outcome<TopicDto>.Forbidden("该议题不在您的职责范围内。");
            }

            if (version != topic.Version)
            {
                return Outcome<TopicDto>.Conflict(TopicDto.From(topic, access), "该议题刚被他人处理，请刷新后再操作。");
            }

            if (body.Note?.Length > 500)
            {
                return Outcome<TopicDto>.Invalid("note", "理由不超过 500 字。");
            }

            var context = new ActContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", clock.GetUtcNow().UtcDateTime);
            var result = DeliberationWorkflow.Topics.Apply(topic, action, new() { Note = body.Note }, context);
            if (!result.Succeeded)
            {
                return result.Failure == StepFailure.WrongStatus
                    ? Outcome<TopicDto>.Conflict(TopicDto.From(topic, access), result.Message!)
                    : Outcome<TopicDto>.Invalid(result.Field ?? "note", result.Message!);
            }

            db.Entry(topic).Property(t => t.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<DeliberationTopic>().AsNoTracking().SingleAsync(t => t.Id == id, ct);
                return Outcome<TopicDto>.Conflict(TopicDto.From(current, access), "该议题刚被他人处理，请刷新后再操作。");
            }

            return Outcome<TopicDto>.Done(TopicDto.From(topic, access));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/topics/{id:guid}/actions/{action}", async Task<Results<Ok<TopicDto>, Created<TopicDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(id, action, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ActOnTopic");
}
