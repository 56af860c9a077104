using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Supervision;

/// <summary>
/// 督察: flags overdue acceptance (超期未接收), overdue mediation (超期未调结) and overdue follow-up visits (超期未回访), once per
/// item and kind, each with a notification to the responsible party (the receiving mediator, room lead or department)
/// and the command centre. Idempotent and safe with two instances: the unique (kind, subject) index refuses a second
/// flag, and the notification commits with its flag or not at all.
/// </summary>
public static class SuperviseDisputes
{
    public const string NotificationTopic = "dispute-supervision";

    private static readonly DisputeStatus[] Mediating = [DisputeStatus.Routed, DisputeStatus.Mediating, DisputeStatus.Signing];

    public sealed record FlagDto(DisputeOverdueKind Kind, string KindName, Guid SubjectId, DateTime DueAt, DateTime FlaggedAt);

    public static string NameOf(DisputeOverdueKind k) => k switch
    {
        DisputeOverdueKind.Acceptance => "超期未接收",
        DisputeOverdueKind.Mediation => "超期未调结",
        _ => "超期未回访",
    };

    private sealed record Found(DisputeOverdueKind Kind, Guid SubjectId, Dispute Dispute, DateTime DueAt);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<int> Handle(CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var flags = db.Set<DisputeOverdueFlag>();
            var found = new List<Found>();
            var unaccepted = await db.Set<Dispute>().AsNoTracking()
                .Where(d => d.Status == DisputeStatus.Routed && d.AcceptedAt == null && d.AcceptBy != null && d.AcceptBy < now
                            && !flags.Any(f => f.Kind == DisputeOverdueKind.Acceptance && f.SubjectId == d.Id))
                // The longest overdue first: when more than a batch is due, those are flagged (and seen) before the rest.
                .OrderBy(d => d.AcceptBy).ThenBy(d => d.Id)
                .Take(500).ToListAsync(ct);
            found.AddRange(unaccepted.Select(d => new Found(DisputeOverdueKind.Acceptance, d.Id, d, d.AcceptBy!.Value)));
            var unmediated = await db.Set<Dispute>().AsNoTracking()
                .Where(d => Enumerable.Contains(Mediating, d.Status) && d.DueAt != null && d.DueAt < now
                            && !flags.Any(f => f.Kind == DisputeOverdueKind.Mediation && f.SubjectId == d.Id))
                .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
                .Take(500).ToListAsync(ct);
            found.AddRange(unmediated.Select(d => new Found(DisputeOverdueKind.Mediation, d.Id, d, d.DueAt!.Value)));
            var visits = await db.Set<FollowUpVisit>().AsNoTracking()
                .Where(v => v.VisitedAt == null && v.DueAt < now && !flags.Any(f => f.Kind == DisputeOverdueKind.FollowUp && f.SubjectId == v.Id))
                .Join(db.Set<Dispute>().AsNoTracking(), v => v.DisputeId, d => d.Id, (v, d) => new { Visit = v, Dispute = d })
                .OrderBy(x => x.Visit.DueAt).ThenBy(x => x.Visit.Id)
                .Take(500).ToListAsync(ct);
            found.AddRange(visits.Select(x => new Found(DisputeOverdueKind.FollowUp, x.Visit.Id, x.Dispute, x.Visit.DueAt)));

            var roomIds = found.Select(f => f.Dispute.ReceiverRoomId).OfType<Guid>().Distinct().ToArray();
            var leads = roomIds.Length == 0 ? [] : await db.Set<MediationRoom>().AsNoTracking()
                .Where(r => Enumerable.Contains(roomIds, r.Id) && r.LeadUserId != null).ToDictionaryAsync(r => r.Id, r => r.LeadUserId!.Value, ct);
            var flagged = 0;
            foreach (var f in found)
            {
                db.Add(new DisputeOverdueFlag { Id = Guid.CreateVersion7(now), DisputeId = f.Dispute.Id, Kind = f.Kind, SubjectId = f.SubjectId, DueAt = f.DueAt, FlaggedAt = now });
                var d = f.Dispute;
                List<string> audiences = [Audience.Role(Roles.Commander)];
                if (d.ReceiverUserId is { } user)
                {
                    audiences.Add(Audience.User(user));
                }
                else if (d.ReceiverRoomId is { } room && leads.TryGetValue(room, out var lead))
                {
                    audiences.Add(Audience.User(lead));
                }
                else if (d.ReceiverDepartmentId is { } dept)
                {
                    audiences.Add(Audience.Unit(OrgUnitKind.Department, dept));
                }

                if (f.Kind == DisputeOverdueKind.FollowUp && d.CommunityId is { } community)
                {
                    audiences.Add(Audience.Unit(OrgUnitKind.Community, community));
                }

                new NotificationMessage($"督察：纠纷 {d.CaseNumber} {NameOf(f.Kind)}",
                        $"期限 {f.DueAt.AddHours(8):M月d日 HH:mm}，承办：{d.ReceiverName ?? "未分流"}。{(d.Description.Length > 40 ? d.Description[..40] + "…" : d.Description)}",
                        NotificationKind.Supervision, audiences, StaffLink: $"/disputes/{d.Id}", SubjectType: NotificationTopic, SubjectId: d.Id)
                    .Enqueue(db, $"dispute_overdue:{f.Kind}:{f.SubjectId:N}", now);
                try
                {
                    await db.SaveChangesAsync(ct);
                    flagged++;
                }
                catch (DbUpdateException)
                {
                    log.LogDebug("Dispute {Id} already flagged {Kind}", d.Id, f.Kind);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            return flagged;
        }
    }

    public sealed class Job(Handler handler) : IRecurringJob
    {
        public string Name => "dispute-supervision";

        public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(ct);
    }

    /// <summary>The flags of one case, for its detail page and API.</summary>
    public sealed class FlagsHandler(JiexinDbContext db, DisputeAccess access)
    {
        public async Task<IReadOnlyList<FlagDto>?> Handle(Guid disputeId, ClaimsPrincipal user, CancellationToken ct)
        {
            var dispute = await db.Set<Dispute>().AsNoTracking().Include(d => d.Parties).SingleOrDefaultAsync(d => d.Id == disputeId, ct);
            if (dispute is null || !DisputeAccess.IsStaff(user) || !await access.CanSeeAsync(user, dispute))
            {
                return null;
            }

            return await db.Set<DisputeOverdueFlag>().AsNoTracking().Where(f => f.DisputeId == disputeId).OrderBy(f => f.FlaggedAt)
                .Select(f => new FlagDto(f.Kind, "", f.SubjectId, f.DueAt, f.FlaggedAt)).ToListAsync(ct) is var rows
                ? [.. rows.Select(r => r with { KindName = NameOf(r.Kind) })]
                : null;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/{id:guid}/supervision", async Task<Results<Ok<IReadOnlyList<FlagDto>>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, FlagsHandler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } flags ? TypedResults.Ok(flags) : Problems.NotFound("未找到该纠纷。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.GetSupervisionFlags");
}
