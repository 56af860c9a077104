using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>Completion of a round as the console shows it: 已排查（有隐患）, 无隐患, 未排查, 超期未排查.</summary>
public enum ScreeningCompletion
{
    Done,
    NoneFound,
    NotDone,
    Overdue,
}

public sealed record ScreeningRiskDto(
    Guid Id,
    Guid RoundId,
    string Description,
    string Parties,
    int PeopleCount,
    string Place,
    string DisputeType,
    string DisputeTypeName,
    decimal? Amount,
    bool VulnerablePeople,
    RiskLevel Risk,
    string RiskName,
    string? RiskReasons,
    DateTime RecordedAt,
    string RecordedByName,
    Guid? DisputeId,
    string? DisputeCaseNumber)
{
    public static ScreeningRiskDto From(ScreeningRisk r) => new(
        r.Id, r.RoundId, r.Description, r.Parties, r.PeopleCount, r.Place, r.TypeCode, r.TypeName, r.Amount, r.VulnerablePeople,
        r.Risk, DisputeRules.RiskName(r.Risk), r.RiskReasons, r.RecordedAt, r.RecordedByName, r.DisputeId, r.DisputeCaseNumber);
}

public sealed record ScreeningRoundDto(
    Guid Id,
    Guid GridId,
    string GridName,
    Guid CommunityId,
    string CommunityName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTime DueAt,
    ScreeningStatus Status,
    ScreeningCompletion Completion,
    string CompletionName,
    DateTime? CompletedAt,
    string? CompletedByName,
    int RiskCount,
    RiskLevel HighestRisk,
    int Version,
    IReadOnlyList<ScreeningRiskDto>? Risks = null)
{
    public static ScreeningCompletion CompletionOf(ScreeningStatus status, DateTime dueAt, DateTime now) => status switch
    {
        ScreeningStatus.RisksFound => ScreeningCompletion.Done,
        ScreeningStatus.NoneFound => ScreeningCompletion.NoneFound,
        _ => now >= dueAt ? ScreeningCompletion.Overdue : ScreeningCompletion.NotDone,
    };

    public static string NameOf(ScreeningCompletion c) => c switch
    {
        ScreeningCompletion.Done => "已排查（发现隐患）",
        ScreeningCompletion.NoneFound => "已排查（无隐患）",
        ScreeningCompletion.Overdue => "超期未排查",
        _ => "未排查",
    };

    public static ScreeningRoundDto From(ScreeningRound r, IOrgDirectory orgs, DateTime now, int riskCount, RiskLevel highest, bool withRisks = false)
    {
        var completion = CompletionOf(r.Status, r.DueAt, now);
        return new(r.Id, r.GridId, orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, r.GridId)), r.CommunityId,
            orgs.Describe(new OrgUnitRef(OrgUnitKind.Community, r.CommunityId)), r.PeriodStart, r.PeriodEnd, r.DueAt, r.Status,
            completion, NameOf(completion), r.CompletedAt, r.CompletedByName, riskCount, highest, r.Version,
            withRisks ? [.. r.Risks.OrderBy(x => x.RecordedAt).Select(ScreeningRiskDto.From)] : null);
    }

    public static ScreeningRoundDto WithRisks(ScreeningRound r, IOrgDirectory orgs, DateTime now) =>
        From(r, orgs, now, r.Risks.Count, r.Risks.Count == 0 ? RiskLevel.None : r.Risks.Max(x => x.Risk), withRisks: true);
}
