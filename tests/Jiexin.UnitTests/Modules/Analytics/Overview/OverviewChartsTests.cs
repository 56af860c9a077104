using System.Text.Json;
using Jiexin.Modules.Analytics.Overview;
using Vizor.ECharts;

namespace Jiexin.UnitTests.Modules.Analytics.Overview;

public sealed class OverviewChartsTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static GetOverview.Overview With(GetOverview.Tiers tiers, params long[] dailyIntake)
    {
        var none = new GetOverview.Counts(0, 0, 0, 0);
        var trend = dailyIntake.Select((n, i) => new GetOverview.DayPoint(Today.AddDays(i - dailyIntake.Length + 1), n, 0)).ToList();
        return new(DateTime.UtcNow, Today, none, none, none, none, tiers, 365, [], 30, [], [], [], trend);
    }

    [Fact]
    public void Daily_counts_are_drawn_as_straight_lines_which_never_dip_below_zero_between_a_0_and_a_1()
    {
        var chart = OverviewCharts.Trend(With(new(0, 0, 0, 0), 0, 1, 0, 0, 2, 0, 1));

        Assert.Equal(2, chart.Series!.Count);
        Assert.All(chart.Series.Cast<LineSeries>(), s => Assert.NotEqual(true, s.Smooth));
    }

    [Fact]
    public void The_tiers_are_bars_in_the_order_an_event_climbs_even_when_the_street_outnumbers_the_community()
    {
        var chart = OverviewCharts.Tiers(With(new(Grid: 6, Community: 1, Street: 3, AboveStreet: 0)));

        var bars = Assert.IsType<BarSeries>(Assert.Single(chart.Series!));
        Assert.Equal(["网格", "村社区", "街道", "街道以上"], JsonSerializer.SerializeToElement(chart.YAxis!.Data).EnumerateArray().Select(d => d.GetString()));
        Assert.Equal([6L, 1, 3, 0], JsonSerializer.SerializeToElement(bars.Data).EnumerateArray().Select(d => d.GetProperty("value").GetInt64()));
        Assert.True(chart.YAxis.Inverse, "网格 is drawn at the top");
    }
}
