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
