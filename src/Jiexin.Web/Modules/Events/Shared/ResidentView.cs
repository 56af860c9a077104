using Jiexin.Modules.Events.Domain;

namespace Jiexin.Modules.Events.Shared;

/// <summary>How the resident pages word an event's progress: China time, relative dates, status colours, parcel-tracker steps.</summary>
public static class ResidentView
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The five steps a resident sees (已受理 → 已派单 → 处理中 → 已办结 → 待评价).</summary>
    public static readonly IReadOnlyList<string> Steps = ["已受理", "已派单", "处理中", "已办结", "待评价"];

    private const int RatingStep = 4;

    public static DateTimeOffset China(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(ChinaOffset);

    public static string ChinaTime(DateTime utc) => China(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"刚刚", "5 分钟前", "3 小时前", "昨天 14:05", "4 天前", then the date, all by the China calendar.</summary>
    public static string Relative(DateTime utc, DateTimeOffset now)
    {
        var at = China(utc);
        var today = now.ToOffset(ChinaOffset);
        var elapsed = today - at;
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return "刚刚";
        }

        if (elapsed < TimeSpan.FromHours(1))
        {
            return $"{(int)elapsed.TotalMinutes} 分钟前";
        }

        var days = (today.Date - at.Date).Days;
        return days switch
        {
            0 => $"{(int)elapsed.TotalHours} 小时前",
            1 => $"昨天 {at:HH:mm}",
            < 7 => $"{days} 天前",
            _ => at.ToString(at.Year == today.Year ? "M月d日" : "yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Which of <see cref="Steps"/> a status belongs to; -1 for the side exits (merged, rejected).</summary>
    public static int StepOf(EventStatus status) => status switch
    {
        EventStatus.Reported or EventStatus.Triaged or EventStatus.Returned or EventStatus.Reopened => 0,
        EventStatus.Whistled => 0,
        EventStatus.Dispatched => 1,
        EventStatus.Summoned or EventStatus.EscalatedAboveStreet => 2,
        EventStatus.Dissatisfied => 3,
        EventStatus.Accepted or EventStatus.ExtensionRequested or EventStatus.Suspended or EventStatus.Handled or EventStatus.Verified => 2,
        EventStatus.Closed => 3,
        _ => -1,
    };

    /// <summary>CSS modifier for a status chip: new (blue), doing (orange), done (green), stopped (grey).</summary>
    public static string Tone(EventStatus status) => status switch
    {
        EventStatus.Closed => "done",
        EventStatus.Merged or EventStatus.Rejected => "stopped",
        EventStatus.Reported or EventStatus.Triaged or EventStatus.Returned or EventStatus.Reopened => "new",
        _ => "doing",
    };

    /// <summary>The status as a resident reads it: the step name, or the side exit's own name.</summary>
    public static string Label(EventStatus status) => StepOf(status) is var step and >= 0 ? Steps[step] : EventWorkflow.StatusName(status);

    public sealed record Step(string Name, StepState State, DateTime? At, string? Note);

    public enum StepState
    {
        Done,
        Current,
        Pending,
    }

    /// <summary>
    /// The parcel-tracker steps built from the timeline: a step is done when the event has passed it, with the time it
    /// was last reached; the handling step carries the assignee's reply (the note of 办结反馈).
    /// </summary>
    public static IReadOnlyList<Step> StepsFor(EventDto e)
    {
        var timeline = e.Timeline ?? [];
        var current = StepOf(e.Status);
        if (current < 0)
        {
            // Merged or rejected: received, then the exit; nothing else will happen.
            var exit = timeline.LastOrDefault(t => t.ToStatus == e.Status);
            return
            [
                new(Steps[0], StepState.Done, timeline.FirstOrDefault()?.At, null),
                new(EventWorkflow.StatusName(e.Status), StepState.Current, exit?.At, exit?.Note),
            ];
        }

        // Closed is the last state the loop reaches; the rating after it is 待评价 until the reporter rates this closing
        // (已评价, at the time of the rating) or seven days pass (未评价). Then every step is done, except that a
        // dissatisfied rating stays current while the command centre reviews it.
        var feedback = e.Status is EventStatus.Closed or EventStatus.Dissatisfied && e.ClosedAt is { } closedAt
            ? e.Feedback?.LastOrDefault(f => f.ClosedAt == closedAt)
            : null;
        var reached = e.Status switch
        {
            EventStatus.Closed => feedback is null ? 4 : Steps.Count,
            EventStatus.Dissatisfied when feedback is not null => 4,
            _ => current,
        };
        var reply = timeline.LastOrDefault(t => t.Action == nameof(EventAction.Handle))?.Note;
        var steps = new List<Step>();
        for (var i = 0; i < Steps.Count; i++)
        {
            // A rating (or its lapse) also lands on Closed or Dissatisfied: it is the rating step's time, not 已办结's.
            var at = i == 0 ? timeline.FirstOrDefault()?.At : timeline.LastOrDefault(t => StepOf(t.ToStatus) == i && !IsRating(t))?.At;
            var state = i < reached ? StepState.Done : i == reached ? StepState.Current : StepState.Pending;
            if (i == RatingStep && feedback is not null)
            {
                var underReview = e.Status == EventStatus.Dissatisfied;
                steps.Add(new(feedback.Kind == FeedbackKind.NoFeedback ? "未评价" : "已评价", state, feedback.RecordedAt,
                    underReview ? "您的评价已转指挥中心复核" : null));
                continue;
            }

            steps.Add(new(Steps[i], state, state == StepState.Pending ? null : at, i == 2 && state != StepState.Pending ? reply : null));
        }

        return steps;
    }

    /// <summary>
    /// A history line's heading: the step a report or rating is (a rating leaves the status at 已办结, which would read
    /// as a second closing), otherwise the status it reached.
    /// </summary>
    public static string EntryName(TimelineDto entry) => entry.Action switch
    {
        "Report" => Steps[0],
        nameof(EventAction.Rate) => "已评价",
        MarkNoFeedback.MarkNoFeedback.TimelineAction => "未评价",
        _ => entry.StatusName,
    };

    private static bool IsRating(TimelineDto entry) => entry.Action is nameof(EventAction.Rate) or MarkNoFeedback.MarkNoFeedback.TimelineAction;
}
