using Jiexin.Platform.Notifications.Outbox;

namespace Jiexin.UnitTests.Platform.Notifications;

/// <summary>The dispatcher's loop: sleep when idle, go on when full, gather under a burst.</summary>
public sealed class OutboxPauseTests
{
    private static readonly OutboxOptions Gathering = new() { BatchSize = 500, GatherMilliseconds = 250 };

    [Fact]
    public void Nothing_due_sleeps_until_a_save_signals_so_a_lone_message_after_a_quiet_spell_goes_at_once()
    {
        Assert.Equal(OutboxPause.UntilSignalled, OutboxDispatcher.PauseAfter(0, Gathering));
        Assert.Equal(OutboxPause.UntilSignalled, OutboxDispatcher.PauseAfter(0, new OutboxOptions { GatherMilliseconds = 0 }));
    }

    [Fact]
    public void A_partial_batch_lets_the_burst_gather_before_the_next_claim()
    {
        Assert.Equal(OutboxPause.Gather, OutboxDispatcher.PauseAfter(1, Gathering));
        Assert.Equal(OutboxPause.Gather, OutboxDispatcher.PauseAfter(499, Gathering));
    }

    [Fact]
    public void A_full_batch_means_more_are_waiting_so_the_next_claim_is_at_once()
    {
        Assert.Equal(OutboxPause.None, OutboxDispatcher.PauseAfter(500, Gathering));
    }

    [Fact]
    public void Gathering_can_be_switched_off()
    {
        Assert.Equal(OutboxPause.None, OutboxDispatcher.PauseAfter(3, new OutboxOptions { BatchSize = 500, GatherMilliseconds = 0 }));
    }

    [Fact]
    public void The_defaults_gather_a_quarter_second_into_batches_of_up_to_500()
    {
        var defaults = new OutboxOptions();
        Assert.Equal(250, defaults.GatherMilliseconds);
        Assert.Equal(500, defaults.BatchSize);
    }
}
