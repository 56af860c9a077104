using Jiexin.Modules.Disputes.Shared;

namespace Jiexin.Modules.Disputes.Agreement;

/// <summary>
/// 人民调解协议书 from the template of the 人民调解法 (第二十九条: parties, the main facts and points in dispute, the
/// agreed terms, how and when they are performed; signed by the parties, signed by the mediator and sealed by the
/// committee; one copy each for the parties and the committee). Parties' ID numbers stay masked on paper too.
/// </summary>
public sealed record AgreementDocument(
    string Title,
    string Number,
    string Committee,
    IReadOnlyList<(string Role, string Name, string? IdNumber, string? Phone)> Parties,
    string Facts,
    IReadOnlyList<string> Terms,
    string? Performance,
    string? Unresolved,
    string Copies,
    string MediatorName,
    DateOnly? SignedOn)
{
    public const string DefaultCommittee = "新庄街道人民调解委员会";

    public static AgreementDocument From(DisputeDto d, string committee = DefaultCommittee)
    {
        var a = d.Agreement ?? throw new InvalidOperationException("The dispute has no agreement.");
        var partyCount = d.Parties.Count;
        return new(
            a.IsPartial ? "人民调解协议书（部分）" : "人民调解协议书",
            a.Number,
            committee,
            [.. d.Parties.Select(p => (p.RoleName, p.Name, p.IdNumber, p.Phone))],
            $"{d.DisputeTypeName}纠纷。{d.Description}",
            [.. a.Terms.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            a.Performance,
            a.Unresolved,
            $"本协议书一式 {partyCount + 1} 份，当事人各执一份，人民调解委员会留存一份。当事人应当按照约定履行。经双方当事人申请，可依法向人民法院申请司法确认。",
            a.MediatorName,
            a.SignedOn);
    }
}
