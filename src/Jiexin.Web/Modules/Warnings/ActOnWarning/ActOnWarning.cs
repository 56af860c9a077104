using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Modules.Warnings.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.ActOnWarning;

/// <summary>
/// 确认 (acknowledge), 指派 (assign to a department, community, grid and/or a staff account, with a note) and 关闭 (close,
/// which frees the condition: if it holds again later, the job raises a new alert). Against the version the actor saw
/// (409 with the current alert otherwise). Every change is audited by the platform's interceptor.
/// </summary>
public static class ActOnWarning
{
    public const int MaxNote = 500;

    public enum Action
    {
        Acknowledge,
        Assign,
        Close,
    }

    public sealed record Request(int? Version, string? Note = null, OrgUnitKind? AssigneeKind = null, Guid? AssigneeId = null, Guid? AssigneeUserId = null);

    public sealed class Handler(JiexinDbContext db, WarningAccess access, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<WarningChangeOutcome> Handle(Guid id, Action action, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var w = await access.Visible(db.Set<Warning>(), user).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (w is null)
            {
                return WarningChange.NotFound();
            }

            if (!WarningAccess.CanAct(user))
            {
                return new(WarningChangeStatus.Forbidden, Message: "只有指挥中心和管理员可以处理预警。");
            }

            if (body.Version is not { } version)
            {
                return WarningChange.Invalid("version", "请提供您看到的预警版本号（version）。");
            }

            var note = body.Note?.Trim();
            if (note is { Length: > MaxNote })
            {
                return WarningChange.Invalid("note", $"说明不能超过 {MaxNote} 字。");
            }

            if (version != w.Version)
            {
                return WarningChange.Conflict(w, orgs);
            }

            if (w.Status == WarningStatus.Closed)
            {
                return WarningChange.Conflict(w, orgs, "该预警已关闭。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
            string? assigneeUserName = null;
            switch (action)
            {
                case Action.Acknowledge:
                    if (w.Status != WarningStatus.Open)
                    {
                        return WarningChange.Conflict(w, orgs, "该预警已确认。");
                    }

                    w.Status = WarningStatus.Acknowledged;
                    break;
                case Action.Assign:
                    if (body.AssigneeKind is null != body.AssigneeId is null)
                    {
                        return WarningChange.Invalid("assigneeId", "请同时选择承办单位的类型和单位。");
                    }

                    if (body.AssigneeId is null && body.AssigneeUserId is null)
                    {
                        return WarningChange.Invalid("assigneeId", "请选择指派的单位或人员。");
                    }

                    if (body.AssigneeKind is { } kind && body.AssigneeId is { } unitId && (kind == OrgUnitKind.Street || !orgs.Exists(new OrgUnitRef(kind, unitId))))
                    {
                        return WarningChange.Invalid("assigneeId", "所选单位不存在。");
                    }

                    if (body.AssigneeUserId is { } userId)
                    {
                        assigneeUserName = await db.Set<JiexinUser>().AsNoTracking()
                            .Where(u => u.Id == userId && !u.IsDisabled && u.OrgUnitKind != null)
                            .Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
                        if (assigneeUserName is null)
                        {
                            return WarningChange.Invalid("assigneeUserId", "所选人员不存在或不是工作人员。");
                        }
                    }

                    if (string.IsNullOrWhiteSpace(note))
                    {
                        return WarningChange.Invalid("note", "请填写指派说明。");
                    }

                    if (w.Status == WarningStatus.Open)
                    {
                        // Assigning implies having looked at it.
                        w.AcknowledgedAt = now;
                        w.AcknowledgedByUserId = user.GetUserId();
                        w.AcknowledgedByName = actor;
                    }

                    w.Status = WarningStatus.Assigned;
                    w.AssigneeKind = body.AssigneeKind;
                    w.AssigneeId = body.AssigneeId;
                    w.AssigneeUserId = body.AssigneeUserId;
                    w.AssignNote = note;
                    w.AssignedAt = now;
                    w.AssignedByName = actor;
                    // The assignee (unit and/or person) gets a to-do with the note, committed with the assignment.
                    List<string> audiences = [];
                    if (body.AssigneeKind is { } toKind && body.AssigneeId is { } toUnit)
                    {
                        audiences.Add(Audience.Unit(toKind, toUnit));
                    }

                    if (body.AssigneeUserId is { } toUser)
                    {
                        audiences.Add(Audience.User(toUser));
                    }

                    new NotificationMessage($"预警指派：{w.Title}", $"{actor}：{note}", NotificationKind.Todo, audiences,
                            StaffLink: "/warnings", SubjectType: Evaluate.EvaluateWarnings.NotificationTopic, SubjectId: w.Id, ExcludeUserId: user.GetUserId())
                        .Enqueue(db, $"warning_assigned:{w.Id:N}:{version}", now);
                    break;
                case Action.Close:
                    if (string.IsNullOrWhiteSpace(note))
                    {
                        return WarningChange.Invalid("note", "请填写关闭说明。");
                    }

                    w.Status = WarningStatus.Closed;
                    w.OpenKey = null;
                    w.ClosedAt = now;
                    w.CloseNote = note;
                    break;
            }

            if (action == Action.Acknowledge)
            {
                w.AcknowledgedAt = now;
                w.AcknowledgedByUserId = user.GetUserId();
                w.AcknowledgedByName = actor;
            }

            return await WarningChange.SaveAsync(db, w, version, orgs, () => WarningDto.From(w, orgs, assigneeUserName), ct);
        }
    }

    public static void Map(RouteGroupBuilder g)
    {
        foreach (var (action, path) in new[] { (Action.Acknowledge, "acknowledge"), (Action.Assign, "assign"), (Action.Close, "close") })
        {
            g.MapPost($"/{{id:guid}}/{path}", async Task<Results<Ok<WarningDto>, ValidationProblem, ProblemHttpResult>> (
                    Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                    WarningChange.ToHttp(await handler.Handle(id, action, body, user, ct), "note"))
                .RequireAuthorization(p => p.RequireRole(WarningAccess.ActingRoles))
                .WithName($"Warnings.{action}");
        }
    }
}
