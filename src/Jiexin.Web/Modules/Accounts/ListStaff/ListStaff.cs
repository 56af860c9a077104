using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Accounts.ListStaff;

/// <summary>
/// The staff directory, limited by org scope: <c>GET /api/v1/staff</c> lists the active staff accounts of every unit
/// the caller may act on; <c>GET /api/v1/org-units/{kind}/{id}/staff</c> those of one unit (a community with its
/// grids), 403 outside the caller's scope. Used to pick whom to assign work to.
/// </summary>
public static class ListStaff
{
    public sealed record StaffMember(
        Guid Id, string UserName, string DisplayName, string? Role, string? RoleName, OrgUnitKind OrgUnitKind, Guid OrgUnitId, string OrgUnitName);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory directory)
    {
        /// <summary>Staff of the units in <paramref name="filter"/>; the caller decides the filter (its scope, or a unit it may act on).</summary>
        public async Task<IReadOnlyList<StaffMember>> Handle(ScopeFilter filter, CancellationToken ct)
        {
            if (filter.IsEmpty)
            {
                return [];
            }

            var rows = await db.WithRole()
                .Where(r => r.User.OrgUnitKind != null && r.User.OrgUnitId != null && !r.User.IsDisabled)
                .WhereUnitInScope(filter, r => r.User.OrgUnitKind, r => r.User.OrgUnitId)
                .OrderBy(r => r.User.UserName)
                .Take(1000)
                .ToListAsync(ct);
            return [.. rows.Select(r => new StaffMember(
                r.User.Id, r.User.UserName ?? "", r.User.DisplayName, r.Role, r.Role is null ? null : Roles.DisplayName(r.Role),
                r.User.OrgUnitKind!.Value, r.User.OrgUnitId!.Value,
                directory.Describe(new OrgUnitRef(r.User.OrgUnitKind.Value, r.User.OrgUnitId.Value))))];
        }

        public Task<IReadOnlyList<StaffMember>> InScopeOf(ClaimsPrincipal user, CancellationToken ct) => Handle(scope.FilterFor(user), ct);

        public Task<IReadOnlyList<StaffMember>> OfUnit(OrgUnitRef unit, CancellationToken ct) => Handle(scope.FilterFor(unit), ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/staff", async Task<Ok<IReadOnlyList<StaffMember>>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.InScopeOf(user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithTags("Accounts")
            .WithName("Accounts.ListStaff");

        api.MapGet("/org-units/{kind}/{id:guid}/staff", async Task<Ok<IReadOnlyList<StaffMember>>> (
                string kind, Guid id, Handler handler, CancellationToken ct) =>
            {
                // The scope filter has checked the unit: it exists and the caller may act on it.
                OrgUnitRef.TryParse($"{kind}:{id}", out var unit);
                return TypedResults.Ok(await handler.OfUnit(unit, ct));
            })
            .RequireAuthorization(Policies.Staff)
            .RequireOrgScope("kind", "id")
            .WithTags("Accounts")
            .WithName("Accounts.ListUnitStaff");
    }
}
