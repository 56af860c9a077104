using System.Globalization;
using Jiexin.Platform.Ui.Maps;

namespace Jiexin.UnitTests.Platform.Ui.Maps;

public sealed class PlaceMapViewTests
{
    // Two grids side by side near Yixing (31.44 N): west 119.790–119.800, east 119.800–119.810, 31.440–31.450.
    private static readonly Guid West = Guid.NewGuid();
    private static readonly Guid East = Guid.NewGuid();

    private static readonly MapArea[] Grids =
    [
        new(West, "第1网格", Square(119.790, 31.440, 0.010), "新塍社区"),
        new(East, "第2网格", Square(119.800, 31.440, 0.010), "新塍社区"),
    ];

    private static string Square(double lng, double lat, double size) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"type\":\"Polygon\",\"coordinates\":[[[{lng},{lat}],[{lng + size},{lat}],[{lng + size},{lat + size}],[{lng},{lat + size}],[{lng},{lat}]]]}}");

    [Fact]
    public void A_point_drawn_and_tapped_back_gives_the_same_coordinates()
    {
        var map = PlaceMapView.Create(Grids)!;

        var (lat, lng) = map.At(map.X(119.8037), map.Y(31.4462));

        // X and Y are rounded to a tenth of a unit: ~1 m at this scale.
        Assert.Equal(31.4462, lat, 0.00002);
        Assert.Equal(119.8037, lng, 0.00002);
    }

    [Fact]
    public void Kilometres_are_as_long_east_west_as_north_south()
    {
        var map = PlaceMapView.Create(Grids)!;

        // 0.01° of latitude is 1.11 km; 0.01° of longitude at 31.445° N is 1.11 km × cos(31.445°).
        var northSouth = map.Y(31.440) - map.Y(31.450);
        var eastWest = map.X(119.800) - map.X(119.790);
        Assert.Equal(Math.Cos(31.445 * Math.PI / 180), eastWest / northSouth, 0.002);
    }

    [Fact]
    public void The_overview_holds_every_grid_and_labels_each_community_once()
    {
        var map = PlaceMapView.Create(Grids)!;

        Assert.Equal(2, map.Areas.Count);
        Assert.All([map.X(119.790), map.X(119.810)], x => Assert.InRange(x, 0, PlaceMapView.Width));
        Assert.All([map.Y(31.440), map.Y(31.450)], y => Assert.InRange(y, 0, map.Height));
        Assert.Equal("新塍社区", Assert.Single(map.Labels).Text);
        Assert.Equal("新塍社区 · 第1网格", map.Areas.Single(a => a.Id == West).Label);
    }

    [Fact]
    public void A_focused_grid_fills_more_of_the_map_and_is_the_only_one_marked()
    {
        var overview = PlaceMapView.Create(Grids)!;
        var focused = PlaceMapView.Create(Grids, focus: East, [new MapMarker(31.445, 119.805, "事发位置", Primary: true)])!;

        var overviewWidth = overview.X(119.810) - overview.X(119.800);
        var focusedWidth = focused.X(119.810) - focused.X(119.800);
        // The focused grid with a margin of 35 % of its size on each side: it spans 1 / 1.7 of the width (a little
        // less when the view is widened to keep its shape); the overview shares the width between both grids.
        Assert.InRange(focusedWidth, PlaceMapView.Width / 1.7 * 0.95, PlaceMapView.Width / 1.7 + 0.5);
        Assert.True(focusedWidth > overviewWidth, $"focused {focusedWidth} vs overview {overviewWidth}");
        Assert.Equal(East, Assert.Single(focused.Areas, a => a.Focused).Id);
        var pin = Assert.Single(focused.Markers);
        Assert.True(pin.Primary);
        Assert.InRange(pin.X, focused.X(119.800), focused.X(119.810));
        Assert.InRange(pin.Y, focused.Y(31.450), focused.Y(31.440));
    }

    [Fact]
    public void The_focused_grid_is_drawn_last_so_no_neighbour_paints_over_its_outline()
    {
        var map = PlaceMapView.Create(Grids, focus: West)!; // West comes first in the input
        Assert.Equal(West, map.Areas[^1].Id);
        Assert.True(map.Areas[^1].Focused);
        // The colours stay those of the input order (the community's), not of the drawing order.
        Assert.Equal(PlaceMapView.Create(Grids)!.Areas.Select(a => (a.Id, a.Fill)).OrderBy(a => a.Id), map.Areas.Select(a => (a.Id, a.Fill)).OrderBy(a => a.Id));
    }

    [Fact]
    public void Around_a_focused_grid_only_the_names_that_fit_inside_the_map_are_written()
    {
        // Beside the east grid: a narrow strip to the west whose middle lies at the map's edge, and a low strip to
        // the north whose middle is well inside.
        var strip = Guid.NewGuid();
        var north = Guid.NewGuid();
        MapArea[] grids =
        [
            Grids[1],
            new(strip, "第3网格", string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[119.794,31.440],[119.7995,31.440],[119.7995,31.450],[119.794,31.450],[119.794,31.440]]]}}"), "新塍社区"),
            new(north, "第4网格", string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[119.800,31.450],[119.810,31.450],[119.810,31.4526],[119.800,31.4526],[119.800,31.450]]]}}"), "新塍社区"),
        ];

        var map = PlaceMapView.Create(grids, focus: East)!;

        Assert.Equal(3, map.Areas.Count);
        Assert.Equal(["第2网格", "第4网格"], map.Labels.Select(l => l.Text).Order());
        Assert.True(map.Labels.Single(l => l.Text == "第2网格").Focused);
    }

    [Fact]
    public void A_neighbour_of_another_community_is_named_with_its_community()
    {
        // Grids are numbered within their community: the strips north and south of the east grid are both "第3网格".
        MapArea[] grids =
        [
            Grids[1],
            new(Guid.NewGuid(), "第3网格", string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[119.800,31.450],[119.810,31.450],[119.810,31.4526],[119.800,31.4526],[119.800,31.450]]]}}"), "新塍社区"),
            new(Guid.NewGuid(), "第3网格", string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[119.800,31.4374],[119.810,31.4374],[119.810,31.440],[119.800,31.440],[119.800,31.4374]]]}}"), "张泽村"),
        ];

        var map = PlaceMapView.Create(grids, focus: East)!;

        Assert.Equal(["张泽村第3网格", "第2网格", "第3网格"], map.Labels.Select(l => l.Text).Order(StringComparer.Ordinal));
        Assert.True(map.Labels.Single(l => l.Text == "张泽村第3网格").Y > map.Labels.Single(l => l.Text == "第3网格").Y);
    }

    [Fact]
    public void A_mistyped_place_far_away_is_left_off_instead_of_shrinking_the_street_to_a_dot()
    {
        var map = PlaceMapView.Create(Grids, markers: [new MapMarker(39.9, 116.4, "北京")])!;

        Assert.Empty(map.Markers);
        Assert.True(map.X(119.810) - map.X(119.790) > PlaceMapView.Width * 0.8);
    }

    [Fact]
    public void A_track_is_one_line_through_its_points_in_order_and_stays_in_view_with_stray_fixes_dropped()
    {
        // Starts in the focused (west) grid, walks east across the boundary, then a fix from far away (bad GPS).
        MapPoint[] track = [new(31.445, 119.795), new(31.446, 119.799), new(31.447, 119.806), new(39.9, 116.4)];
        var map = PlaceMapView.Create(Grids, focus: West, track: track)!;

        Assert.Equal($"M{F(map.X(119.795))},{F(map.Y(31.445))}L{F(map.X(119.799))},{F(map.Y(31.446))}L{F(map.X(119.806))},{F(map.Y(31.447))}", map.TrackPath);
        // The walk into the east grid is inside the drawing, not cut off by the zoom on the west grid.
        Assert.InRange(map.X(119.806), 0, PlaceMapView.Width);
        Assert.InRange(map.Y(31.447), 0, map.Height);
        Assert.Null(PlaceMapView.Create(Grids, focus: West)!.TrackPath);

        static string F(double value) => PlaceMapView.Format(value);
    }

    [Fact]
    public void Unreadable_outlines_are_skipped_and_nothing_to_draw_gives_no_map()
    {
        MapArea[] broken = [new(Guid.NewGuid(), "坏", "{not json"), new(Guid.NewGuid(), "点", "{\"type\":\"Point\",\"coordinates\":[1,2]}")];

        Assert.Null(PlaceMapView.Create(broken));
        var withGood = PlaceMapView.Create([.. broken, Grids[0]])!;
        Assert.Equal(West, Assert.Single(withGood.Areas).Id);
    }

    [Fact]
    public void A_place_with_no_grid_drawn_still_gets_a_map_around_it()
    {
        var map = PlaceMapView.Create([], markers: [new MapMarker(31.445, 119.805, "事发位置", Primary: true)])!;

        var pin = Assert.Single(map.Markers);
        Assert.InRange(pin.X, 0, PlaceMapView.Width);
        Assert.InRange(pin.Y, 0, map.Height);
    }
}
