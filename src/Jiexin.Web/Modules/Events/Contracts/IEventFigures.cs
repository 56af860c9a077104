using Jiexin.Data;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>The level an event was finally resolved at, as other modules count it (小事不出村、大事不出镇、矛盾不上交).</summary>
public enum EventTierFigure
{
    Grid,
    Community,
    Street,
    AboveStreet,
}

/// <summary>
/// What statistics count of one event at one moment (its "counted shape"): the day it was reported (China date),
/// where it is, who holds it (a department), its 大类 (the first two digits of the 小类 code), whether it is open,
/// whether it is open past its deadline (红牌), and for a closed event the day it closed and the tier that resolved it.
/// </summary>
public readonly record struct EventFigures(
    DateOnly ReportedOn,
    Guid? CommunityId,
    Guid? GridId,
    Guid? DepartmentId,
    string? CategoryGroup,
    bool IsOpen,
    bool IsOverdue,
    DateOnly? ClosedOn,
    EventTierFigure? ResolvedTier);

/// <summary>One event's counted shape before and after a change (null before: new; null after: deleted).</summary>
public readonly record struct EventFiguresChange(EventFigures? Before, EventFigures? After);

/// <summary>
/// Told of every change of an event's counted shape INSIDE the SaveChanges (or the transaction of a bulk update)
/// that makes it, with the context that saves it: whatever it adds to the context commits with the change or not
/// at all. Implemented by the module that keeps figures (Analytics); must not do I/O (intake calls it for every batch).
/// </summary>
public interface IEventFiguresObserver
{
    void OnChanged(JiexinDbContext db, IReadOnlyList<EventFiguresChange> changes);

    /// <summary>The SaveChanges failed: drop what <see cref="OnChanged"/> added, so a retry does not count twice.</summary>
    void OnSaveFailed(JiexinDbContext db);
}

/// <summary>Every event's counted shape now, read from the events table in one pass (to rebuild figures from scratch).</summary>
public interface IEventFiguresSource
{
    IAsyncEnumerable<EventFigures> ReadAllAsync(CancellationToken ct);
}

/// <summary>Fills the database with generated demo events (the 10-million-event benchmark data): raw bulk inserts.</summary>
public interface IDemoEventGenerator
{
    /// <summary>Inserts <paramref name="count"/> events reported over the last <paramref name="years"/> years; reports progress (rows so far).</summary>
    Task<long> GenerateAsync(long count, int years, int seed, IProgress<long>? progress, CancellationToken ct);
}
