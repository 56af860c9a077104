using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ListMyEvents;

/// <summary>我的反映: the events the signed-in resident reported, newest first. Only their own, never anyone else's.</summary>
public static class ListMyEvents
{
    public const int PageSize = 20;

    public const int SummaryLength = 60;

    public sealed record Item(Guid Id, string TrackingCode, string Summary, EventStatus Status, string StatusName, DateTime CreatedAt);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Result> Handle(ClaimsPrincipal user, int page, CancellationToken ct)
        {
            page = Math.Max(1, page);
            if (user.GetUserId() is not { } userId)
            {
                return new([], page, PageSize, 0);
            }

            var mine = db.Set<Event>().AsNoTracking().Where(e => e.ReporterUserId == userId);
            var total = await mine.CountAsync(ct);
            var rows = await mine
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(e => new { e.Id, e.TrackingCode, e.Description, e.Status, e.CreatedAt })
                .ToListAsync(ct);
            var items = rows
                .Select(e => new Item(e.Id, e.TrackingCode, Summarise(e.Description), e.Status, EventWorkflow.StatusName(e.Status), e.CreatedAt))
                .ToList();
            return new(items, page, PageSize, total);
        }
    }

    /// <summary>The first line of the description, cut to fit a card.</summary>
    public static string Summarise(string description)
    {
        var line = description.Split('\n', 2)[0].Trim();
        return line.Length <= SummaryLength ? line : line[..SummaryLength] + "…";
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/mine", async Task<Ok<Result>> (int? page, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(user, page ?? 1, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Resident))
            .WithName("Events.ListMyEvents");
}
