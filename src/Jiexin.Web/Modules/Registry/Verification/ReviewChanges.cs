using System.Security.Claims;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Verification;

/// <summary>
/// 核查审核: what grid workers found on site — a correction, a move-out, a person added — changes the registry only
/// when community staff (or the command centre) approve it. Approving applies the change; rejecting leaves the record as
/// it was (a rejected addition is removed). Each decision is against the version the reviewer saw.
/// </summary>
public static class ReviewChanges
{
    public const int MaxPageSize = 100;

    public static readonly string[] ReviewerRoles = [Roles.CommunityStaff, Roles.Commander];

    public sealed record Change(string Field, string? Old, string? New);

    public sealed record Row(
        Guid ItemId, Guid CampaignId, string CampaignName, Guid PersonId, string PersonName, string? IdNumber, VerificationOutcome Outcome,
        IReadOnlyList<Change> Changes, string? Note, string? VerifiedByName, DateTime? VerifiedAt, string? CommunityName, string? GridName,
        VerificationReview Review, string? ReviewedByName, string? ReviewNote, int Version);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public sealed record DecisionRequest(bool? Approve, string? Note, int? Version);

    public sealed record DecisionResult(bool Done, bool NotFound = false, string? Conflict = null, IDictionary<string, string[]>? Errors = null);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names, PersonalDataSealer sealer, TimeProvider clock)
    {
        /// <summary>The review queue in the caller's scope: pending by default, or the decided ones of a state.</summary>
        public async Task<Page> ListAsync(Guid? campaignId, VerificationReview? review, int page, int pageSize, ClaimsPrincipal user, CancellationToken ct)
        {
            var state = review ?? VerificationReview.Pending;
            var size = Math.Clamp(pageSize, 1, MaxPageSize);
            var number = Math.Max(1, page);
            var items = db.Set<VerificationItem>().AsNoTracking().InScope(scope.FilterFor(user)).Where(i => i.Review == state);
            if (campaignId is { } id)
            {
                items = items.Where(i => i.CampaignId == id);
            }

            var total = await items.CountAsync(ct);
            var rows = await items.OrderBy(i => i.VerifiedAt).ThenBy(i => i.Id).Skip((number - 1) * size).Take(size)
                .Join(db.Set<VerificationCampaign>(), i => i.CampaignId, c => c.Id, (i, c) => new { Item = i, CampaignName = c.Name })
                .Join(db.Set<Person>(), x => x.Item.PersonId, p => p.Id, (x, p) => new { x.Item, x.CampaignName, p.Name, p.IdNumberMasked })
                .ToListAsync(ct);
            return new Page([.. rows.Select(r => new Row(
                r.Item.Id, r.Item.CampaignId, r.CampaignName, r.Item.PersonId, r.Name, r.IdNumberMasked, r.Item.Outcome, Changes(r.Item.Changes),
                r.Item.Note, r.Item.VerifiedByName, r.Item.VerifiedAt, names.Of(r.Item.CommunityId), names.Of(r.Item.GridId),
                r.Item.Review, r.Item.ReviewedByName, r.Item.ReviewNote, r.Item.Version))], total, number, size);
        }

        public async Task<DecisionResult> DecideAsync(Guid itemId, DecisionRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await db.Set<VerificationItem>().SingleOrDefaultAsync(i => i.Id == itemId, ct);
            if (item is null || !scope.CanSee(user, item))
            {
                return new DecisionResult(false, NotFound: true);
            }

            var errors = new Dictionary<string, string[]>();
            if (r.Approve is not { } approve)
            {
                errors["approve"] = ["请选择通过（true）或驳回（false）。"];
            }
            else if (!approve && string.IsNullOrWhiteSpace(r.Note))
            {
                errors["note"] = ["驳回时请填写理由，网格员会看到。"];
            }

            if (r.Note is { Length: > 500 })
            {
                errors["note"] = ["审核意见不能超过 500 个字。"];
            }

            if (r.Version is null)
            {
                errors["version"] = ["缺少版本号，请刷新后重试。"];
            }

            if (errors.Count > 0)
            {
                return new DecisionResult(false, Errors: errors);
            }

            if (item.Review != VerificationReview.Pending || r.Version != item.Version)
            {
                return new DecisionResult(false, Conflict: "该核查结果已被审核或已变化，请刷新。");
            }

            var person = await db.Set<Person>().SingleAsync(p => p.Id == item.PersonId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (r.Approve == true)
            {
                Apply(item, person, now);
                item.Review = VerificationReview.Approved;
            }
            else if (item.Outcome == VerificationOutcome.Added)
            {
                // Not a real resident after all: the record the grid worker added goes (its item with it); the audit log keeps both.
                db.Remove(person);
            }
            else
            {
                item.Review = VerificationReview.Rejected;
            }

            item.ProposedPhoneCipher = null;
            item.ReviewedAt = now;
            item.ReviewedBy = user.GetUserId();
            item.ReviewedByName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name;
            item.ReviewNote = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new DecisionResult(false, Conflict: "该人员或核查结果刚被他人修改，请刷新后再审核。");
            }

            return new DecisionResult(true);
        }

        private void Apply(VerificationItem item, Person person, DateTime now)
        {
            switch (item.Outcome)
            {
                case VerificationOutcome.Corrected:
                    if (item.ProposedPhoneCipher is { } cipher)
                    {
                        var current = new ValidPerson(person.Name, sealer.IdNumber(person), sealer.OpenPhone(cipher), person.BirthDate, person.Sex,
                            person.ResidenceType, sealer.Tags(person), person.Note);
                        sealer.Seal(person, current);
                    }

                    if (item.ProposedResidenceType is { } residence)
                    {
                        person.ResidenceType = residence;
                    }

                    break;
                case VerificationOutcome.MovedOut:
                    person.MovedOutAt = now;
                    break;
            }

            person.VerifiedAt = now;
            person.UpdatedAt = now;
        }
    }

    /// <summary>The stored diff (<c>{"field":{"old":…,"new":…}}</c>, personal values masked) as rows.</summary>
    public static IReadOnlyList<Change> Changes(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p => new Change(p.Name,
            p.Value.TryGetProperty("old", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null,
            p.Value.TryGetProperty("new", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null))];
    }

    public static void Map(RouteGroupBuilder registry)
    {
        var verification = registry.MapGroup("/verification");
        verification.MapGet("/reviews", async Task<Ok<Page>> (
                [FromQuery] Guid? campaignId, [FromQuery] VerificationReview? review, [FromQuery] int? page, [FromQuery] int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(campaignId, review, page ?? 1, pageSize ?? 20, user, ct)))
            .RequireAuthorization(p => p.RequireRole(ReviewerRoles))
            .WithName("Registry.ListVerificationReviews");
        verification.MapPost("/items/{id:guid}/review", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, DecisionRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.DecideAsync(id, body, user, ct);
                return result switch
                {
                    { Done: true } => TypedResults.NoContent(),
                    { NotFound: true } => Problems.NotFound("未找到该核查记录。"),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .RequireAuthorization(p => p.RequireRole(ReviewerRoles))
            .WithName("Registry.ReviewVerification");
    }
}
