using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Territory.Departments.DeleteDepartment;

/// <summary>Deletes a department that no account belongs to.</summary>
public static class DeleteDepartment
{
    /// <param name="Version">The version the user saw; null skips the check.</param>
    public sealed record Command(Guid Id, int? Version);

    public sealed class Handler(OrgUnitDeletion deletion)
    {
        public Task<DeleteResult> Handle(Command command, CancellationToken ct) =>
            deletion.DeleteAsync(command.Id, command.Version, new OrgUnitDeletion.Rules<Department>(
                OrgUnitKind.Department, "部门", d => d.Name, ReferencedBy: "（如派单记录）"), ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder departments) =>
        departments.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, version), ct)).ToHttp("部门不存在或已被删除。"))
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteDepartment")
            .WithSummary("删除部门");
}
