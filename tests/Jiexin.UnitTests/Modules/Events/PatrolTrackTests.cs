using Jiexin.Modules.Events.Patrols;

namespace Jiexin.UnitTests.Modules.Events;

/// <summary>What a GPS track is worth in kilometres: trusted fixes only, no jumps, no jitter.</summary>
public sealed class PatrolTrackTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>Degrees of latitude for the given metres on the haversine sphere.</summary>
    private static double North(double metres) => metres / 111_195.08;

    private static PatrolTrack.Fix At(int seconds, double metresNorth, double? accuracy = 5) =>
        new(T0.AddSeconds(seconds), 31.4 + North(metresNorth), 119.8, accuracy);

    [Fact]
    public void DistanceMeters_of_one_degree_of_latitude_is_about_111_km()
    {
        Assert.InRange(PatrolTrack.DistanceMeters(31, 119.8, 32, 119.8), 111_150, 111_250);
        Assert.Equal(0, PatrolTrack.DistanceMeters(31.4, 119.8, 31.4, 119.8));
    }

    [Fact]
    public void TotalMeters_adds_up_a_walk()
    {
        var walk = Enumerable.Range(0, 11).Select(i => At(i * 30, i * 40)).ToList(); // 40 m per 30 s
        Assert.InRange(PatrolTrack.TotalMeters(walk), 399, 401);
    }

    [Fact]
    public void TotalMeters_ignores_a_jump_and_continues_from_the_last_trusted_fix()
    {
        var track = new[] { At(0, 0), At(30, 50), At(60, 3_000), At(90, 100) };
        Assert.InRange(PatrolTrack.TotalMeters(track), 99, 101);
    }

    [Fact]
    public void TotalMeters_ignores_imprecise_fixes()
    {
        var track = new[] { At(0, 0), At(30, 40, accuracy: 120), At(60, 80) };
        Assert.InRange(PatrolTrack.TotalMeters(track), 79, 81);
    }

    [Fact]
    public void TotalMeters_does_not_count_standing_still_but_counts_slow_walking_once_it_adds_up()
    {
        var standing = Enumerable.Range(0, 20).Select(i => At(i * 10, i % 2 == 0 ? 0 : 3)).ToList(); // 3 m of GPS jitter
        Assert.Equal(0, PatrolTrack.TotalMeters(standing));

        var slow = Enumerable.Range(0, 10).Select(i => At(i * 10, i * 2)).ToList(); // 2 m per step, 18 m in all
        Assert.InRange(PatrolTrack.TotalMeters(slow), 15, 18.5);
    }

    [Fact]
    public void Advance_starts_afresh_after_a_long_gap_without_counting_the_gap()
    {
        var (_, anchor) = PatrolTrack.Advance(null, At(0, 0));
        var (meters, next) = PatrolTrack.Advance(anchor, At(600, 1_000)); // 10 minutes later, 1 km away
        Assert.Equal(0, meters);
        Assert.Equal(T0.AddSeconds(600), next!.Value.At);
    }
}
