using System.Text.Json;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Audit.ListAuditEntries;

/// <summary>The audit log, newest first, filtered by user, action, entity and time; for admins only.</summary>
public static class ListAuditEntries
{
    public const int MaxPageSize = 100;

    /// <param name="User">Exact user name (also <c>system</c>, <c>anonymous</c>).</param>
    /// <param name="From">Inclusive lower bound of the time.</param>
    /// <param name="To">Exclusive upper bound of the time.</param>
    public sealed record Query(
        string? User = null,
        string? Action = null,
        string? EntityType = null,
        string? EntityId = null,
        DateTimeOffset? From = null,
        DateTimeOffset? To = null,
        int Page = 1,
        int PageSize = 20);

    public sealed record Change(string Property, string? Old, string? New);

    public sealed record Item(
        Guid Id, DateTime OccurredAt, Guid? UserId, string UserName, string Action,
        string? EntityType, string? EntityId, IReadOnlyList<Change> Changes, string? ClientIp, string? UserAgent);

    public sealed record Response(IReadOnlyList<Item> Items, int Total, int Page, int PageSize);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Response> Handle(Query query, CancellationToken ct)
        {
            var page = Math.Max(1, query.Page);
            var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var entries = db.Set<AuditEntry>().AsNoTracking();
            if (Clean(query.User) is { } user)
            {
                entries = entries.Where(e => e.UserName == user);
            }

            if (Clean(query.Action) is { } action)
            {
                entries = entries.Where(e => e.Action == action);
            }

            if (Clean(query.EntityType) is { } type)
            {
                entries = entries.Where(e => e.EntityType == type);
            }

            if (Clean(query.EntityId) is { } id)
            {
                entries = entries.Where(e => e.EntityId == id);
            }

            if (query.From is { } from)
            {
                var utc = from.UtcDateTime;
                entries = entries.Where(e => e.OccurredAt >= utc);
            }

            if (query.To is { } to)
            {
                var utc = to.UtcDateTime;
                entries = entries.Where(e => e.OccurredAt < utc);
            }

            var total = await entries.CountAsync(ct);
            var rows = await entries
                .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
                .Skip((page - 1) * size).Take(size)
                .ToListAsync(ct);
            var items = rows.Select(e => new Item(
                e.Id, e.OccurredAt, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId,
                ReadChanges(e.Changes), e.ClientIp, e.UserAgent)).ToList();
            return new Response(items, total, page, size);
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The stored JSON as a list a person can read: values as text, absent sides as null.</summary>
    public static IReadOnlyList<Change> ReadChanges(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. doc.RootElement.EnumerateObject().Select(p => new Change(
            p.Name,
            p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("old", out var o) ? AsText(o) : null,
            p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("new", out var n) ? AsText(n) : null))];
    }

    private static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    public static RouteHandlerBuilder Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit", async Task<Results<Ok<Response>, ValidationProblem>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            {
                if (query.From is { } from && query.To is { } to && to <= from)
                {
                    return Problems.Validation("to", T("结束时间必须晚于开始时间。", "'to' must be later than 'from'."));
                }

                if (query.PageSize > MaxPageSize)
                {
                    return Problems.Validation("pageSize", T($"每页最多 {MaxPageSize} 条。", $"At most {MaxPageSize} per page."));
                }

                return TypedResults.Ok(await handler.Handle(query, ct));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("Audit.ListAuditEntries");
}
