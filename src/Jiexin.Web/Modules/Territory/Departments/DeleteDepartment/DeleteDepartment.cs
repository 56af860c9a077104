using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Departments.DeleteDepartment;

/// <summary>Deletes a department that no account belongs to.</summary>
public static class DeleteDepartment
{
    /// <param name="Version">The version the user saw; null skips the check.</param>
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
            var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == command.Id, ct);
            if (department is null)
            {
                return new Result.NotFound();
            }

            if (command.Version is { } version && version != department.Version)
            {
                return new Result.Conflict("该部门已被他人修改，请刷新后再决定是否删除。");
            }

            var accounts = await db.Users.CountAsync(u => u.OrgUnitKind == OrgUnitKind.Department && u.OrgUnitId == department.Id, ct);
            if (accounts > 0)
            {
                return new Result.Conflict($"有 {accounts} 个账号属于「{department.Name}」，不能删除。请先在账号管理中调整这些账号的所属单位。");
            }

            db.Remove(department);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict("该部门已被他人修改，请刷新后再决定是否删除。");
            }
            catch (DbUpdateException)
            {
                return new Result.Conflict($"「{department.Name}」仍被其他数据（如派单记录）引用，不能删除。");
            }

            await directory.ReloadAsync(ct);
            return new Result.Deleted();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder departments) =>
        departments.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, version), ct) switch
                {
                    Result.Deleted => TypedResults.NoContent(),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("部门不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteDepartment")
            .WithSummary("删除部门");
}
