using Jiexin.Platform.Notifications.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Jiexin.UnitTests.Platform.Notifications;

public sealed class AudienceCacheTests
{
    private static readonly IReadOnlyList<Recipient> Members = [new(Guid.NewGuid(), "13800000000", IsStaff: true)];

    [Fact]
    public void Members_are_remembered_for_the_lifetime_and_no_longer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var cache = new AudienceCache(clock);
        Assert.False(cache.TryGet("unit:Grid:1", out _));

        cache.Remember("unit:Grid:1", Members, cache.Generation);
        clock.Advance(AudienceCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.True(cache.TryGet("unit:Grid:1", out var found));
        Assert.Same(Members, found);
        Assert.False(cache.TryGet("unit:Grid:2", out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(cache.TryGet("unit:Grid:1", out _));
    }

    [Fact]
    public void Forgetting_drops_everything_and_a_look_up_that_overlapped_it_is_not_kept()
    {
        var cache = new AudienceCache(new FakeTimeProvider());
        cache.Remember("role:commander", Members, cache.Generation);
        var readBegan = cache.Generation;

        cache.Forget(); // an account saved while the look-up was running
        Assert.False(cache.TryGet("role:commander", out _));

        cache.Remember("unit:Grid:1", Members, readBegan);
        Assert.False(cache.TryGet("unit:Grid:1", out _));
        cache.Remember("unit:Grid:1", Members, cache.Generation);
        Assert.True(cache.TryGet("unit:Grid:1", out _));
    }
}
