namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// What staff channels record beside the event (来访/来电 callers, 12345 hand-over orders). A row of its own, so the
/// resident and patrol channels (most of the traffic) write nothing extra. The caller's phone is personal data: kept
/// encrypted (ASP.NET Core Data Protection, keys in the database) plus a masked copy for lists and screens.
/// </summary>
public sealed class EventIntakeDetails
{
    public Guid EventId { get; set; }

    public string? ContactName { get; set; }

    /// <summary>The full number, encrypted with the purpose <c>Jiexin.Events.ContactPhone</c>.</summary>
    public string? ContactPhoneProtected { get; set; }

    /// <summary>e.g. 138****5678: what screens show without a reason to see more.</summary>
    public string? ContactPhoneMasked { get; set; }

    /// <summary>12345 工单编号; unique, so a re-imported order can never become a second event.</summary>
    public string? ExternalOrderNo { get; set; }

    /// <summary>When the hotline took the call (来电时间), UTC.</summary>
    public DateTime? ExternalReceivedAt { get; set; }
}
