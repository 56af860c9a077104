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

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Invalid,
        Conflict,
    }

    public sealed record Outcome(Status Status, WarningDto? Warning = null, string? Message = null, string? Field = null);

    public sealed class Handler(JiexinDbContext db, WarningAccess access, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var w = await access.Visible(db.Set<Warning>(), user).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (w is null)
            {
                return new(Status.NotFound, Message: "未找到该预警。");
            }

            if (!RespondingRoles.Any(user.IsInRole))
            {
                return new(Status.Forbidden, Message: "只有村社区工作人员和指挥中心可以响应预警。");
            }

            if (body.Version is not { } version)
            {
                return new(Status.Invalid, Message: "请提供您看到的预警版本号（version）。", Field: "version");
            }

            var measure = body.Measure?.Trim() ?? "";
            if (measure.Length is 0 or > MaxMeasure)
            {
                return new(Status.Invalid, Message: $"请填写采取的措施（不超过 {MaxMeasure} 字）。", Field: "measure");
            }

            if (version != w.Version)
            {
                return new(Status.Conflict, WarningDto.From(w, orgs), "该预警刚被他人处理，请刷新后再操作。");
            }

            if (w.Status == WarningStatus.Closed || w.RespondedAt is not null)
            {
                return new(Status.Conflict, WarningDto.From(w, orgs), w.RespondedAt is not null ? "该预警已响应。" : "该预警已关闭。");
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

            db.Entry(w).Property(x => x.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<Warning>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
                return new(Status.Conflict, WarningDto.From(current, orgs), "该预警刚被他人处理，请刷新后再操作。");
            }

            return new(Status.Done, WarningDto.From(w, orgs));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/respond", async Task<Results<Ok<WarningDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Warning!),
                    Status.Invalid => Problems.Validation(outcome.Field ?? "measure", outcome.Message!),
                    Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                        extensions: new Dictionary<string, object?> { ["current"] = outcome.Warning }),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .RequireAuthorization(p => p.RequireRole(RespondingRoles))
            .WithName("Warnings.Respond");
}
