using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Modules.Assessment.GetMonth;
using Jiexin.Modules.Assessment.Scoring;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Assessment.LeaderAreas;

/// <summary>
/// 领导班子包干责任制: Admin gives each member of the leadership (role Leader) the communities or grids they answer
/// for; every reader sees who is responsible for a row; a leader sees their own areas' figures and ranks.
/// </summary>
public static class LeaderAreas
{
    public sealed record AreaRef(OrgUnitKind Kind, Guid Id);

    public sealed record AreaDto(OrgUnitKind Kind, Guid Id, string Name, string? ParentName);

    public sealed record LeaderDto(Guid UserId, string UserName, string DisplayName, IReadOnlyList<AreaDto> Areas);

    public sealed record Request(IReadOnlyList<AreaRef>? Areas);

    /// <summary>A leader's areas in one month: each area's row (score, rank among its kind, measures).</summary>
    public sealed record MyAreasDto(string Month, bool IsClosed, int RuleSetNumber, IReadOnlyList<AssessmentRowDto> Rows);

    public const int MaxAreas = 50;

    public sealed class ListHandler(JiexinDbContext db, UserManager<JiexinUser> users, ITerritoryLookup territory)
    {
        public async Task<IReadOnlyList<LeaderDto>> Handle(CancellationToken ct)
        {
            var leaders = await users.GetUsersInRoleAsync(Roles.Leader);
            var areas = await db.Set<LeaderArea>().AsNoTracking().ToListAsync(ct);
            var names = GetMonth.GetMonth.UnitNames(territory);
            return [.. leaders.OrderBy(u => u.UserName).Select(u => new LeaderDto(u.Id, u.UserName ?? "", u.DisplayName,
                [.. areas.Where(a => a.LeaderUserId == u.Id).Select(a => ToDto(a.UnitKind, a.UnitId, names)).OrderBy(a => a.ParentName).ThenBy(a => a.Name)]))];
        }
    }

    public sealed record SaveOutcome(LeaderDto? Leader, int Status = 200, string? Field = null, string? Message = null);

    public sealed class SaveHandler(JiexinDbContext db, UserManager<JiexinUser> users, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<SaveOutcome> Handle(Guid leaderUserId, Request body, ClaimsPrincipal actor, CancellationToken ct)
        {
            var leader = await users.FindByIdAsync(leaderUserId.ToString());
            if (leader is null || !await users.IsInRoleAsync(leader, Roles.Leader))
            {
                return new(null, 404, Message: "未找到该街道领导账号。");
            }

            if (body.Areas is not { } wanted)
            {
                return new(null, 400, "areas", "请提供包干区域列表（可以为空）。");
            }

            if (wanted.Count > MaxAreas)
            {
                return new(null, 400, "areas", $"包干区域不能超过 {MaxAreas} 个。");
            }

            var names = GetMonth.GetMonth.UnitNames(territory);
            if (wanted.Any(a => a.Kind is not (OrgUnitKind.Community or OrgUnitKind.Grid) || !names.ContainsKey((a.Kind, a.Id))))
            {
                return new(null, 400, "areas", "包干区域只能是本街道的村社区或网格。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var byName = actor.FindFirst(JiexinClaims.DisplayName)?.Value ?? actor.Identity?.Name ?? "";
            var current = await db.Set<LeaderArea>().Where(a => a.LeaderUserId == leaderUserId).ToListAsync(ct);
            var target = wanted.Distinct().ToHashSet();
            db.RemoveRange(current.Where(a => !target.Contains(new AreaRef(a.UnitKind, a.UnitId))));
            foreach (var area in target.Where(t => !current.Any(a => a.UnitKind == t.Kind && a.UnitId == t.Id)))
            {
                db.Add(new LeaderArea
                {
                    Id = Guid.CreateVersion7(now),
                    LeaderUserId = leaderUserId,
                    LeaderName = leader.DisplayName.Length > 0 ? leader.DisplayName : leader.UserName ?? "",
                    UnitKind = area.Kind,
                    UnitId = area.Id,
                    AssignedAt = now,
                    AssignedByName = byName,
                });
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return new(null, 409, Message: "包干区域刚被他人修改，请刷新后再保存。");
            }

            return new(new LeaderDto(leader.Id, leader.UserName ?? "", leader.DisplayName,
                [.. target.Select(a => ToDto(a.Kind, a.Id, names)).OrderBy(a => a.ParentName).ThenBy(a => a.Name)]));
        }
    }

    public sealed class MineHandler(JiexinDbContext db, AssessmentMonths months, ITerritoryLookup territory)
    {
        public async Task<MyAreasDto?> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            if (GetMonth.GetMonth.Validate(months, month, null) is not null || user.GetUserId() is not { } me)
            {
                return null;
            }

            var m = GetMonth.GetMonth.Resolve(months, month);
            var mine = await db.Set<LeaderArea>().AsNoTracking().Where(a => a.LeaderUserId == me).ToListAsync(ct);
            var results = await months.GetAsync(m, ct);
            var names = GetMonth.GetMonth.UnitNames(territory);
            var leaders = await GetMonth.GetMonth.LeadersByUnitAsync(db, ct);
            var rows = mine
                .Select(a => results.OfKind(a.UnitKind).FirstOrDefault(r => r.UnitId == a.UnitId) is { } r
                    ? GetMonth.GetMonth.ToDto(r, results.Rules, results.RankedCount(a.UnitKind), names, leaders)
                    : null)
                .OfType<AssessmentRowDto>()
                .OrderBy(r => r.UnitKind == OrgUnitKind.Community ? 0 : 1).ThenBy(r => r.ParentName).ThenBy(r => r.UnitName)
                .ToList();
            return new(m, results.IsClosed, results.Rules.Number, rows);
        }
    }

    private static AreaDto ToDto(OrgUnitKind kind, Guid id, Dictionary<(OrgUnitKind, Guid), (string Name, string? Parent)> names)
    {
        var (name, parent) = names.GetValueOrDefault((kind, id), (id.ToString(), null));
        return new(kind, id, name, parent);
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/leader-areas", async (ListHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Commander, Roles.Leader, Roles.Admin))
            .WithName("Assessment.ListLeaderAreas");
        g.MapPut("/leader-areas/{leaderUserId:guid}", async Task<Results<Ok<LeaderDto>, ValidationProblem, ProblemHttpResult>> (
                Guid leaderUserId, Request body, ClaimsPrincipal user, SaveHandler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(leaderUserId, body, user, ct);
                return outcome.Status switch
                {
                    200 => TypedResults.Ok(outcome.Leader!),
                    404 => Problems.NotFound(outcome.Message!),
                    409 => Problems.Conflict(outcome.Message!),
                    _ => Problems.Validation(outcome.Field!, outcome.Message!),
                };
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("Assessment.SaveLeaderAreas");
        g.MapGet("/my-areas", async Task<Results<Ok<MyAreasDto>, ValidationProblem>> (string? month, ClaimsPrincipal user, MineHandler handler, CancellationToken ct) =>
                await handler.Handle(month, user, ct) is { } mine
                    ? TypedResults.Ok(mine)
                    : Problems.Validation("month", "月份格式应为 yyyy-MM，且不能是尚未开始的月份。"))
            .RequireAuthorization(p => p.RequireRole(Roles.Leader))
            .WithName("Assessment.MyAreas");
    }
}
