using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.ResidentCases;

/// <summary>
/// 我的纠纷 (issue 6 §11): the cases a resident follows — filed by them, or their account linked as a party — newest
/// first, with where each stands and the next mediation session.
/// </summary>
public static class MyDisputes
{
    public const int Max = 50;

    public sealed record Item(Guid Id, string CaseNumber, DisputeStatus Status, string StatusName, string DisputeTypeName, string Summary,
        DateTime CreatedAt, DateTime? NextSessionAt);

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Item>> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (!user.IsInRole(Roles.Resident) || DisputeAccess.IsStaff(user))
            {
                return [];
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var query = await access.VisibleAsync(db.Set<Dispute>().AsNoTracking(), user);
            var rows = await query.OrderByDescending(d => d.CreatedAt).Take(Max)
                .Select(d => new
                {
                    d.Id, d.CaseNumber, d.Status, d.TypeName, d.Description, d.CreatedAt,
                    Next = d.Sessions.Where(s => s.HeldAt == null && s.ScheduledAt >= now).Min(s => (DateTime?)s.ScheduledAt),
                })
                .ToListAsync(ct);
            return [.. rows.Select(d => new Item(d.Id, d.CaseNumber, d.Status, DisputeRules.StatusName(d.Status), d.TypeName,
                d.Description.Length > 60 ? d.Description[..60] + "…" : d.Description, d.CreatedAt, d.Next))];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/mine", async Task<Ok<IReadOnlyList<Item>>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(user, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Resident))
            .WithName("Disputes.MyDisputes");
}
