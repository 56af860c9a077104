using Jiexin.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Deadlines.DeleteDeadlinePolicy;

/// <summary>
/// <c>DELETE /api/v1/events/deadline-policies/{id}</c> (Admin): the 大类 then follows the default of its tier. The
/// default rows themselves can only be changed, not deleted.
/// </summary>
public static class DeleteDeadlinePolicy
{
    public enum Status
    {
        Deleted,
        NotFound,
        IsDefault,
    }

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Status> Handle(Guid id, CancellationToken ct)
        {
            var policy = await db.Set<DeadlinePolicy>().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (policy is null)
            {
                return Status.NotFound;
            }

            if (policy.CategoryCode is null)
            {
                return Status.IsDefault;
            }

            db.Remove(policy);
            await db.SaveChangesAsync(ct);
            return Status.Deleted;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapDelete("/deadline-policies/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, ct) switch
                {
                    Status.Deleted => TypedResults.NoContent(),
                    Status.IsDefault => Problems.Conflict("默认时限不能删除，只能修改。"),
                    _ => Problems.NotFound("未找到该时限。"),
                })
            .RequireAuthorization(Platform.Auth.Policies.Admin)
            .WithName("Events.DeleteDeadlinePolicy");
}
