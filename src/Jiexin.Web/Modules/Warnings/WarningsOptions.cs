using Jiexin.Modules.Disputes.Contracts;

namespace Jiexin.Modules.Warnings;

/// <summary>Thresholds of the early-warning rules and hotspots (<c>Jiexin:Warnings</c>); the ADR states each rule.</summary>
public sealed class WarningsOptions
{
    public const string Section = "Jiexin:Warnings";

    /// <summary>(a) Days of baseline before today (the trailing mean λ).</summary>
    public int SpikeBaselineDays { get; set; } = 28;

    /// <summary>(a) Today's count must reach this, however quiet the baseline.</summary>
    public int SpikeMinCount { get; set; } = 5;

    /// <summary>(a) Fire when P(X ≥ today | Poisson(λ)) is below this (today above the 1 − α quantile).</summary>
    public double SpikeAlpha { get; set; } = 0.001;

    /// <summary>(b) N reports within <see cref="PlaceRadiusMeters"/> of the first within <see cref="PlaceWindowDays"/>.</summary>
    public int PlaceMinReports { get; set; } = 3;

    public double PlaceRadiusMeters { get; set; } = 100;

    public int PlaceWindowDays { get; set; } = 7;

    /// <summary>(b) N reports by one reporter within <see cref="ReporterWindowDays"/>.</summary>
    public int ReporterMinReports { get; set; } = 5;

    public int ReporterWindowDays { get; set; } = 7;

    /// <summary>(c) Open disputes at or above this risk (and every group or overdue dispute).</summary>
    public DisputeRiskFigure DisputeMinRisk { get; set; } = DisputeRiskFigure.Orange;

    /// <summary>(d) A grid or department holding at least this many open overdue events.</summary>
    public int OverdueMinCount { get; set; } = 5;

    /// <summary>Upper bound of reports read per evaluation (the newest first): bounded work whatever the volume.</summary>
    public int MaxReports { get; set; } = 50_000;

    /// <summary>(e) 排查隐患: a red risk must be answered within this many hours (calendar time: a red risk does not wait for Monday).</summary>
    public double ResponseHoursRed { get; set; } = 24;

    /// <summary>(e) … an orange one within this many working days (IWorkingCalendar) …</summary>
    public int ResponseWorkingDaysOrange { get; set; } = 3;

    /// <summary>(e) … a yellow one within this many working days.</summary>
    public int ResponseWorkingDaysYellow { get; set; } = 5;

    /// <summary>(e) Screening risks recorded within these days are read (bounded work).</summary>
    public int ScreeningWindowDays { get; set; } = 30;

    /// <summary>Hotspots: open reports of the last days considered.</summary>
    public int HotspotWindowDays { get; set; } = 7;

    /// <summary>Hotspots: two reports link when at most this far apart …</summary>
    public double HotspotRadiusMeters { get; set; } = 300;

    /// <summary>… reported at most this many hours apart …</summary>
    public double HotspotMaxHoursApart { get; set; } = 72;

    /// <summary>… and their jieba word sets have at least this Jaccard similarity.</summary>
    public double HotspotMinSimilarity { get; set; } = 0.25;

    /// <summary>A group of linked reports is a hotspot from this size.</summary>
    public int HotspotMinReports { get; set; } = 3;

    /// <summary>Heat index: a report's weight halves every this many hours.</summary>
    public double HotspotHalfLifeHours { get; set; } = 48;
}
