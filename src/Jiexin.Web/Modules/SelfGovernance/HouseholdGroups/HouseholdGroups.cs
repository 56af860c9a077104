using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.HouseholdGroups;

public sealed record HouseholdDto(Guid Id, string Address, Guid? RegistryAddressId, string? Label);

public sealed record GroupTaskDto(Guid Id, string Title, DateOnly DueOn, TaskState State, DateTime? ClosedAt, string? Outcome, bool Overdue);

public sealed record GroupActivityDto(Guid Id, DateOnly HeldOn, string Title, string? Description, int Participants, string? RecordedBy);

public sealed record HouseholdGroupDto(
    Guid Id, Guid CommunityId, string CommunityName, string Name, string LeaderName, Guid? LeaderUserId, ZoneKind ZoneKind, string? ZonePolygon,
    IReadOnlyList<string> ZoneAddresses, int Version, IReadOnlyList<HouseholdDto> Households, IReadOnlyList<GroupTaskDto> Tasks,
    IReadOnlyList<GroupActivityDto> Activities, bool CanManage);

/// <summary>联户创建 over <c>/api/v1/household-groups</c>: groups, their households in address order, tasks and activity records.</summary>
public static class HouseholdGroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/household-groups").WithTags("HouseholdGroups").RequireAuthorization(Policies.Staff);
        g.MapGet("", async Task<Ok<IReadOnlyList<ListHouseholdGroups.Item>>> (Guid? communityId, string? q, ClaimsPrincipal user, ListHouseholdGroups.Handler h, CancellationToken ct) =>
                TypedResults.Ok(await h.Handle(communityId, q, user, ct)))
            .WithName("SelfGovernance.ListHouseholdGroups");
        g.MapGet("/{id:guid}", async Task<Results<Ok<HouseholdGroupDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, GetHouseholdGroup.Handler h, CancellationToken ct) =>
                await h.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该联组。"))
            .WithName("SelfGovernance.GetHouseholdGroup");
        g.MapPost("", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                SaveHouseholdGroup.Request body, ClaimsPrincipal user, SaveHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.Handle(null, body, user, ct)).ToHttp(x => $"/api/v1/household-groups/{x.Id}"))
            .WithName("SelfGovernance.CreateHouseholdGroup");
        g.MapPut("/{id:guid}", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, SaveHouseholdGroup.Request body, ClaimsPrincipal user, SaveHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.Handle(id, body, user, ct)).ToHttp())
            .WithName("SelfGovernance.EditHouseholdGroup");
        g.MapPost("/{id:guid}/households", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ChangeHouseholdGroup.AddHousehold body, ClaimsPrincipal user, ChangeHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.AddHouseholdAsync(id, body, user, ct)).ToHttp())
            .WithName("SelfGovernance.AddHousehold");
        g.MapDelete("/{id:guid}/households/{householdId:guid}", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid householdId, ClaimsPrincipal user, ChangeHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.RemoveHouseholdAsync(id, householdId, user, ct)).ToHttp())
            .WithName("SelfGovernance.RemoveHousehold");
        g.MapPost("/{id:guid}/tasks", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ChangeHouseholdGroup.AddTask body, ClaimsPrincipal user, ChangeHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.AddTaskAsync(id, body, user, ct)).ToHttp())
            .WithName("SelfGovernance.AddGroupTask");
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/close", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid taskId, ChangeHouseholdGroup.CloseTask body, ClaimsPrincipal user, ChangeHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.CloseTaskAsync(id, taskId, body, user, ct)).ToHttp())
            .WithName("SelfGovernance.CloseGroupTask");
        g.MapPost("/{id:guid}/activities", async Task<Results<Ok<HouseholdGroupDto>, Created<HouseholdGroupDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ChangeHouseholdGroup.AddActivity body, ClaimsPrincipal user, ChangeHouseholdGroup.Handler h, CancellationToken ct) =>
                (await h.AddActivityAsync(id, body, user, ct)).ToHttp())
            .WithName("SelfGovernance.AddGroupActivity");
    }

    internal static IQueryable<HouseholdGroup> Load(JiexinDbContext db) =>
        db.Set<HouseholdGroup>().Include(x => x.Households).Include(x => x.Tasks).Include(x => x.Activities).AsSplitQuery();

    internal static HouseholdGroupDto ToDto(HouseholdGroup g, SelfGovernanceAccess access, bool canManage, DateOnly today) =>
        new(g.Id, g.CommunityId, access.CommunityName(g.CommunityId), g.Name, g.LeaderName, g.LeaderUserId, g.ZoneKind, g.ZonePolygon,
            g.ZoneAddresses?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [], g.Version,
            [.. g.Households.OrderBy(h => h.SortKey, StringComparer.Ordinal).Select(h => new HouseholdDto(h.Id, h.Address, h.RegistryAddressId, h.Label))],
            [.. g.Tasks.OrderBy(t => t.State).ThenBy(t => t.DueOn).Select(t => new GroupTaskDto(t.Id, t.Title, t.DueOn, t.State, t.ClosedAt, t.Outcome, t.State == TaskState.Open && t.DueOn < today))],
            [.. g.Activities.OrderByDescending(a => a.HeldOn).Select(a => new GroupActivityDto(a.Id, a.HeldOn, a.Title, a.Description, a.Participants, a.RecordedBy))],
            canManage);
}

public static class ListHouseholdGroups
{
    public sealed record Item(Guid Id, Guid CommunityId, string CommunityName, string Name, string LeaderName, ZoneKind ZoneKind, int Households, int OpenTasks, DateOnly? LastActivity);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<IReadOnlyList<Item>> Handle(Guid? communityId, string? q, ClaimsPrincipal user, CancellationToken ct)
        {
            var visible = access.VisibleCommunities(user);
            var query = db.Set<HouseholdGroup>().AsNoTracking();
            if (visible is not null)
            {
                query = query.Where(g => Enumerable.Contains(visible, g.CommunityId));
            }

            if (communityId is { } c)
            {
                query = query.Where(g => g.CommunityId == c);
            }

            if (!string.IsNullOrWhiteSpace(q))
            {
                var words = q.Trim();
                query = query.Where(g => g.Name.Contains(words) || g.LeaderName.Contains(words) || g.Households.Any(h => h.Address.Contains(words)));
            }

            var rows = await query.OrderBy(g => g.Name).Take(500)
                .Select(g => new
                {
                    g.Id, g.CommunityId, g.Name, g.LeaderName, g.ZoneKind, Households = g.Households.Count,
                    OpenTasks = g.Tasks.Count(t => t.State == TaskState.Open),
                    LastActivity = g.Activities.OrderByDescending(a => a.HeldOn).Select(a => (DateOnly?)a.HeldOn).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return [.. rows.Select(r => new Item(r.Id, r.CommunityId, access.CommunityName(r.CommunityId), r.Name, r.LeaderName, r.ZoneKind, r.Households, r.OpenTasks, r.LastActivity))];
        }
    }
}

public static class GetHouseholdGroup
{
    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<HouseholdGroupDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var g = await HouseholdGroupEndpoints.Load(db).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (g is null || !await access.CanSeeAsync(user, g.CommunityId))
            {
                return null;
            }

            return HouseholdGroupEndpoints.ToDto(g, access, await access.CanManageAsync(user, g.CommunityId), Deliberations.Meetings.MeetingDto.ChinaToday(clock));
        }
    }
}

/// <summary>Creates or edits a group: name (unique in its community), leader, and the zone — a polygon or a list of addresses.</summary>
public static class SaveHouseholdGroup
{
    public sealed record Request(Guid? CommunityId, string? Name, string? LeaderName, ZoneKind? ZoneKind, string? ZonePolygon, IReadOnlyList<string>? ZoneAddresses, int? Version = null,
        Guid? LeaderUserId = null);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<Outcome<HouseholdGroupDto>> Handle(Guid? id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            HouseholdGroup group;
            var now = clock.GetUtcNow().UtcDateTime;
            if (id is { } existing)
            {
                var found = await HouseholdGroupEndpoints.Load(db).SingleOrDefaultAsync(x => x.Id == existing, ct);
                if (found is null || !await access.CanSeeAsync(user, found.CommunityId))
                {
                    return Outcome<HouseholdGroupDto>.NotFound("未找到该联组。");
                }

                if (body.Version is not { } version)
                {
                    return Outcome<HouseholdGroupDto>.Invalid("version", "请提供您看到的版本号（version）。");
                }

                group = found;
                db.Entry(group).Property(x => x.Version).OriginalValue = version;
                if (version != group.Version)
                {
                    return Outcome<HouseholdGroupDto>.Conflict(HouseholdGroupEndpoints.ToDto(group, access, true, Today()), "该联组刚被他人修改，请刷新后再试。");
                }
            }
            else
            {
                if (body.CommunityId is not { } communityId || !access.CommunityExists(communityId))
                {
                    return Outcome<HouseholdGroupDto>.Invalid("communityId", "请选择社区。");
                }

                group = new HouseholdGroup { Id = Guid.CreateVersion7(now), CommunityId = communityId, Name = "", LeaderName = "", CreatedAt = now };
            }

            if (!await access.CanManageAsync(user, group.CommunityId))
            {
                return Outcome<HouseholdGroupDto>.Forbidden("该社区不在您的职责范围内。");
            }

            var name = body.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 50)
            {
                return Outcome<HouseholdGroupDto>.Invalid("name", "请填写联组名称（不超过 50 字）。");
            }

            var leader = body.LeaderName?.Trim();
            if (string.IsNullOrEmpty(leader) || leader.Length > 50)
            {
                return Outcome<HouseholdGroupDto>.Invalid("leaderName", "请填写联户长（不超过 50 字）。");
            }

            // The 联户长's own account, if they have one: they are reminded of the group's tasks (an active account, any role).
            if (body.LeaderUserId is { } leaderUserId && !await db.Set<JiexinUser>().AnyAsync(u => u.Id == leaderUserId && !u.IsDisabled, ct))
            {
                return Outcome<HouseholdGroupDto>.Invalid("leaderUserId", "联户长账号不存在或已停用。");
            }

            var kind = body.ZoneKind ?? (string.IsNullOrWhiteSpace(body.ZonePolygon) ? ZoneKind.Addresses : ZoneKind.Polygon);
            string? polygon = null, addresses = null;
            if (kind == ZoneKind.Polygon)
            {
                polygon = HouseholdGroupRules.ReadPolygon(body.ZonePolygon);
                if (polygon is null)
                {
                    return Outcome<HouseholdGroupDto>.Invalid("zonePolygon", "包干区域应为一个有效的 GeoJSON 多边形（经纬度）。");
                }
            }
            else
            {
                var lines = (body.ZoneAddresses ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
                if (lines.Count == 0 || lines.Any(a => a.Length > 200) || string.Join('\n', lines).Length > 4000)
                {
                    return Outcome<HouseholdGroupDto>.Invalid("zoneAddresses", "请列出包干区域的地址（每条不超过 200 字）。");
                }

                addresses = string.Join('\n', lines.OrderBy(HouseholdGroupRules.SortKey, StringComparer.Ordinal));
            }

            if (await db.Set<HouseholdGroup>().AnyAsync(x => x.CommunityId == group.CommunityId && x.Name == name && x.Id != group.Id, ct))
            {
                return Outcome<HouseholdGroupDto>.Invalid("name", "本社区已有同名联组。");
            }

            group.Name = name;
            group.LeaderName = leader;
            group.LeaderUserId = body.LeaderUserId;
            group.ZoneKind = kind;
            group.ZonePolygon = polygon;
            group.ZoneAddresses = addresses;
            if (id is null)
            {
                db.Add(group);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await HouseholdGroupEndpoints.Load(db).AsNoTracking().SingleAsync(x => x.Id == group.Id, ct);
                return Outcome<HouseholdGroupDto>.Conflict(HouseholdGroupEndpoints.ToDto(current, access, true, Today()), "该联组刚被他人修改，请刷新后再试。");
            }

            var dto = HouseholdGroupEndpoints.ToDto(group, access, true, Today());
            return id is null ? Outcome<HouseholdGroupDto>.Created(dto) : Outcome<HouseholdGroupDto>.Done(dto);
        }

        private DateOnly Today() => Deliberations.Meetings.MeetingDto.ChinaToday(clock);
    }
}

/// <summary>Households, tasks and activity records of a group: appended (no version needed), a task closed once.</summary>
public static class ChangeHouseholdGroup
{
    public sealed record AddHousehold(string? Address, Guid? RegistryAddressId, string? Label);

    public sealed record AddTask(string? Title, DateOnly? DueOn);

    public sealed record CloseTask(string? Note);

    public sealed record AddActivity(DateOnly? HeldOn, string? Title, string? Description, int? Participants);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, IRegistryLookup registry, TimeProvider clock)
    {
        public Task<Outcome<HouseholdGroupDto>> AddHouseholdAsync(Guid id, AddHousehold body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, user, async g =>
            {
                var address = body.Address?.Trim();
                if (body.RegistryAddressId is { } registryId)
                {
                    var found = await registry.FindAddressAsync(registryId, ct);
                    if (found is null || (found.CommunityId is { } c && c != g.CommunityId))
                    {
                        return ("registryAddressId", "所选标准地址不存在或不在本社区。");
                    }

                    address = found.Label;
                }

                if (string.IsNullOrEmpty(address) || address.Length > 200)
                {
                    return ("address", "请填写住址（不超过 200 字）。");
                }

                if (body.Label?.Trim().Length > 50)
                {
                    return ("label", "称呼不超过 50 字。");
                }

                if (g.Households.Any(h => h.Address == address))
                {
                    return ("address", "该住户已在本联组中。");
                }

                g.Households.Add(new GroupHousehold
                {
                    Id = Guid.CreateVersion7(), GroupId = g.Id, Address = address, RegistryAddressId = body.RegistryAddressId,
                    Label = string.IsNullOrWhiteSpace(body.Label) ? null : body.Label.Trim(), SortKey = HouseholdGroupRules.SortKey(address),
                });
                return null;
            }, ct);

        public Task<Outcome<HouseholdGroupDto>> RemoveHouseholdAsync(Guid id, Guid householdId, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, user, g =>
            {
                var household = g.Households.FirstOrDefault(h => h.Id == householdId);
                if (household is null)
                {
                    return Task.FromResult<(string, string)?>(("householdId", "该住户不在本联组中。"));
                }

                g.Households.Remove(household);
                return Task.FromResult<(string, string)?>(null);
            }, ct);

        public Task<Outcome<HouseholdGroupDto>> AddTaskAsync(Guid id, AddTask body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, user, g =>
            {
                var title = body.Title?.Trim();
                (string, string)? problem = string.IsNullOrEmpty(title) || title.Length > 200 ? ("title", "请填写任务（不超过 200 字）。")
                    : body.DueOn is null ? ("dueOn", "请填写完成期限。")
                    : null;
                if (problem is null)
                {
                    g.Tasks.Add(new GroupTask { Id = Guid.CreateVersion7(), GroupId = g.Id, Title = title!, DueOn = body.DueOn!.Value, State = TaskState.Open });
                }

                return Task.FromResult(problem);
            }, ct);

        public Task<Outcome<HouseholdGroupDto>> CloseTaskAsync(Guid id, Guid taskId, CloseTask body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, user, g =>
            {
                var task = g.Tasks.FirstOrDefault(t => t.Id == taskId);
                (string, string)? problem = task is null ? ("taskId", "该任务不在本联组中。")
                    : task.State == TaskState.Closed ? ("taskId", "该任务已办结。")
                    : string.IsNullOrWhiteSpace(body.Note) || body.Note.Trim().Length > 1000 ? ("note", "请填写办理结果（不超过 1000 字）。")
                    : null;
                if (problem is null)
                {
                    task!.State = TaskState.Closed;
                    task.ClosedAt = clock.GetUtcNow().UtcDateTime;
                    task.Outcome = body.Note!.Trim();
                }

                return Task.FromResult(problem);
            }, ct);

        public Task<Outcome<HouseholdGroupDto>> AddActivityAsync(Guid id, AddActivity body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, user, g =>
            {
                var title = body.Title?.Trim();
                (string, string)? problem = string.IsNullOrEmpty(title) || title.Length > 100 ? ("title", "请填写活动名称（不超过 100 字）。")
                    : body.HeldOn is null ? ("heldOn", "请填写活动日期。")
                    : body.HeldOn > Deliberations.Meetings.MeetingDto.ChinaToday(clock) ? ("heldOn", "活动日期不能晚于今天。")
                    : body.Participants is < 0 or > 10000 ? ("participants", "参与人数不正确。")
                    : body.Description?.Length > 2000 ? ("description", "活动内容不超过 2000 字。")
                    : null;
                if (problem is null)
                {
                    g.Activities.Add(new GroupActivity
                    {
                        Id = Guid.CreateVersion7(), GroupId = g.Id, HeldOn = body.HeldOn!.Value, Title = title!, Description = body.Description?.Trim(),
                        Participants = body.Participants ?? 0, RecordedBy = user.FindFirst(JiexinClaims.DisplayName)?.Value,
                    });
                }

                return Task.FromResult(problem);
            }, ct);

        private async Task<Outcome<HouseholdGroupDto>> ChangeAsync(Guid id, ClaimsPrincipal user, Func<HouseholdGroup, Task<(string Field, string Message)?>> change, CancellationToken ct)
        {
            var g = await HouseholdGroupEndpoints.Load(db).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (g is null || !await access.CanSeeAsync(user, g.CommunityId))
            {
                return Outcome<HouseholdGroupDto>.NotFound("未找到该联组。");
            }

            if (!await access.CanManageAsync(user, g.CommunityId))
            {
                return Outcome<HouseholdGroupDto>.Forbidden("该联组不在您的职责范围内。");
            }

            if (await change(g) is { } problem)
            {
                return problem.Field == "taskId" && problem.Message.Contains("已办结")
                    ? Outcome<HouseholdGroupDto>.Conflict(HouseholdGroupEndpoints.ToDto(g, access, true, Deliberations.Meetings.MeetingDto.ChinaToday(clock)), problem.Message)
                    : Outcome<HouseholdGroupDto>.Invalid(problem.Field, problem.Message);
            }

            await db.SaveChangesAsync(ct);
            return Outcome<HouseholdGroupDto>.Done(HouseholdGroupEndpoints.ToDto(g, access, true, Deliberations.Meetings.MeetingDto.ChinaToday(clock)));
        }
    }
}
