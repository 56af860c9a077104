using Jiexin.Modules.Disputes.Domain;

namespace Jiexin.Modules.Disputes.ActOnDispute;

/// <summary>What the console's action dialog collects; times typed in China time (UTC+8), sent as UTC.</summary>
public sealed class ActionForm
{
    public string? Note { get; set; }
    public string? Tier { get; set; } = nameof(TriageTier.General);
    public string ReceiverKind { get; set; } = nameof(Domain.ReceiverKind.Mediator);
    public string? ReceiverId { get; set; }
    public DateTime? DueAtChina { get; set; }
    public string? InvitedParties { get; set; }
    public string? LeaderName { get; set; }
    public string? Plan { get; set; }
    public string? Participants { get; set; }
    public string? Facts { get; set; }
    public DateTime? ScheduledAtChina { get; set; }
    public string? Place { get; set; }
    public string? SessionId { get; set; }
    public string? Minutes { get; set; }
    public string? Terms { get; set; }
    public string? Performance { get; set; }
    public string? Unresolved { get; set; }
    public DateTime? SignedOn { get; set; }
    public string? Guidance { get; set; }
    public string? ReferralChannel { get; set; }
    public string? ReferralReceiver { get; set; }
    public bool Resolved { get; set; } = true;
    public string? Court { get; set; }
    public bool Confirmed { get; set; } = true;
    public bool Honoured { get; set; } = true;

    /// <summary>Sensible defaults: a session tomorrow at 09:00, signing today (China dates).</summary>
    public static ActionForm For(string action, DateTime utcNow)
    {
        var china = utcNow.AddHours(8);
        return new ActionForm
        {
            ScheduledAtChina = action == nameof(DisputeAction.ScheduleSession) ? china.Date.AddDays(1).AddHours(9) : null,
            SignedOn = action == nameof(DisputeAction.Sign) ? china.Date : null,
            Place = action == nameof(DisputeAction.ScheduleSession) ? "矛调中心调解室" : null,
        };
    }

    public ActOnDispute.Request ToRequest(int version) => new(
        version,
        Note,
        Enum.TryParse<TriageTier>(Tier, out var tier) ? tier : null,
        Enum.TryParse<ReceiverKind>(ReceiverKind, out var kind) ? kind : null,
        Guid.TryParse(ReceiverId, out var receiver) ? receiver : null,
        DueAtChina is { } due ? DateTime.SpecifyKind(due.AddHours(-8), DateTimeKind.Utc) : null,
        InvitedParties,
        LeaderName,
        Plan,
        Participants,
        Facts,
        ScheduledAtChina is { } at ? DateTime.SpecifyKind(at.AddHours(-8), DateTimeKind.Utc) : null,
        Place,
        Guid.TryParse(SessionId, out var session) ? session : null,
        Minutes,
        Terms,
        Performance,
        Unresolved,
        SignedOn is { } signed ? DateOnly.FromDateTime(signed) : null,
        Enum.TryParse<LegalGuidance>(Guidance, out var guidance) ? guidance : null,
        Enum.TryParse<ReferralChannel>(ReferralChannel, out var channel) ? channel : null,
        ReferralReceiver,
        Resolved,
        Court,
        Confirmed,
        Honoured);
}
