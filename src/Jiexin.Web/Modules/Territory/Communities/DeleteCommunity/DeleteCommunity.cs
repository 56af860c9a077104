using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Communities.DeleteCommunity;

/// <summary>Deletes a 村社区 that has no grids and no accounts bound to it.</summary>
public static class DeleteCommunity
{
    /// <param name="Version">The version the user saw; null skips the check (e.g. a script that just deletes).</param>
    public sealed record Command(Guid Id, int? Version);

    public sealed class Handler(JiexinDbContext db, OrgUnitDeletion deletion)
    {
        public Task<DeleteResult> Handle(Command command, CancellationToken ct) =>
            deletion.DeleteAsync(command.Id, command.Version, new OrgUnitDeletion.Rules<Community>(
                OrgUnitKind.Community,
                "村社区",
                c => c.Name,
                Precondition: async (community, token) =>
                    await db.Set<Grid>().CountAsync(g => g.CommunityId == community.Id, token) is var grids and > 0
                        ? $"「{community.Name}」下还有 {grids} 个网格，不能删除。请先删除这些网格，或把它们改到其他村社区。"
                        : null), ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder communities) =>
        communities.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, int? version, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, version), ct)).ToHttp("村社区不存在或已被删除。"))
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.DeleteCommunity")
            .WithSummary("删除村社区（没有网格时）");
}
