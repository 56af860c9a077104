using Jiexin.Data;

namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// 督办通知: the command centre presses the unit holding an event to act. A record beside the event, not a state of it;
/// the unit it is addressed to must answer it.
/// </summary>
public sealed class SupervisionNotice : IHasVersion
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public required string Text { get; set; }

    public DateTime IssuedAt { get; set; }

    public Guid? IssuedByUserId { get; set; }

    public string IssuedByName { get; set; } = "";

    /// <summary>The unit addressed: the event's assignee, or one summoned department, when the notice was issued.</summary>
    public OrgUnitKind TargetKind { get; set; }

    public Guid TargetId { get; set; }

    public string? Reply { get; set; }

    public DateTime? RepliedAt { get; set; }

    public Guid? RepliedByUserId { get; set; }

    public string? RepliedByName { get; set; }

    public int Version { get; set; }
}
