using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using static Jiexin.Modules.Events.Shared.ResidentView;

namespace Jiexin.UnitTests.Modules.Events;

/// <summary>How the resident pages word progress: China-time relative dates and the parcel-tracker steps.</summary>
public sealed class ResidentViewTests
{
    // 2026-11-30 10:00 in China.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 30, "刚刚")]
    [InlineData(0, 0, 5 * 60, "5 分钟前")]
    [InlineData(0, 3, 0, "3 小时前")]
    [InlineData(0, 9, 30 * 60, "9 小时前")] // 00:30 China time today
    [InlineData(0, 10, 30 * 60, "昨天 23:30")] // 23:30 China time the day before: yesterday, with its time
    [InlineData(4, 0, 0, "4 天前")]
    [InlineData(20, 0, 0, "11月10日")]
    public void Relative_dates_count_by_the_China_calendar(int days, int hours, int seconds, string expected)
    {
        var at = Now.UtcDateTime - TimeSpan.FromDays(days) - TimeSpan.FromHours(hours) - TimeSpan.FromSeconds(seconds);
        Assert.Equal(expected, Relative(at, Now));
    }

    private static TimelineDto Entry(int minute, string action, EventStatus to, string? note = null) =>
        new(new DateTime(2026, 11, 30, 1, minute, 0, DateTimeKind.Utc), action, null, to, EventWorkflow.StatusName(to), "", note);

    private static EventDto Event(EventStatus status, params TimelineDto[] timeline) => new(
        Guid.NewGuid(), "JX261130ABCDE", status, EventWorkflow.StatusName(status), EventChannel.Resident, "路灯不亮", null, null, "新庄路",
        null, null, null, null, null, null, null, false, null, null, DateTime.UtcNow, DateTime.UtcNow, null, null, 1, timeline, null);

    [Fact]
    public void A_new_report_is_received_and_nothing_else()
    {
        var steps = StepsFor(Event(EventStatus.Reported, Entry(1, "Report", EventStatus.Reported)));
        Assert.Equal(["已受理", "已派单", "处理中", "已办结", "待评价"], steps.Select(s => s.Name));
        Assert.Equal([StepState.Current, StepState.Pending, StepState.Pending, StepState.Pending, StepState.Pending], steps.Select(s => s.State));
        Assert.NotNull(steps[0].At);
        Assert.All(steps.Skip(1), s => Assert.Null(s.At));
    }

    [Fact]
    public void A_closed_event_waits_for_the_rating_and_shows_the_reply_on_the_handling_step()
    {
        var steps = StepsFor(Event(
            EventStatus.Closed,
            Entry(1, "Report", EventStatus.Reported),
            Entry(2, "Triage", EventStatus.Triaged),
            Entry(3, "Dispatch", EventStatus.Dispatched),
            Entry(4, "Accept", EventStatus.Accepted),
            Entry(5, "Handle", EventStatus.Handled, "已更换灯泡"),
            Entry(6, "VerifyPass", EventStatus.Verified),
            Entry(7, "Close", EventStatus.Closed)));

        Assert.Equal([StepState.Done, StepState.Done, StepState.Done, StepState.Done, StepState.Current], steps.Select(s => s.State));
        Assert.Equal(3, steps[1].At!.Value.Minute);
        Assert.Equal(6, steps[2].At!.Value.Minute); // the last time it was in hand: verification
        Assert.Equal("已更换灯泡", steps[2].Note);
        Assert.Equal(7, steps[3].At!.Value.Minute);
    }

    private static readonly DateTime ClosedAt = new(2026, 11, 30, 1, 7, 0, DateTimeKind.Utc);

    private static EventDto ClosedThenRated(EventStatus status, string ratingAction, EventStatus afterRating, FeedbackKind kind, bool dissatisfied) =>
        Event(
            status,
            Entry(1, "Report", EventStatus.Reported),
            Entry(3, "Dispatch", EventStatus.Dispatched),
            Entry(5, "Handle", EventStatus.Handled, "已更换灯泡"),
            Entry(7, "Close", EventStatus.Closed),
            Entry(9, ratingAction, afterRating)) with
        {
            ClosedAt = ClosedAt,
            Feedback = [new FeedbackDto(ClosedAt, kind, kind == FeedbackKind.Rated ? (dissatisfied ? 2 : 5) : null, null,
                ClosedAt.AddMinutes(2), dissatisfied, null, null, null)],
        };

    [Fact]
    public void A_rated_closing_completes_every_step_and_the_last_says_rated_at_the_rating_time()
    {
        var steps = StepsFor(ClosedThenRated(EventStatus.Closed, "Rate", EventStatus.Closed, FeedbackKind.Rated, dissatisfied: false));
        Assert.Equal(["已受理", "已派单", "处理中", "已办结", "已评价"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(StepState.Done, s.State));
        Assert.Equal(7, steps[3].At!.Value.Minute); // closed at the closing, not at the rating that also lands on Closed
        Assert.Equal(9, steps[4].At!.Value.Minute);
        Assert.Null(steps[4].Note);
    }

    [Fact]
    public void History_lines_name_a_rating_as_such_not_as_a_second_closing()
    {
        Assert.Equal("已受理", EntryName(Entry(1, "Report", EventStatus.Reported)));
        Assert.Equal("已办结", EntryName(Entry(7, "Close", EventStatus.Closed)));
        Assert.Equal("已评价", EntryName(Entry(9, "Rate", EventStatus.Closed)));
        Assert.Equal("已评价", EntryName(Entry(9, "Rate", EventStatus.Dissatisfied)));
        Assert.Equal("未评价", EntryName(Entry(9, "NoFeedback", EventStatus.Closed)));
    }

    [Fact]
    public void A_lapsed_rating_reads_unrated()
    {
        var steps = StepsFor(ClosedThenRated(EventStatus.Closed, "NoFeedback", EventStatus.Closed, FeedbackKind.NoFeedback, dissatisfied: false));
        Assert.Equal("未评价", steps[4].Name);
        Assert.Equal(StepState.Done, steps[4].State);
        Assert.Equal(7, steps[3].At!.Value.Minute);
    }

    [Fact]
    public void A_dissatisfied_rating_stays_current_while_the_command_centre_reviews_it()
    {
        var steps = StepsFor(ClosedThenRated(EventStatus.Dissatisfied, "Rate", EventStatus.Dissatisfied, FeedbackKind.Rated, dissatisfied: true));
        Assert.Equal([StepState.Done, StepState.Done, StepState.Done, StepState.Done, StepState.Current], steps.Select(s => s.State));
        Assert.Equal("已评价", steps[4].Name);
        Assert.Equal("您的评价已转指挥中心复核", steps[4].Note);
        Assert.Equal(7, steps[3].At!.Value.Minute);
    }

    [Fact]
    public void Reopened_after_review_the_old_rating_no_longer_shows()
    {
        var reopened = ClosedThenRated(EventStatus.Reopened, "Rate", EventStatus.Dissatisfied, FeedbackKind.Rated, dissatisfied: true);
        reopened = reopened with { Timeline = [.. reopened.Timeline!, Entry(11, "ReopenAfterReview", EventStatus.Reopened)] };
        var steps = StepsFor(reopened);
        Assert.Equal("待评价", steps[4].Name);
        Assert.Equal(StepState.Pending, steps[4].State);
        Assert.Null(steps[4].At);
    }

    [Fact]
    public void A_reopened_event_goes_back_to_received()
    {
        var steps = StepsFor(Event(
            EventStatus.Reopened,
            Entry(1, "Report", EventStatus.Reported),
            Entry(3, "Dispatch", EventStatus.Dispatched),
            Entry(4, "Accept", EventStatus.Accepted),
            Entry(5, "Handle", EventStatus.Handled, "已处理"),
            Entry(6, "VerifyFail", EventStatus.Reopened)));

        Assert.Equal([StepState.Current, StepState.Pending, StepState.Pending, StepState.Pending, StepState.Pending], steps.Select(s => s.State));
        Assert.Null(steps[2].Note);
    }

    [Fact]
    public void A_rejected_event_shows_received_then_the_reason()
    {
        var steps = StepsFor(Event(EventStatus.Rejected, Entry(1, "Report", EventStatus.Reported), Entry(2, "Reject", EventStatus.Rejected, "不属于本街道管辖")));
        Assert.Equal(["已受理", "不予受理"], steps.Select(s => s.Name));
        Assert.Equal("不属于本街道管辖", steps[1].Note);
        Assert.Equal("不予受理", Label(EventStatus.Rejected));
        Assert.Equal("stopped", Tone(EventStatus.Rejected));
    }
}
