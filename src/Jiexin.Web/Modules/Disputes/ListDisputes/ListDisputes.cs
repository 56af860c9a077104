using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.ListDisputes;

/// <summary>矛盾纠纷 queue: the cases the caller may see, filtered and paged, newest first.</summary>
public static class ListDisputes
{
    public const int MaxPageSize = 100;

    public sealed record Query(
        DisputeStatus? Status = null,
        string? Type = null,
        DisputeChannel? Channel = null,
        RiskLevel? Risk = null,
        Guid? Mediator = null,
        TriageTier? Tier = null,
        bool? Open = null,
        string? Q = null,
        int? Page = null,
        int? PageSize = null,
        bool? Supervised = null);

    public sealed record Item(
        Guid Id, string CaseNumber, DisputeStatus Status, string StatusName, string DisputeTypeName, DisputeChannel Channel, string ChannelName,
        RiskLevel Risk, bool IsGroup, int PeopleCount, DisputeUrgency Urgency, TriageTier? Tier, string? ReceiverName, string Summary,
        DateTime CreatedAt, DateTime? DueAt, bool Overdue, bool Supervised = false);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, TimeProvider clock)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var page = Math.Max(1, q.Page ?? 1);
            var size = Math.Clamp(q.PageSize ?? 20, 1, MaxPageSize);
            var query = await access.VisibleAsync(db.Set<Dispute>().AsNoTracking(), user);
            if (q.Status is { } status)
            {
                query = query.Where(d => d.Status == status);
            }

            if (q.Open == true)
            {
                var open = DisputeWorkflow.Open.ToArray();
                query = query.Where(d => Enumerable.Contains(open, d.Status));
            }

            if (!string.IsNullOrWhiteSpace(q.Type))
            {
                query = query.Where(d => d.TypeCode == q.Type);
            }

            if (q.Channel is { } channel)
            {
                query = query.Where(d => d.Channel == channel);
            }

            if (q.Risk is { } risk)
            {
                query = query.Where(d => d.Risk == risk);
            }

            if (q.Mediator is { } mediator)
            {
                query = query.Where(d => d.ReceiverUserId == mediator);
            }

            if (q.Tier is { } tier)
            {
                query = query.Where(d => d.Tier == tier);
            }

            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var text = q.Q.Trim();
                query = query.Where(d => d.CaseNumber == text || d.Description.Contains(text));
            }

            // 督察: cases the supervision job flagged overdue (acceptance, mediation or follow-up).
            var flags = db.Set<DisputeOverdueFlag>();
            if (q.Supervised == true)
            {
                query = query.Where(d => flags.Any(f => f.DisputeId == d.Id));
            }

            var total = await query.CountAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .Skip((page - 1) * size).Take(size)
                .Select(d => new { d.Id, d.CaseNumber, d.Status, d.TypeName, d.Channel, d.Risk, d.IsGroup, d.PeopleCount, d.Urgency, d.Tier, d.ReceiverName, d.Description, d.CreatedAt, d.DueAt, Supervised = flags.Any(f => f.DisputeId == d.Id) })
                .ToListAsync(ct);
            var items = rows.Select(d => new Item(d.Id, d.CaseNumber, d.Status, DisputeRules.StatusName(d.Status), d.TypeName, d.Channel, DisputeRules.ChannelName(d.Channel),
                d.Risk, d.IsGroup, d.PeopleCount, d.Urgency, d.Tier, d.ReceiverName, d.Description.Length > 60 ? d.Description[..60] + "…" : d.Description,
                d.CreatedAt, d.DueAt, d.DueAt < now && DisputeWorkflow.Open.Contains(d.Status), d.Supervised)).ToList();
            return new(items, total, page, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .WithName("Disputes.ListDisputes");
}
