using Jiexin.Data;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.ManageRouting;

/// <summary><c>DELETE /api/v1/attribution/routing-rules/{id}?version=N</c> (Admin): removes a rule the Admin saw at that version.</summary>
public static class DeleteRoutingRule
{
    public enum Outcome
    {
        Deleted,
        NotFound,
        Stale,
    }

    public sealed class Handler(JiexinDbContext db, AttributionCatalog catalog)
    {
        public async Task<Outcome> Handle(Guid id, int version, CancellationToken ct)
        {
            var rule = await db.Set<RoutingRule>().SingleOrDefaultAsync(r => r.Id == id, ct);
            if (rule is null)
            {
                return Outcome.NotFound;
            }

            if (rule.Version != version)
            {
                return Outcome.Stale;
            }

            db.Entry(rule).Property(r => r.Version).OriginalValue = version;
            db.Remove(rule);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Stale;
            }

            await catalog.ReloadAsync(ct);
            return Outcome.Deleted;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapDelete("/routing-rules/{id:guid}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, int? version, Handler handler, CancellationToken ct) =>
            {
                if (version is not { } seen)
                {
                    return Problems.Validation("version", "请带上所删除规则的 version。");
                }

                return await handler.Handle(id, seen, ct) switch
                {
                    Outcome.Deleted => TypedResults.NoContent(),
                    Outcome.Stale => Problems.Conflict(SaveRoutingRule.StaleMessage),
                    _ => Problems.NotFound("规则不存在或已被删除。"),
                };
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.DeleteRoutingRule")
            .WithSummary("删除派单规则");
}
