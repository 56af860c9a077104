using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.ListAccounts;

/// <summary><c>GET /api/v1/admin/accounts</c>: accounts by keyword, role, org unit and status, a page at a time.</summary>
public static class ListAccounts
{
    public const int MaxPageSize = 100;

    /// <param name="Keyword">Part of the user name or the display name.</param>
    /// <param name="OrgUnit">A unit as <c>Kind:id</c>: accounts bound to it or to a unit it covers (a community's grids).</param>
    /// <param name="Status"><c>Active</c>, <c>Disabled</c> or <c>Locked</c>.</param>
    public sealed record Query(
        string? Keyword = null, string? Role = null, string? OrgUnit = null, string? Status = null, int Page = 1, int PageSize = 20);

    public sealed record Response(IReadOnlyList<AccountDto> Items, int Total, int Page, int PageSize);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory directory, TimeProvider clock)
    {
        public async Task<Outcome<Response>> Handle(Query query, CancellationToken ct)
        {
            if (query.PageSize > MaxPageSize)
            {
                return Failure.Invalid("pageSize", T($"每页最多 {MaxPageSize} 条。", $"At most {MaxPageSize} per page."));
            }

            var page = Math.Max(1, query.Page);
            var size = Math.Max(1, query.PageSize);
            var now = clock.GetUtcNow();
            var rows = db.WithRole();

            if (!string.IsNullOrWhiteSpace(query.Keyword))
            {
                var keyword = query.Keyword.Trim();
                var upper = keyword.ToUpperInvariant();
                rows = rows.Where(r => r.User.NormalizedUserName!.Contains(upper) || r.User.DisplayName.Contains(keyword));
            }

            if (!string.IsNullOrWhiteSpace(query.Role))
            {
                if (!Roles.All.Contains(query.Role))
                {
                    return Failure.Invalid("role", T($"角色“{query.Role}”不存在。", $"No role '{query.Role}'."));
                }

                rows = rows.Where(r => r.Role == query.Role);
            }

            if (!string.IsNullOrWhiteSpace(query.OrgUnit))
            {
                if (!OrgUnitRef.TryParse(query.OrgUnit, out var unit) || !directory.Exists(unit))
                {
                    return Failure.Invalid("orgUnit", T("所选组织单元不存在。", "No such org unit."));
                }

                rows = rows.Where(r => r.User.OrgUnitKind != null)
                    .WhereUnitInScope(scope.FilterFor(unit), r => r.User.OrgUnitKind, r => r.User.OrgUnitId);
            }

            if (!string.IsNullOrWhiteSpace(query.Status))
            {
                if (!Enum.TryParse<AccountStatus>(query.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
                {
                    return Failure.Invalid("status", T("状态只能是 Active、Disabled 或 Locked。", "Status is Active, Disabled or Locked."));
                }

                var locked = await db.LockedIdsAsync(now, ct);
                rows = status switch
                {
                    AccountStatus.Disabled => rows.Where(r => r.User.IsDisabled),
                    AccountStatus.Locked => rows.Where(r => !r.User.IsDisabled && Enumerable.Contains(locked, r.User.Id)),
                    _ => rows.Where(r => !r.User.IsDisabled && !Enumerable.Contains(locked, r.User.Id)),
                };
            }

            var total = await rows.CountAsync(ct);
            var items = await rows.OrderBy(r => r.User.UserName).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return new Response([.. items.Select(r => r.User.ToDto(r.Role, directory, now))], total, page, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("", async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> (
                [AsParameters] Query query, Handler handler, CancellationToken ct) => (await handler.Handle(query, ct)).ToOk())
            .WithName("Accounts.ListAccounts");
}
