using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jiexin.Platform.Ui.Maps;

/// <summary>One area on a place map: a grid's outline (GeoJSON Polygon or MultiPolygon text, WGS-84 [lng, lat]).</summary>
/// <param name="Group">Areas of one group share a colour and, on an overview, one label (a community's grids).</param>
public sealed record MapArea(Guid Id, string Name, string BoundaryGeoJson, string? Group = null)
{
    /// <summary>"社区 · 网格": what a hover or a screen reader says of the area.</summary>
    public string Title => Group is null ? Name : $"{Group} · {Name}";
}

/// <summary>
/// A point on a place map. The primary one is the place itself (a pin); others are dots (a check-in, a verification),
/// or circles sized and coloured by the caller (<paramref name="Radius"/> in drawing units of the 1,000-wide map: hotspots by heat).
/// </summary>
public sealed record MapMarker(double Latitude, double Longitude, string Title, bool Primary = false, double? Radius = null, string? Colour = null);

/// <summary>A point of a line drawn on a place map (a patrol's GPS track), in order.</summary>
public readonly record struct MapPoint(double Latitude, double Longitude);

/// <summary>
/// What a place map draws, in SVG user units: the areas as paths, their labels, the markers, and the projection a page
/// script needs to turn a tap back into coordinates. An equirectangular projection scaled by cos(latitude) at the view's
/// centre: over a street of a few kilometres it is indistinguishable from the web maps' projection, and it needs no tiles,
/// no script and no network — a resident's cheap phone draws it from the page itself.
/// </summary>
public sealed class PlaceMapView
{
    /// <summary>Width of the drawing in user units; the height follows the view's shape.</summary>
    public const double Width = 1000;

    private const double MinAspect = 0.5;
    private const double MaxAspect = 1.15;

    // Half a character's width and half the line's height at the largest label size the pages use (44 units on a
    // phone), with a little room for the label's white outline.
    private const double LabelHalfWidthPerCharacter = 23;
    private const double LabelHalfHeight = 28;

    /// <summary>Light categorical colours (Ant Design), one per group, dark enough to tell grids apart outdoors.</summary>
    private static readonly string[] Palette =
        ["#bae0ff", "#d9f7be", "#ffe7ba", "#efdbff", "#b5f5ec", "#ffd6e7", "#fff1b8", "#d6e4ff", "#ffd8bf", "#f4ffb8"];

    private PlaceMapView()
    {
    }

    public double Height { get; private set; }

    /// <summary>West edge of the view (degrees of longitude).</summary>
    public double West { get; private set; }

    /// <summary>North edge of the view (degrees of latitude).</summary>
    public double North { get; private set; }

    /// <summary>User units per degree of latitude.</summary>
    public double Scale { get; private set; }

    /// <summary>cos(latitude) at the view's centre: a degree of longitude is this many degrees of latitude long.</summary>
    public double LongitudeFactor { get; private set; }

    public IReadOnlyList<DrawnArea> Areas { get; private set; } = [];

    public IReadOnlyList<DrawnLabel> Labels { get; private set; } = [];

    public IReadOnlyList<DrawnMarker> Markers { get; private set; } = [];

    /// <summary>The track as an SVG path ("M x,y L x,y …"); null when there is none.</summary>
    public string? TrackPath { get; private set; }

    /// <summary>An area as drawn: its SVG path, fill colour, and whether it is the one the map is about.</summary>
    public sealed record DrawnArea(Guid Id, string Label, string Path, string Fill, bool Focused);

    public sealed record DrawnLabel(double X, double Y, string Text, bool Focused);

    public sealed record DrawnMarker(double X, double Y, string Title, bool Primary, double Radius = 11, string Colour = "#1677ff");

    /// <summary>
    /// The view of <paramref name="areas"/>: zoomed to the <paramref name="focus"/> area with its neighbours around it when
    /// given, else the whole territory. Markers far outside the territory (mistyped coordinates) do not stretch the view;
    /// they are left off. A <paramref name="track"/> is drawn as one line and kept in view like the markers (its stray
    /// fixes far away are dropped the same way). Null when there is nothing to draw (no readable outline and no marker).
    /// </summary>
    public static PlaceMapView? Create(IReadOnlyList<MapArea> areas, Guid? focus = null, IReadOnlyList<MapMarker>? markers = null,
        IReadOnlyList<MapPoint>? track = null)
    {
        markers ??= [];
        track ??= [];
        var shapes = new List<(MapArea Area, List<List<(double Lng, double Lat)>> Rings, Box Box)>();
        foreach (var area in areas)
        {
            var rings = ReadRings(area.BoundaryGeoJson);
            if (rings is { Count: > 0 })
            {
                shapes.Add((area, rings, Box.Of(rings.SelectMany(r => r))));
            }
        }

        var markerPoints = markers.Where(m => double.IsFinite(m.Latitude) && double.IsFinite(m.Longitude)
                                              && Math.Abs(m.Latitude) <= 90 && Math.Abs(m.Longitude) <= 180).ToList();
        Box? territory = shapes.Count > 0 ? Box.Union(shapes.Select(s => s.Box)) : null;
        var reach = territory?.Grow(0.25, minimumDegrees: 0.002);
        var shown = reach is null ? markerPoints : [.. markerPoints.Where(m => reach.Contains(m.Longitude, m.Latitude))];
        var trackShown = track.Where(p => double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude) && Math.Abs(p.Latitude) <= 90
                                          && Math.Abs(p.Longitude) <= 180 && (reach is null || reach.Contains(p.Longitude, p.Latitude))).ToList();
        if (territory is null && shown.Count == 0 && trackShown.Count == 0)
        {
            return null;
        }

        // What the view must hold besides the areas: the markers and the track.
        var held = shown.Select(m => Box.Point(m.Longitude, m.Latitude)).Concat(trackShown.Select(p => Box.Point(p.Longitude, p.Latitude))).ToList();

        var focused = focus is { } id ? shapes.FirstOrDefault(s => s.Area.Id == id) : default;
        Box view;
        if (focused.Area is not null)
        {
            view = Box.Union([focused.Box, .. held]).Grow(0.35, minimumDegrees: 0.002);
        }
        else if (focus is not null && territory is not null && held.Count > 0)
        {
            // The place is known but its grid is not drawn: centre on the place, with the territory around it.
            view = Box.Union(held).Grow(0.35, minimumDegrees: 0.004);
        }
        else
        {
            var boxes = held;
            if (territory is not null)
            {
                boxes.Add(territory);
            }

            view = Box.Union(boxes).Grow(0.04, minimumDegrees: 0.002);
        }

        var factor = Math.Cos((view.South + view.North) / 2 * Math.PI / 180);
        view = view.WithAspect(factor, MinAspect, MaxAspect);
        var scale = Width / ((view.East - view.West) * factor);
        var map = new PlaceMapView
        {
            West = view.West,
            North = view.North,
            Scale = scale,
            LongitudeFactor = factor,
            Height = Math.Round((view.North - view.South) * scale, 1),
        };

        var colours = new Dictionary<string, string>();
        string ColourOf(MapArea area)
        {
            var key = area.Group ?? area.Name;
            if (!colours.TryGetValue(key, out var colour))
            {
                colours[key] = colour = Palette[colours.Count % Palette.Length];
            }

            return colour;
        }

        // The focused grid last: a neighbour drawn after it would paint its white edge over half the blue outline.
        map.Areas = [.. shapes.Select(s => new DrawnArea(s.Area.Id, s.Area.Title, map.PathOf(s.Rings), ColourOf(s.Area), s.Area.Id == focus)).OrderBy(a => a.Focused)];
        map.Labels = focused.Area is not null
            ? [.. shapes.Select(s => map.LabelAt(s.Box, NeighbourName(s.Area, focused.Area), s.Area.Id == focus)).Where(l => l.Focused || map.HasRoomFor(l))]
            : [.. shapes.GroupBy(s => s.Area.Group ?? s.Area.Name).Select(g => map.LabelAt(Box.Union(g.Select(s => s.Box)), g.Key, false))];
        // The pin last (on top), and big circles under small ones so that none hides another.
        map.Markers = [.. shown.OrderBy(m => m.Primary).ThenByDescending(m => m.Radius ?? 0)
            .Select(m => new DrawnMarker(map.X(m.Longitude), map.Y(m.Latitude), m.Title, m.Primary, m.Radius ?? 11, m.Colour ?? "#1677ff"))];
        map.TrackPath = trackShown.Count == 0
            ? null
            : string.Concat(trackShown.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{Format(map.X(p.Longitude))},{Format(map.Y(p.Latitude))}"));
        return map;
    }

    public double X(double longitude) => Math.Round((longitude - West) * LongitudeFactor * Scale, 1);

    public double Y(double latitude) => Math.Round((North - latitude) * Scale, 1);

    /// <summary>The inverse of <see cref="X"/>/<see cref="Y"/>: the coordinates under a point of the drawing (what a tap picks).</summary>
    public (double Latitude, double Longitude) At(double x, double y) => (North - y / Scale, West + x / (LongitudeFactor * Scale));

    /// <summary>A number as SVG and data attributes want it: invariant, no exponent.</summary>
    public static string Format(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private DrawnLabel LabelAt(Box box, string text, bool focused) => new(X(box.CentreLng), Y(box.CentreLat), text, focused);

    /// <summary>
    /// Around a focused grid, a neighbour of another community carries its community's name too: grids are numbered
    /// within their community, so two "第3网格" can border the same grid.
    /// </summary>
    private static string NeighbourName(MapArea area, MapArea focused) =>
        area.Id == focused.Id || area.Group is null || area.Group == focused.Group ? area.Name : area.Group + area.Name;

    /// <summary>A neighbour's name is written only where it fits whole: a name cut by the edge of the map reads as a different place.</summary>
    private bool HasRoomFor(DrawnLabel label)
    {
        var halfWidth = label.Text.Length * LabelHalfWidthPerCharacter;
        return label.X >= halfWidth && label.X <= Width - halfWidth && label.Y >= LabelHalfHeight && label.Y <= Height - LabelHalfHeight;
    }

    private string PathOf(List<List<(double Lng, double Lat)>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                path.Append(i == 0 ? 'M' : 'L').Append(Format(X(ring[i].Lng))).Append(',').Append(Format(Y(ring[i].Lat)));
            }

            path.Append('Z');
        }

        return path.ToString();
    }

    /// <summary>Every ring of a Polygon or MultiPolygon; null when the text is not one (such an area is left off the map).</summary>
    private static List<List<(double Lng, double Lat)>>? ReadRings(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(geoJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || !root.TryGetProperty("coordinates", out var coordinates))
            {
                return null;
            }

            var rings = new List<List<(double, double)>>();
            switch (type.GetString())
            {
                case "Polygon":
                    AddPolygon(coordinates, rings);
                    break;
                case "MultiPolygon":
                    foreach (var polygon in coordinates.EnumerateArray())
                    {
                        AddPolygon(polygon, rings);
                    }

                    break;
                default:
                    return null;
            }

            return rings;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static void AddPolygon(JsonElement polygon, List<List<(double, double)>> rings)
    {
        foreach (var ring in polygon.EnumerateArray())
        {
            var points = new List<(double, double)>();
            foreach (var position in ring.EnumerateArray())
            {
                var lng = position[0].GetDouble();
                var lat = position[1].GetDouble();
                if (double.IsFinite(lng) && double.IsFinite(lat))
                {
                    points.Add((lng, lat));
                }
            }

            if (points.Count >= 3)
            {
                rings.Add(points);
            }
        }
    }

    private sealed record Box(double West, double South, double East, double North)
    {
        public double CentreLng => (West + East) / 2;

        public double CentreLat => (South + North) / 2;

        public static Box Point(double lng, double lat) => new(lng, lat, lng, lat);

        public static Box Of(IEnumerable<(double Lng, double Lat)> points)
        {
            double west = double.MaxValue, south = double.MaxValue, east = double.MinValue, north = double.MinValue;
            foreach (var (lng, lat) in points)
            {
                west = Math.Min(west, lng);
                east = Math.Max(east, lng);
                south = Math.Min(south, lat);
                north = Math.Max(north, lat);
            }

            return new(west, south, east, north);
        }

        public static Box Union(IEnumerable<Box> boxes)
        {
            var all = boxes.ToList();
            return new(all.Min(b => b.West), all.Min(b => b.South), all.Max(b => b.East), all.Max(b => b.North));
        }

        public bool Contains(double lng, double lat) => lng >= West && lng <= East && lat >= South && lat <= North;

        /// <summary>Wider by a share of its size on every side, and at least <paramref name="minimumDegrees"/> across.</summary>
        public Box Grow(double share, double minimumDegrees)
        {
            var padLng = Math.Max((East - West) * share, (minimumDegrees - (East - West)) / 2);
            var padLat = Math.Max((North - South) * share, (minimumDegrees - (North - South)) / 2);
            return new(West - Math.Max(padLng, 0), South - Math.Max(padLat, 0), East + Math.Max(padLng, 0), North + Math.Max(padLat, 0));
        }

        /// <summary>Widened in the shorter direction (about its centre) so height / width lies between the bounds.</summary>
        public Box WithAspect(double longitudeFactor, double minAspect, double maxAspect)
        {
            var width = (East - West) * longitudeFactor;
            var height = North - South;
            if (height < width * minAspect)
            {
                var grow = (width * minAspect - height) / 2;
                return this with { South = South - grow, North = North + grow };
            }

            if (height > width * maxAspect)
            {
                var grow = (height / maxAspect - width) / 2 / longitudeFactor;
                return this with { West = West - grow, East = East + grow };
            }

            return this;
        }
    }
}
