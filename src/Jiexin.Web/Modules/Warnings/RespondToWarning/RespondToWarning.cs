using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Modules.Warnings.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.RespondToWarning;

/// <summary>
/// 响应: the community (or the command centre) records the measure taken on an alert that needs a response — who, what,
/// when — against the version seen. Once per alert; an open alert counts as acknowledged by it.
/// </summary>
public static class RespondToWarning
{
    public const int MaxMeasure = 1000;

    public static readonly string[] RespondingRoles = [Roles.CommunityStaff, Roles.Commander, Roles.Admin];

    public sealed record Request(int? Version, string? Measure);

    public sealed class Handler(JiexinDbContext db, WarningAccess access, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<WarningChangeOutcome> Handle(Guid id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var w = await access.Visible(db.Set<Warning>(), user).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (w is null)
            {
                return WarningChange.NotFound();
            }

            if (!RespondingRoles.Any(user.IsInRole))
            {
                return new(WarningChangeStatus.Forbidden, Message: "只有村社区工作人员和指挥中心可以响应预警。");
            }

            if (body.Version is not { } version)
            {
                return WarningChange.Invalid("version", "请提供您看到的预警版本号（version）。");
            }

            var measure = body.Measure?.Trim() ?? "";
            if (measure.Length is 0 or > MaxMeasure)
            {
                return WarningChange.Invalid("measure", $"请填写采取的措施（不超过 {MaxMeasure} 字）。");
            }

            if (version != w.Version)
            {
                return WarningChange.Conflict(w, orgs);
            }

            if (w.Status == WarningStatus.Closed || w.RespondedAt is not null)
            {
                return WarningChange.Conflict(w, orgs, w.RespondedAt is not null ? "该预警已响应。" : "该预警已关闭。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
            w.RespondedAt = now;
            w.RespondedByUserId = user.GetUserId();
            w.RespondedByName = actor;
            w.ResponseMeasure = measure;
            if (w.Status == WarningStatus.Open)
            {
                w.Status = WarningStatus.Acknowledged;
                w.AcknowledgedAt = now;
                w.AcknowledgedByUserId = user.GetUserId();
                w.AcknowledgedByName = actor;
            }

            return await WarningChange.SaveAsync(db, w, version, orgs, () => WarningDto.From(w, orgs), ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/respond", async Task<Results<Ok<WarningDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                WarningChange.ToHttp(await handler.Handle(id, body, user, ct), "measure"))
            .RequireAuthorization(p => p.RequireRole(RespondingRoles))
            .WithName("Warnings.Respond");
}
