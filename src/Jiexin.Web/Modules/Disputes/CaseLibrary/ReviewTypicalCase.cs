using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.CaseLibrary;

/// <summary>
/// 审核典型案例: a reviewer (调解员、指挥中心、管理员) edits the anonymised text — anonymised once more on save — and
/// publishes it, or takes a published case out of the library with a reason. Each change checks the version read (409).
/// </summary>
public static class ReviewTypicalCase
{
    public sealed record EditRequest(
        string? Title, string? Facts, string? Process, string? Result, string? MethodNotes, IReadOnlyList<string>? MethodTags, int? Version);

    public sealed record StatusRequest(int? Version, string? Reason = null);

    public enum Status { Done, NotFound, Invalid, Conflict }

    public sealed record Outcome(Status Status, TypicalCaseDto? Case = null, string? Message = null, string? Field = null);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        public Task<Outcome> EditAsync(Guid id, EditRequest body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, body.Version, user, async c =>
            {
                var checks = new (string Field, string? Value, int Min, int Max, string Name)[]
                {
                    ("title", body.Title, 2, TypicalCaseRules.MaxTitle, "标题"),
                    ("facts", body.Facts, 5, TypicalCaseRules.MaxText, "基本案情"),
                    ("process", body.Process, 5, TypicalCaseRules.MaxProcess, "调解过程"),
                    ("result", body.Result, 2, TypicalCaseRules.MaxText, "调解结果"),
                    ("methodNotes", body.MethodNotes, 5, TypicalCaseRules.MaxText, "方法心得"),
                };
                foreach (var (field, value, min, max, name) in checks)
                {
                    var length = value?.Trim().Length ?? 0;
                    if (length < min || length > max)
                    {
                        return new Outcome(Status.Invalid, Message: $"{name}应为 {min} 到 {max} 字。", Field: field);
                    }
                }

                if (TypicalCaseRules.CheckTags(body.MethodTags) is { } tagProblem)
                {
                    return new Outcome(Status.Invalid, Message: tagProblem, Field: "methodTags");
                }

                // The reviewer's text goes through the anonymiser too: a name or number typed back in does not survive.
                var parties = await db.Set<DisputeParty>().AsNoTracking().Where(p => p.DisputeId == c.DisputeId)
                    .Select(p => new CaseAnonymiser.Party(p.Name, p.IsOrganisation)).ToListAsync(ct);
                string Clean(string? text) => CaseAnonymiser.Anonymise(text!.Trim(), parties);
                c.Title = TypicalCaseRules.Clip(Clean(body.Title), TypicalCaseRules.MaxTitle);
                c.Facts = TypicalCaseRules.Clip(Clean(body.Facts), TypicalCaseRules.MaxText);
                c.Process = TypicalCaseRules.Clip(Clean(body.Process), TypicalCaseRules.MaxProcess);
                c.Result = TypicalCaseRules.Clip(Clean(body.Result), TypicalCaseRules.MaxText);
                c.MethodNotes = TypicalCaseRules.Clip(Clean(body.MethodNotes), TypicalCaseRules.MaxText);
                if (body.MethodTags is not null)
                {
                    c.MethodTags = TypicalCaseRules.StoreTags(body.MethodTags);
                }

                c.Words = TypicalCaseRules.WordsOf(c.Title, c.Facts);
                return null;
            }, ct);

        public Task<Outcome> PublishAsync(Guid id, StatusRequest body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, body.Version, user, c =>
            {
                if (c.Status == TypicalCaseStatus.Published)
                {
                    return Task.FromResult<Outcome?>(new Outcome(Status.Conflict, Message: "该案例已发布。"));
                }

                c.Status = TypicalCaseStatus.Published;
                c.ReviewedBy = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "";
                c.PublishedAt = clock.GetUtcNow().UtcDateTime;
                c.UnpublishReason = null;
                return Task.FromResult<Outcome?>(null);
            }, ct);

        public Task<Outcome> UnpublishAsync(Guid id, StatusRequest body, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(id, body.Version, user, c =>
            {
                if (c.Status != TypicalCaseStatus.Published)
                {
                    return Task.FromResult<Outcome?>(new Outcome(Status.Conflict, Message: "该案例未发布，无需撤回。"));
                }

                var reason = body.Reason?.Trim() ?? "";
                if (reason.Length is < 2 or > 500)
                {
                    return Task.FromResult<Outcome?>(new Outcome(Status.Invalid, Message: "请说明撤回原因（2 到 500 字）。", Field: "reason"));
                }

                c.Status = TypicalCaseStatus.Withdrawn;
                c.UnpublishReason = reason;
                return Task.FromResult<Outcome?>(null);
            }, ct);

        private async Task<Outcome> ChangeAsync(Guid id, int? version, ClaimsPrincipal user, Func<TypicalCase, Task<Outcome?>> change, CancellationToken ct)
        {
            var c = await db.Set<TypicalCase>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null || !TypicalCaseRules.CanRead(user, c))
            {
                return new(Status.NotFound, Message: "未找到该案例。");
            }

            if (!TypicalCaseRules.IsReviewer(user))
            {
                return new(Status.NotFound, Message: "未找到该案例。");
            }

            if (version is null)
            {
                return new(Status.Invalid, Message: "请提供读取时的版本号（version）。", Field: "version");
            }

            if (version != c.Version)
            {
                return new(Status.Conflict, TypicalCaseDto.From(c, user), "该案例已被他人修改，请刷新后重试。");
            }

            if (await change(c) is { } refused)
            {
                return refused with { Case = refused.Status == Status.Conflict ? TypicalCaseDto.From(c, user) : null };
            }

            c.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            db.Entry(c).Property(x => x.Version).OriginalValue = version.Value;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<TypicalCase>().AsNoTracking().FirstAsync(x => x.Id == id, ct);
                return new(Status.Conflict, TypicalCaseDto.From(current, user), "该案例已被他人修改，请刷新后重试。");
            }

            return new(Status.Done, TypicalCaseDto.From(c, user));
        }
    }

    private static Results<Ok<TypicalCaseDto>, ValidationProblem, ProblemHttpResult> ToResult(Outcome outcome) => outcome.Status switch
    {
        Status.Done => TypedResults.Ok(outcome.Case!),
        Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
        Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
            extensions: new Dictionary<string, object?> { ["current"] = outcome.Case }),
        _ => Problems.NotFound(outcome.Message!),
    };

    public static void Map(RouteGroupBuilder disputes)
    {
        var reviewers = TypicalCaseRules.ReviewerRoles;
        disputes.MapPut("/typical-cases/{id:guid}", async Task<Results<Ok<TypicalCaseDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, EditRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                ToResult(await handler.EditAsync(id, body, user, ct)))
            .RequireAuthorization(p => p.RequireRole(reviewers))
            .WithName("Disputes.EditTypicalCase");
        disputes.MapPost("/typical-cases/{id:guid}/publish", async Task<Results<Ok<TypicalCaseDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, StatusRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                ToResult(await handler.PublishAsync(id, body, user, ct)))
            .RequireAuthorization(p => p.RequireRole(reviewers))
            .WithName("Disputes.PublishTypicalCase");
        disputes.MapPost("/typical-cases/{id:guid}/unpublish", async Task<Results<Ok<TypicalCaseDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, StatusRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                ToResult(await handler.UnpublishAsync(id, body, user, ct)))
            .RequireAuthorization(p => p.RequireRole(reviewers))
            .WithName("Disputes.UnpublishTypicalCase");
    }
}
