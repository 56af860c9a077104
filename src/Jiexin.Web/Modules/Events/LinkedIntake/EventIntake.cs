using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Figures;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Report = Jiexin.Modules.Events.ReportEvent.ReportEvent;

namespace Jiexin.Modules.Events.LinkedIntake;

/// <summary><see cref="IEventIntake"/> through <see cref="Report.Handler"/>: no second intake path.</summary>
internal sealed class EventIntake(JiexinDbContext db, Report.Handler intake, IEventLinks links, TimeProvider clock) : IEventIntake
{
    public async Task<IntakeOutcome> ReportAsync(IntakeReport report, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await intake.Handle(
            new Report.Command(new Report.Request(report.Description, report.Latitude, report.Longitude, report.Address, false, null), null, user), ct);
        if (outcome.Event is not { } e)
        {
            return new IntakeOutcome(null, null, outcome.Errors ?? new Dictionary<string, string[]> { ["description"] = [outcome.Conflict ?? "上报失败。"] });
        }

        var name = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "";
        await links.NoteLinkAsync(e.Id, report.LinkAction, report.LinkNote, user.GetUserId(), name, clock.GetUtcNow().UtcDateTime, ct);
        return new IntakeOutcome(e.Id, e.TrackingCode, null);
    }

    public async Task<IReadOnlyList<EventState>> StatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var events = await db.Set<Event>().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.TrackingCode, e.Status, e.CreatedAt, e.ClosedAt }).ToListAsync(ct);
        return [.. events.Select(e => new EventState(e.Id, e.TrackingCode, e.Status.ToString(), EventWorkflow.StatusName(e.Status),
            EventFiguresOf.IsOpen(e.Status), e.CreatedAt, e.ClosedAt))];
    }
}
