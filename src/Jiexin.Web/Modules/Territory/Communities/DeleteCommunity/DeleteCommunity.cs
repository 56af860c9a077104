using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Communities.DeleteCommunity;

/// <summary>Deletes a 村社区 that has no grids and no accounts bound to it.</summary>
public static class DeleteCommunity
{
    /// <param name="Version">The version the user saw; null skips the check (e.g. a script that just deletes).</param>
    public sealed record Command(Guid Id, int? Version);

    public abstract record Result
    {
        public sealed record Deleted : Result;

        public sealed record NotFound : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, TerritoryDirectory directory)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var community = await db.Set<Community>().SingleOrDefaultAsync(c => c.Id == command.Id, ct);
            if (community is null)
            {
                return new Result.NotFound();
            }

            if (command.Version is { } version && version != community.Version)
            {
                return new Result.Conflict("该村社区已被他人修改，请刷新后再决定是否删除。");
            }

            var grids = await db.Set<Grid>().CountAsync(g => g.CommunityId == community.Id, ct);
            if (grids > 0)
            {
                return new Result.Conflict($"「{community.Name}」下还有 {grids} 个网格，不能删除。请先删除这些网格，或把它们改到其他村社区。");
            }

            var accounts = await db.Users.CountAsync(u => u.OrgUnitKind == OrgUnitKind.Community && u.OrgUnitId == community.Id, ct);
            if (accounts > 0)
            {
                return new Result.Conflict($"有 {accounts} 个账号属于「{community.Name}」，不能删除。请先在账号管理中调整这些账号的所属单位。");
            }

            db.Remove(community);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict("该村社区已被他人修改，请刷新后再决定是否删除。");
            }
            catch (DbUpdateException)
            {
                return new Result.Conflict($"「{community.Name}」仍被其他数据引用，不能删除。");
            }

            await directory.ReloadAsync(ct);
            return new Result.Deleted();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder communities) =>
        communities.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, version), ct) switch
                {
                    Result.Deleted => TypedResults.NoContent(),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("村社区不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteCommunity")
            .WithSummary("删除村社区（没有网格时）");
}
