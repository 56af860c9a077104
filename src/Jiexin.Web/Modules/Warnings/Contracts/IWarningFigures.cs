namespace Jiexin.Modules.Warnings.Contracts;

/// <summary>One alert raised in the period, as a report lists it.</summary>
public sealed record WarningRaised(Guid Id, string KindName, string SeverityName, string Title, DateTime RaisedAt, string StatusName);

/// <summary>Alerts (预警) raised in one period: totals by severity and kind, and the most severe ones.</summary>
public sealed record WarningPeriodFigures(int Total, int Red, int Orange, int Yellow, IReadOnlyDictionary<string, int> ByKind, IReadOnlyList<WarningRaised> Top);

/// <summary>Read contract for reports (Analytics' monthly report).</summary>
public interface IWarningFigures
{
    /// <summary>Alerts raised in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), street-wide or one community's; <paramref name="top"/> most severe listed.</summary>
    Task<WarningPeriodFigures> CountAsync(DateTime fromUtc, DateTime toUtc, Guid? communityId, int top, CancellationToken ct);
}
