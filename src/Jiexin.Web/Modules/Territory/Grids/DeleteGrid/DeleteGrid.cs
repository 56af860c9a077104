using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Territory.Grids.DeleteGrid;

/// <summary>Deletes a grid that no account belongs to.</summary>
public static class DeleteGrid
{
    public sealed record Command(Guid Id, int? Version);

    public sealed class Handler(OrgUnitDeletion deletion)
    {
        public Task<DeleteResult> Handle(Command command, CancellationToken ct) =>
            deletion.DeleteAsync(command.Id, command.Version, new OrgUnitDeletion.Rules<Grid>(
                OrgUnitKind.Grid, "网格", g => g.Name, AccountsHint: "（如网格员）", ReferencedBy: "（如事件、房屋）"), ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder grids) =>
        grids.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, version), ct)).ToHttp("网格不存在或已被删除。"))
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteGrid")
            .WithSummary("删除网格");
}
