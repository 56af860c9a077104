using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Deadlines;

/// <summary>
/// Sets an event's deadline (办理时限) from the <see cref="DeadlinePolicy"/> of its 大类 and tier, counted in working
/// time on <see cref="IWorkingCalendar"/>. <see cref="ActOnEvent"/> calls <see cref="AfterTransitionAsync"/> after every
/// successful transition, before saving: dispatch, self-handling and reopening start a fresh deadline; accepting sets
/// one only if none was set; a granted extension keeps the granted time; resuming a suspended event moves the deadline
/// on by the working time it was suspended. Other steps leave it alone. A new deadline clears the 黄牌/红牌 mark.
/// </summary>
public sealed class EventDeadlines(JiexinDbContext db, IWorkingCalendar calendar, ICategoryDirectory categories, IOptions<DeadlineOptions> options)
{
    public async Task AfterTransitionAsync(Event e, EventAction action, OrgUnitRef? previousAssignee, DateTime now, CancellationToken ct)
    {
        switch (action)
        {
            case EventAction.Dispatch or EventAction.SelfHandle:
                await SetDeadlineAsync(e, DeadlineText.TierOf(e.AssigneeKind), now, ct);
                break;
            case EventAction.Accept when e.DueAt is null:
                await SetDeadlineAsync(e, DeadlineText.TierOf(e.AssigneeKind), now, ct);
                break;
            case EventAction.Reopen or EventAction.VerifyFail:
                // Redo within the time the tier that had it was given, counted from the reopening.
                await SetDeadlineAsync(e, DeadlineText.TierOf(previousAssignee?.Kind ?? e.AssigneeKind), now, ct);
                break;
            case EventAction.GrantExtension when e.DueAt is { } granted:
                SetDeadline(e, now, granted);
                break;
            case EventAction.Resume when e.DueAt is { } due:
                await ExtendBySuspensionAsync(e, due, now, ct);
                break;
        }
    }

    /// <summary>挂起 stops the clock: on resuming, the deadline moves on by the working time the event was suspended.</summary>
    private async Task ExtendBySuspensionAsync(Event e, DateTime due, DateTime now, CancellationToken ct)
    {
        var suspendedAt = await db.Set<EventTimelineEntry>().AsNoTracking()
            .Where(t => t.EventId == e.Id && t.Action == nameof(EventAction.Suspend))
            .OrderByDescending(t => t.At)
            .Select(t => (DateTime?)t.At)
            .FirstOrDefaultAsync(ct);
        if (suspendedAt is not { } from)
        {
            return;
        }

        var paused = calendar.WorkingTimeBetween(from, now);
        if (paused <= TimeSpan.Zero)
        {
            return;
        }

        // The time that was left when it was suspended is left again now.
        var left = calendar.WorkingTimeBetween(from, due);
        if (left > TimeSpan.Zero)
        {
            SetDeadline(e, now, calendar.AddWorkingTime(now, left));
        }
        else
        {
            // Already overdue when suspended: it stays overdue (and keeps its red card), by the same margin.
            e.DueAt = calendar.AddWorkingTime(due, paused);
        }
    }

    /// <summary>A fresh deadline for the tier from <paramref name="now"/> (the whistle work calls this with <see cref="DeadlineTier.Whistle"/>).</summary>
    public async Task SetDeadlineAsync(Event e, DeadlineTier tier, DateTime now, CancellationToken ct)
    {
        var policy = await PolicyForAsync(e.CategoryCode, tier, ct);
        var due = policy.Unit == DeadlineUnit.WorkingDays
            ? calendar.AddWorkingDays(now, policy.Amount)
            : calendar.AddWorkingTime(now, TimeSpan.FromHours(policy.Amount));
        SetDeadline(e, now, due);
    }

    /// <summary>Sets <paramref name="due"/> and the moment its 黄牌 starts; clears the mark.</summary>
    public void SetDeadline(Event e, DateTime now, DateTime due)
    {
        e.DueAt = due;
        e.WarnAt = WarnAt(now, due);
        e.Warning = DeadlineWarning.None;
    }

    /// <summary>The start of the last <see cref="DeadlineOptions.DueSoonFraction"/> of the working time (at least the minimum, at most all of it).</summary>
    public DateTime WarnAt(DateTime from, DateTime due)
    {
        var total = calendar.WorkingTimeBetween(from, due);
        if (total <= TimeSpan.Zero)
        {
            return due;
        }

        var o = options.Value;
        var window = TimeSpan.FromTicks((long)(total.Ticks * Math.Clamp(o.DueSoonFraction, 0, 1)));
        var minimum = TimeSpan.FromHours(Math.Max(0, o.DueSoonMinimumWorkingHours));
        if (window < minimum)
        {
            window = minimum;
        }

        return window >= total ? calendar.NextWorkingMoment(from) : calendar.AddWorkingTime(from, total - window);
    }

    /// <summary>The 大类's row for the tier, else the default row for the tier, else <see cref="DeadlineDefaults.Fallback"/>.</summary>
    public async Task<DeadlineDefaults.Row> PolicyForAsync(string? categoryCode, DeadlineTier tier, CancellationToken ct)
    {
        var group = GroupOf(categoryCode);
        var rows = await db.Set<DeadlinePolicy>().AsNoTracking()
            .Where(p => p.Tier == tier && (p.CategoryCode == null || p.CategoryCode == group))
            .Select(p => new DeadlineDefaults.Row(p.CategoryCode, p.Tier, p.Amount, p.Unit))
            .ToListAsync(ct);
        return rows.FirstOrDefault(r => r.CategoryCode is not null && r.CategoryCode == group)
            ?? rows.FirstOrDefault(r => r.CategoryCode is null)
            ?? DeadlineDefaults.Fallback;
    }

    /// <summary>The 大类 of a 小类 code, from the taxonomy (a 小类 code begins with its 大类's: "0201" → "02").</summary>
    private string? GroupOf(string? categoryCode)
    {
        if (string.IsNullOrEmpty(categoryCode))
        {
            return null;
        }

        foreach (var group in categories.Groups)
        {
            if (group.Code == categoryCode || group.Subcategories.Any(s => s.Code == categoryCode))
            {
                return group.Code;
            }
        }

        return categoryCode.Length > 2 ? categoryCode[..2] : categoryCode;
    }
}
