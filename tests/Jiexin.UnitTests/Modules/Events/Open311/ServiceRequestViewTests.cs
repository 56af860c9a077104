using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Requests;
using Jiexin.Modules.Events.Open311.Updates;

namespace Jiexin.UnitTests.Modules.Events.Open311;

public sealed class ServiceRequestViewTests
{
    [Theory]
    [InlineData(EventStatus.Reported, "open")]
    [InlineData(EventStatus.Triaged, "open")]
    [InlineData(EventStatus.Dispatched, "open")]
    [InlineData(EventStatus.Accepted, "open")]
    [InlineData(EventStatus.Handled, "open")]
    [InlineData(EventStatus.Verified, "open")]
    [InlineData(EventStatus.Returned, "open")]
    [InlineData(EventStatus.ExtensionRequested, "open")]
    [InlineData(EventStatus.Suspended, "open")]
    [InlineData(EventStatus.Reopened, "open")]
    [InlineData(EventStatus.Closed, "closed")]
    [InlineData(EventStatus.Merged, "closed")]
    [InlineData(EventStatus.Rejected, "closed")]
    public void Our_states_map_to_open_or_closed(EventStatus status, string expected) =>
        Assert.Equal(expected, ServiceRequestView.StatusOf(status));

    [Fact]
    public void Every_state_maps_to_one_of_the_two_spec_values() =>
        Assert.All(Enum.GetValues<EventStatus>(), s => Assert.Contains(ServiceRequestView.StatusOf(s), new[] { "open", "closed" }));

    [Theory]
    [InlineData("Report", EventStatus.Reported, "其他平台", "上报 → 已上报：其他平台")]
    [InlineData("Dispatch", EventStatus.Dispatched, null, "派单 → 已派单")]
    [InlineData("Handle", EventStatus.Handled, "已更换灯泡，联系 13912345678", "办结反馈 → 已处置：已更换灯泡，联系 139****5678")]
    public void An_update_says_the_step_the_state_and_the_masked_note(string action, EventStatus to, string? note, string expected) =>
        Assert.Equal(expected, ListServiceRequestUpdates.Describe(action, to, note));
}
