namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// One department summoned to one event (吹哨报到, or a multi-department dispatch 多部门派单): it must check in (报到)
/// by <see cref="CheckInDueAt"/>, then record its part. The event is handled when every current part is done.
/// </summary>
public sealed class EventSummons
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public Guid DepartmentId { get; set; }

    /// <summary>牵头部门: the department that holds the event (its assignee) while the parts are done.</summary>
    public bool IsLead { get; set; }

    /// <summary>Summoned after a whistle (吹哨报到, tier 3) rather than in a plain multi-department dispatch (tier 2).</summary>
    public bool ViaWhistle { get; set; }

    public DateTime SummonedAt { get; set; }

    public Guid? SummonedByUserId { get; set; }

    /// <summary>Summoned-at plus the check-in window, counted in working time.</summary>
    public DateTime CheckInDueAt { get; set; }

    public DateTime? CheckedInAt { get; set; }

    public Guid? CheckedInByUserId { get; set; }

    public double? CheckInLatitude { get; set; }

    public double? CheckInLongitude { get; set; }

    /// <summary>Checked in after <see cref="CheckInDueAt"/> (for assessment 考核).</summary>
    public bool IsLate { get; set; }

    /// <summary>Working minutes past the deadline at check-in; 0 when on time (or late only outside office hours).</summary>
    public int LateMinutes { get; set; }

    /// <summary>The department's account of its part (处置情况).</summary>
    public string? PartNote { get; set; }

    public DateTime? DoneAt { get; set; }

    /// <summary>A later summons round replaced this one (the event went back round the loop); kept as history.</summary>
    public bool Superseded { get; set; }
}

/// <summary>How long a summoned department has to check in, counted on the working calendar.</summary>
public sealed record CheckInRules(Platform.Calendar.IWorkingCalendar Calendar, TimeSpan Window)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(30);

    public DateTime DueFrom(DateTime summonedAt) => Calendar.AddWorkingTime(summonedAt, Window);

    /// <summary>Whole working minutes (rounded up) from the deadline to the check-in; 0 when not after it.</summary>
    public int LateMinutes(DateTime dueAt, DateTime checkedInAt) =>
        checkedInAt <= dueAt ? 0 : (int)Math.Ceiling(Math.Max(0, Calendar.WorkingTimeBetween(dueAt, checkedInAt).TotalMinutes));
}
