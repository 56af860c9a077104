using Jiexin.Data;

namespace Jiexin.Modules.Events.Domain;

/// <summary>
/// The reporter's verdict on one closing of an event (群众评价): a rating 1–5 with a comment, or "no feedback" when
/// seven days passed without one — never counted as satisfied. One per closing (<see cref="ClosedAt"/>).
/// </summary>
public sealed class EventFeedback
{
    public const int DissatisfiedAtMost = 2;

    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The closing this feedback is about: the event's ClosedAt then.</summary>
    public DateTime ClosedAt { get; set; }

    public FeedbackKind Kind { get; set; }

    /// <summary>1 (very dissatisfied) … 5 (very satisfied); null for <see cref="FeedbackKind.NoFeedback"/>.</summary>
    public int? Rating { get; set; }

    public string? Comment { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The unit that held the event when it closed, for assessment per department.</summary>
    public OrgUnitKind? AssigneeKind { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>For a dissatisfied rating: what the commander decided on review, and why.</summary>
    public FeedbackReview? Review { get; set; }

    public string? ReviewNote { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public bool IsDissatisfied => Rating is { } r && r <= DissatisfiedAtMost;

    /// <summary>Whether the reporter may still rate this closing at <paramref name="now"/>.</summary>
    public static bool IsOpen(Event e, DateTime now) =>
        e.ClosedAt is { } closed && now <= closed + Window && !e.Feedback.Any(f => f.ClosedAt == closed);
}

public enum FeedbackKind
{
    /// <summary>评价: the reporter gave a rating.</summary>
    Rated,

    /// <summary>未评价: seven days after closing without an answer.</summary>
    NoFeedback,
}

public enum FeedbackReview
{
    /// <summary>不满意成立，重办.</summary>
    Reopened,

    /// <summary>解释说明后办结.</summary>
    Explained,
}
