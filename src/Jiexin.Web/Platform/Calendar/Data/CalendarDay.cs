using Jiexin.Data;

namespace Jiexin.Platform.Calendar.Data;

/// <summary>
/// A day that differs from the plain Monday–Friday week: 放假 (a holiday, also the weekend days inside a holiday break,
/// so the calendar shows the whole break) or 调休上班 (a Saturday or Sunday worked). One row per date.
/// </summary>
public sealed class CalendarDay : IHasVersion
{
    public const int NameMaxLength = 32;

    public Guid Id { get; set; }

    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>The festival it belongs to, e.g. 春节; for a make-up day the festival it pays for.</summary>
    public required string Name { get; set; }

    /// <summary>
    /// Shipped as a best estimate before the State Council announced the year (statutory days only): the Admin checks it
    /// against the announcement and confirms. Saving a day through the admin screen confirms that day.
    /// </summary>
    public bool Provisional { get; set; }

    public int Version { get; set; }
}
