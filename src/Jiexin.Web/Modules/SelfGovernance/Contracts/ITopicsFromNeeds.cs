using System.Security.Claims;

namespace Jiexin.Modules.SelfGovernance.Contracts;

/// <summary>A 四方议事 topic raised from a need, as the need's page shows it.</summary>
public sealed record RaisedTopic(Guid Id, string Title, string StatusName, DateTime CreatedAt);

/// <summary>Why a topic could not be raised: a field and a zh-CN message, or <see cref="Forbidden"/> (the community is not the caller's to manage).</summary>
public sealed record RaiseTopicFailure(string? Field, string Message, bool Forbidden = false);

/// <summary>
/// 提交四方议事 from a 群众需求 (ServiceLists). The caller has already checked that the need exists and the user may see it;
/// the topic is created in the need's community, linked by the need's id with its title copied onto the topic, so this module
/// never reads the lists' tables.
/// </summary>
public interface ITopicsFromNeeds
{
    /// <summary>Creates the topic (accepted at once, like any topic staff enter for a need) or says why not.</summary>
    Task<(RaisedTopic? Topic, RaiseTopicFailure? Failure)> RaiseAsync(
        Guid needId, string needTitle, Guid communityId, string? title, string? description, ClaimsPrincipal user, CancellationToken ct = default);

    /// <summary>The topics raised from the need in its community, oldest first.</summary>
    Task<IReadOnlyList<RaisedTopic>> OfNeedAsync(Guid needId, Guid communityId, CancellationToken ct = default);
}
