using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.RaiseTopic;

/// <summary>
/// 提交四方议事: a need becomes a topic of its community's four-party deliberation. The need must be visible to the caller
/// (else 404); whether they may enter topics for that community is SelfGovernance's rule (else 403). The topic keeps the
/// need's id and title, so each module reads only its own tables.
/// </summary>
public static class RaiseTopic
{
    public sealed record Request(string? Title, string? Description);

    public enum Failure { None, NotFound, Forbidden, Invalid }

    public sealed record Result(RaisedTopic? Topic, Failure Failure = Failure.None, string? Field = null, string? Message = null);

    public sealed class Handler(JiexinDbContext db, ListAccess access, ITopicsFromNeeds topics)
    {
        public async Task<Result> Handle(Guid needId, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var need = await db.Set<ListItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == needId && x.Kind == ListKind.Need, ct);
            if (need?.CommunityId is not { } communityId || !ListAccess.IsStaff(user) || !await access.CanSeeAsync(user, need))
            {
                return new(null, Failure.NotFound, Message: "未找到该需求。");
            }

            // The form starts from the need; an empty description falls back to the need's own words.
            var title = string.IsNullOrWhiteSpace(body.Title) ? need.Title : body.Title;
            var description = string.IsNullOrWhiteSpace(body.Description) ? need.Description ?? need.Title : body.Description;
            var (topic, failure) = await topics.RaiseAsync(need.Id, need.Title, communityId, title, description, user, ct);
            return failure switch
            {
                null => new(topic),
                { Forbidden: true } => new(null, Failure.Forbidden, Message: failure.Message),
                _ => new(null, Failure.Invalid, failure.Field ?? "title", failure.Message),
            };
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPost("/items/{id:guid}/topics", async Task<Results<Created<RaisedTopic>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(id, body, user, ct);
                return result.Failure switch
                {
                    Failure.None => TypedResults.Created($"/api/v1/deliberations/topics?id={result.Topic!.Id}", result.Topic),
                    Failure.Invalid => Problems.Validation(result.Field!, result.Message!),
                    Failure.Forbidden => TypedResults.Problem(detail: result.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    _ => Problems.NotFound(result.Message!),
                };
            })
            .WithName("ServiceLists.RaiseTopic");
}
