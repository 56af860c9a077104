using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Grids.DeleteGrid;

/// <summary>Deletes a grid that no account belongs to.</summary>
public static class DeleteGrid
{
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
            var grid = await db.Set<Grid>().SingleOrDefaultAsync(g => g.Id == command.Id, ct);
            if (grid is null)
            {
                return new Result.NotFound();
            }

            if (command.Version is { } version && version != grid.Version)
            {
                return new Result.Conflict("该网格已被他人修改，请刷新后再决定是否删除。");
            }

            var accounts = await db.Users.CountAsync(u => u.OrgUnitKind == OrgUnitKind.Grid && u.OrgUnitId == grid.Id, ct);
            if (accounts > 0)
            {
                return new Result.Conflict($"有 {accounts} 个账号（如网格员）属于「{grid.Name}」，不能删除。请先在账号管理中调整这些账号的所属单位。");
            }

            db.Remove(grid);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict("该网格已被他人修改，请刷新后再决定是否删除。");
            }
            catch (DbUpdateException)
            {
                return new Result.Conflict($"「{grid.Name}」仍被其他数据（如事件、房屋）引用，不能删除。");
            }

            await directory.ReloadAsync(ct);
            return new Result.Deleted();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder grids) =>
        grids.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, version), ct) switch
                {
                    Result.Deleted => TypedResults.NoContent(),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("网格不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteGrid")
            .WithSummary("删除网格");
}
