using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.CaseLibrary;

/// <summary>知“新”网格学堂: search the library by text, dispute type and mediation method, paged, newest first.</summary>
public static class ListTypicalCases
{
    public const int MaxPageSize = 50;

    public sealed record Query(string? Q = null, string? Type = null, string? Method = null, TypicalCaseStatus? Status = null, int? Page = null, int? PageSize = null);

    public sealed record Item(Guid Id, string Title, string TypeName, IReadOnlyList<string> MethodTags, TypicalCaseStatus Status, string StatusName,
        string Summary, string ProposedBy, DateTime ProposedAt, DateTime? PublishedAt);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var page = Math.Max(1, q.Page ?? 1);
            var size = Math.Clamp(q.PageSize ?? 20, 1, MaxPageSize);
            var status = q.Status ?? TypicalCaseStatus.Published;
            var query = db.Set<TypicalCase>().AsNoTracking().Where(c => c.Status == status);
            if (status != TypicalCaseStatus.Published && !TypicalCaseRules.IsReviewer(user))
            {
                // Cases in review: only one's own proposals.
                var me = user.GetUserId() ?? Guid.Empty;
                query = query.Where(c => c.ProposedByUserId == me);
            }

            if (!string.IsNullOrWhiteSpace(q.Type))
            {
                query = query.Where(c => c.TypeCode == q.Type.Trim());
            }

            if (!string.IsNullOrWhiteSpace(q.Method))
            {
                var tag = $"|{q.Method.Trim()}|";
                query = query.Where(c => c.MethodTags.Contains(tag));
            }

            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var text = q.Q.Trim();
                text = text.Length > 50 ? text[..50] : text;
                query = query.Where(c => c.Title.Contains(text) || c.Facts.Contains(text) || c.Process.Contains(text)
                    || c.Result.Contains(text) || c.MethodNotes.Contains(text));
            }

            var total = await query.CountAsync(ct);
            var rows = await query.OrderByDescending(c => c.PublishedAt ?? c.ProposedAt).ThenByDescending(c => c.Id)
                .Skip((page - 1) * size).Take(size)
                .Select(c => new { c.Id, c.Title, c.TypeName, c.MethodTags, c.Status, c.Facts, c.ProposedBy, c.ProposedAt, c.PublishedAt })
                .ToListAsync(ct);
            return new(
                [.. rows.Select(c => new Item(c.Id, c.Title, c.TypeName, TypicalCaseRules.ReadTags(c.MethodTags), c.Status,
                    TypicalCaseRules.StatusName(c.Status), TypicalCaseRules.Clip(c.Facts, 80), c.ProposedBy, c.ProposedAt, c.PublishedAt))],
                total, page, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/typical-cases", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Disputes.ListTypicalCases");
}

/// <summary>One typical case; a case still in review only for reviewers and its proposer (else 404).</summary>
public static class GetTypicalCase
{
    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<TypicalCaseDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var c = await db.Set<TypicalCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            return c is not null && TypicalCaseRules.CanRead(user, c) ? TypicalCaseDto.From(c, user) : null;
        }

        /// <summary>The typical case drawn from a dispute, if any (for the dispute's page).</summary>
        public async Task<TypicalCaseDto?> ForDisputeAsync(Guid disputeId, ClaimsPrincipal user, CancellationToken ct)
        {
            var c = await db.Set<TypicalCase>().AsNoTracking().FirstOrDefaultAsync(x => x.DisputeId == disputeId, ct);
            return c is not null && TypicalCaseRules.CanRead(user, c) ? TypicalCaseDto.From(c, user) : null;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/typical-cases/{id:guid}", async Task<Results<Ok<TypicalCaseDto>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } c ? TypedResults.Ok(c) : Problems.NotFound("未找到该案例。"))
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Disputes.GetTypicalCase");
}

/// <summary>
/// 类案推送 at intake: the published cases whose words (jieba, <see cref="ChineseWords"/>) are most like a new case's
/// description — Jaccard similarity, plus a small bonus for the same dispute type — best first.
/// </summary>
public static class SimilarTypicalCases
{
    public const int MaxResults = 10;

    /// <summary>Below this a shared word or two is chance, not likeness.</summary>
    public const double MinSimilarity = 0.05;

    public const double SameTypeBonus = 0.1;

    /// <summary>The library is read whole per request; this bounds it (newest first) should it ever grow that large.</summary>
    public const int MaxCandidates = 5000;

    public sealed record Query(string? Text = null, string? Type = null, int? Limit = null);

    public sealed record Item(Guid Id, string Title, string TypeName, IReadOnlyList<string> MethodTags, string Summary, double Score);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<IReadOnlyList<Item>> Handle(Query q, CancellationToken ct)
        {
            var words = ChineseWords.Of(q.Text, 600);
            if (words.Count == 0)
            {
                return [];
            }

            var limit = Math.Clamp(q.Limit ?? 5, 1, MaxResults);
            var type = q.Type?.Trim();
            var candidates = await db.Set<TypicalCase>().AsNoTracking()
                .Where(c => c.Status == TypicalCaseStatus.Published)
                .OrderByDescending(c => c.PublishedAt).Take(MaxCandidates)
                .Select(c => new { c.Id, c.Title, c.TypeCode, c.TypeName, c.MethodTags, c.Words, c.Facts })
                .ToListAsync(ct);
            return [.. candidates
                .Select(c => new { Case = c, Similarity = ChineseWords.Jaccard(words, c.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)) })
                .Where(x => x.Similarity >= MinSimilarity)
                .Select(x => new Item(x.Case.Id, x.Case.Title, x.Case.TypeName, TypicalCaseRules.ReadTags(x.Case.MethodTags), TypicalCaseRules.Clip(x.Case.Facts, 80),
                    Math.Round(x.Similarity + (type is { Length: > 0 } && (x.Case.TypeCode == type || x.Case.TypeName == type) ? SameTypeBonus : 0), 3)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id)
                .Take(limit)];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/typical-cases/similar", async Task<Ok<IReadOnlyList<Item>>> ([AsParameters] Query q, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q with { Text = q.Text is { Length: > 2000 } t ? t[..2000] : q.Text }, ct)))
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Disputes.SimilarTypicalCases");
}
