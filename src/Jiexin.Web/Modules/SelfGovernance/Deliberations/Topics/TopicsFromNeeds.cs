using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Topics;

/// <summary>Topics raised from a need go through <see cref="ProposeTopic"/> (same rules, same acceptance), with the need's id and title.</summary>
internal sealed class TopicsFromNeeds(JiexinDbContext db, ProposeTopic.Handler propose) : ITopicsFromNeeds
{
    public async Task<(RaisedTopic? Topic, RaiseTopicFailure? Failure)> RaiseAsync(
        Guid needId, string needTitle, Guid communityId, string? title, string? description, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!SelfGovernanceAccess.IsStaff(user))
        {
            return (null, new(null, "只有社区工作人员可以提交四方议事。", Forbidden: true));
        }

        var request = new ProposeTopic.Request(communityId, title, description, TopicSource.Need, needId.ToString());
        var outcome = await propose.Handle(request, needTitle, user, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Done => (ToRaised(outcome.Value!.Id, outcome.Value.Title, outcome.Value.Status, outcome.Value.CreatedAt), null),
            OutcomeStatus.Forbidden or OutcomeStatus.NotFound => (null, new(null, outcome.Message!, Forbidden: true)),
            _ => (null, new(outcome.Field, outcome.Message!)),
        };
    }

    public async Task<IReadOnlyList<RaisedTopic>> OfNeedAsync(Guid needId, Guid communityId, CancellationToken ct = default)
    {
        var reference = needId.ToString();
        var topics = await db.Set<DeliberationTopic>().AsNoTracking()
            .Where(t => t.Source == TopicSource.Need && t.SourceRef == reference && t.CommunityId == communityId)
            .OrderBy(t => t.CreatedAt).Select(t => new { t.Id, t.Title, t.Status, t.CreatedAt }).ToListAsync(ct);
        return [.. topics.Select(t => ToRaised(t.Id, t.Title, t.Status, t.CreatedAt))];
    }

    private static RaisedTopic ToRaised(Guid id, string title, TopicStatus status, DateTime createdAt) =>
        new(id, title, DeliberationRules.TopicStatusName(status), createdAt);
}
