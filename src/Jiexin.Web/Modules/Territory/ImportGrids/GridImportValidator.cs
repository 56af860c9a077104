using System.Globalization;
using System.Text.Json;
using Jiexin.Modules.Territory.Grids;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace Jiexin.Modules.Territory.ImportGrids;

/// <summary>
/// Checks a GeoJSON FeatureCollection of grid boundaries before anything is saved, and collects EVERY problem
/// (not just the first), each naming the feature by its position and name, with the reason in Chinese.
/// Pure: no database; the caller passes the communities and the grids that exist now.
/// </summary>
public static class GridImportValidator
{
    /// <summary>Overlaps smaller than this (digitising noise along a shared border) are ignored.</summary>
    public const double OverlapToleranceSquareMetres = 1.0;

    public const int MaxNameLength = 64;

    public const int MaxCodeLength = 32;

    public sealed record CommunityRef(Guid Id, string Name);

    /// <summary>A grid already in the database; <paramref name="Boundary"/> null when its stored geometry is unreadable.</summary>
    public sealed record ExistingGrid(Guid Id, Guid CommunityId, string CommunityName, string Name, string Code, Geometry? Boundary);

    /// <summary>One problem. <paramref name="Feature"/> is the 1-based position in <c>features</c>, null for the file as a whole.</summary>
    public sealed record Error(int? Feature, string? Name, string Message);

    /// <summary>A feature that passed, ready to save; <paramref name="ReplacesGridId"/> is the existing grid it updates.</summary>
    public sealed record ValidGrid(int Feature, string Name, string Code, Guid CommunityId, Geometry Boundary, Guid? ReplacesGridId);

    public sealed record Result(IReadOnlyList<ValidGrid> Grids, IReadOnlyList<Error> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(string json, IReadOnlyCollection<CommunityRef> communities, IReadOnlyCollection<ExistingGrid> existing)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"（第 {line + 1} 行附近）" : "";
            return Fail($"无法读取文件：不是有效的 JSON{where}。请确认上传的是 GeoJSON 文件。");
        }

        using (document)
        {
            return Validate(document.RootElement, communities, existing);
        }
    }

    public static Result Validate(JsonElement root, IReadOnlyCollection<CommunityRef> communities, IReadOnlyCollection<ExistingGrid> existing)
    {
        if (root.ValueKind != JsonValueKind.Object || GetString(root, "type") != "FeatureCollection")
        {
            return Fail("文件不是 GeoJSON 要素集合（FeatureCollection）：根对象的 type 必须是 \"FeatureCollection\"。");
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return Fail("要素集合缺少 features 数组。");
        }

        if (features.GetArrayLength() == 0)
        {
            return Fail("文件中没有任何要素（features 为空）。");
        }

        var errors = new List<Error>();
        var parsed = new List<Parsed>();
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            index++;
            if (ReadFeature(feature, index, communities, errors) is { } p)
            {
                parsed.Add(p);
            }
        }

        CheckDuplicatesInFile(parsed, errors);
        var matches = MatchExisting(parsed, existing, errors);
        CheckOverlaps(parsed, existing, matches, errors);

        var ordered = errors.OrderBy(e => e.Feature ?? 0).ToList();
        if (ordered.Count > 0)
        {
            return new Result([], ordered);
        }

        return new Result(
            [.. parsed.Select(p => new ValidGrid(p.Feature, p.Name!, p.Code, p.CommunityId!.Value, p.Geometry!, matches.GetValueOrDefault(p.Feature)?.Id))],
            []);
    }

    private static Result Fail(string message) => new([], [new Error(null, null, message)]);

    /// <summary>What could be read of one feature; fields are null where that part was wrong (its errors are recorded).</summary>
    private sealed class Parsed
    {
        public required int Feature { get; init; }

        public string? Name { get; init; }

        public string Code { get; set; } = "";

        public Guid? CommunityId { get; set; }

        public string? CommunityName { get; set; }

        /// <summary>Set only when the geometry is readable AND topologically valid (so overlap tests are safe).</summary>
        public Geometry? Geometry { get; set; }
    }

    private static Parsed? ReadFeature(JsonElement feature, int index, IReadOnlyCollection<CommunityRef> communities, List<Error> errors)
    {
        if (feature.ValueKind != JsonValueKind.Object || GetString(feature, "type") != "Feature")
        {
            errors.Add(new Error(index, null, "不是 GeoJSON 要素（Feature）：type 必须是 \"Feature\"。"));
            return null;
        }

        var properties = feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? props : default;
        var hasProperties = properties.ValueKind == JsonValueKind.Object;
        var name = hasProperties ? GetText(properties, "name")?.Trim() : null;
        var p = new Parsed { Feature = index, Name = string.IsNullOrEmpty(name) ? null : name };

        void Add(string message) => errors.Add(new Error(index, p.Name, message));

        if (p.Name is null)
        {
            Add("缺少网格名称：properties.name 必填。");
        }
        else if (p.Name.Length > MaxNameLength)
        {
            Add($"网格名称过长：最多 {MaxNameLength} 个字。");
        }

        p.Code = hasProperties ? GetText(properties, "code")?.Trim() ?? "" : "";
        if (p.Code.Length > MaxCodeLength)
        {
            Add($"网格编号过长：最多 {MaxCodeLength} 个字符。");
        }

        (p.CommunityId, p.CommunityName) = ResolveCommunity(properties, communities, Add);
        p.Geometry = ReadGeometry(feature, Add);
        return p;
    }

    private static (Guid? Id, string? Name) ResolveCommunity(JsonElement properties, IReadOnlyCollection<CommunityRef> communities, Action<string> add)
    {
        var idText = properties.ValueKind == JsonValueKind.Object ? GetText(properties, "communityId")?.Trim() : null;
        var nameText = properties.ValueKind == JsonValueKind.Object ? GetText(properties, "community")?.Trim() : null;
        if (!string.IsNullOrEmpty(idText))
        {
            if (!Guid.TryParse(idText, out var id))
            {
                add($"communityId「{idText}」不是有效的标识。");
                return (null, null);
            }

            var byId = communities.FirstOrDefault(c => c.Id == id);
            if (byId is null)
            {
                add($"村社区不存在：communityId「{idText}」。");
                return (null, null);
            }

            if (!string.IsNullOrEmpty(nameText) && nameText != byId.Name)
            {
                add($"communityId 指向「{byId.Name}」，与 community「{nameText}」不一致。");
                return (null, null);
            }

            return (byId.Id, byId.Name);
        }

        if (string.IsNullOrEmpty(nameText))
        {
            add("缺少所属村社区：请在 properties 中填写 community（村社区名称）或 communityId。");
            return (null, null);
        }

        var byName = communities.FirstOrDefault(c => c.Name == nameText);
        if (byName is null)
        {
            add($"村社区「{nameText}」不存在，请先在“村社区”中添加，或检查名称是否写错。");
            return (null, null);
        }

        return (byName.Id, byName.Name);
    }

    private static Geometry? ReadGeometry(JsonElement feature, Action<string> add)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            add("缺少几何图形（geometry）。");
            return null;
        }

        var type = GetString(geometry, "type");
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            add(type is null
                ? "几何图形缺少类型：geometry.type 必须是 Polygon 或 MultiPolygon。"
                : $"几何类型「{type}」不支持：网格边界必须是 Polygon（多边形）或 MultiPolygon（多多边形）。");
            return null;
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            add("几何图形缺少坐标（coordinates）。");
            return null;
        }

        var problems = new List<string>();
        Geometry? result;
        if (type == "Polygon")
        {
            result = ReadPolygon(coordinates, "", problems);
        }
        else
        {
            var polygons = new List<Polygon>();
            var k = 0;
            foreach (var polygon in coordinates.EnumerateArray())
            {
                k++;
                if (ReadPolygon(polygon, $"第 {k} 个多边形的", problems) is { } poly)
                {
                    polygons.Add(poly);
                }
            }

            if (k == 0)
            {
                problems.Add("MultiPolygon 没有任何多边形。");
            }

            result = problems.Count == 0 ? GridGeometry.Factory.CreateMultiPolygon([.. polygons]) : null;
        }

        foreach (var problem in problems.Take(5))
        {
            add(problem);
        }

        if (problems.Count > 5)
        {
            add($"坐标还有另外 {problems.Count - 5} 处问题未列出。");
        }

        if (result is null || problems.Count > 0)
        {
            return null;
        }

        var validation = new IsValidOp(result).ValidationError;
        if (validation is not null)
        {
            add($"多边形无效：{Describe(validation.ErrorType)}，位置约 {Format(validation.Coordinate)}。");
            return null;
        }

        return result;
    }

    private static Polygon? ReadPolygon(JsonElement rings, string prefix, List<string> problems)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            problems.Add($"{prefix}坐标格式不对：多边形应是由环组成的数组。");
            return null;
        }

        var read = new List<LinearRing>();
        var r = 0;
        var before = problems.Count;
        foreach (var ring in rings.EnumerateArray())
        {
            r++;
            var ringName = r == 1 ? $"{prefix}外环" : $"{prefix}第 {r - 1} 个内环";
            if (ReadRing(ring, ringName, problems) is { } linear)
            {
                read.Add(linear);
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return GridGeometry.Factory.CreatePolygon(read[0], [.. read.Skip(1)]);
    }

    private static LinearRing? ReadRing(JsonElement ring, string ringName, List<string> problems)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{ringName}坐标格式不对：应是点的数组。");
            return null;
        }

        var points = new List<Coordinate>();
        var i = 0;
        foreach (var position in ring.EnumerateArray())
        {
            i++;
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                problems.Add($"{ringName}第 {i} 个点格式不对：应是 [经度, 纬度]。");
                return null;
            }

            var lng = position[0].GetDouble();
            var lat = position[1].GetDouble();
            if (!double.IsFinite(lng) || !double.IsFinite(lat) || lng is < -180 or > 180 || lat is < -90 or > 90)
            {
                problems.Add($"{ringName}第 {i} 个点坐标超出范围：[{Number(lng)}, {Number(lat)}]（经度须在 -180～180，纬度须在 -90～90；注意顺序是先经度后纬度）。");
                return null;
            }

            points.Add(new Coordinate(lng, lat));
        }

        if (points.Count < 4)
        {
            problems.Add($"{ringName}点数太少：只有 {points.Count} 个点，闭合的环至少需要 4 个点（首尾相同）。");
            return null;
        }

        if (!points[0].Equals2D(points[^1]))
        {
            problems.Add($"{ringName}未闭合：第一个点 {Format(points[0])} 与最后一个点 {Format(points[^1])} 不同。");
            return null;
        }

        return GridGeometry.Factory.CreateLinearRing([.. points]);
    }

    private static void CheckDuplicatesInFile(List<Parsed> parsed, List<Error> errors)
    {
        foreach (var group in parsed.Where(p => p.Name is not null && p.CommunityId is not null).GroupBy(p => (p.CommunityId, p.Name)).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
            {
                errors.Add(new Error(dup.Feature, dup.Name, $"与第 {first.Feature} 个要素同名：同一村社区（{dup.CommunityName}）内的网格名称不能重复。"));
            }
        }

        foreach (var group in parsed.Where(p => p.Code.Length > 0).GroupBy(p => p.Code).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
            {
                errors.Add(new Error(dup.Feature, dup.Name, $"网格编号「{dup.Code}」与第 {first.Feature} 个要素重复。"));
            }
        }
    }

    /// <summary>
    /// Which existing grid each feature replaces: the one with the same code, else the one with the same name in the
    /// same community. Reports the ambiguous cases that would otherwise break the one-name-per-community rule.
    /// </summary>
    private static Dictionary<int, ExistingGrid> MatchExisting(List<Parsed> parsed, IReadOnlyCollection<ExistingGrid> existing, List<Error> errors)
    {
        var byCode = existing.Where(g => g.Code.Length > 0).GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First());
        var byName = existing.GroupBy(g => (g.CommunityId, g.Name)).ToDictionary(g => g.Key, g => g.First());
        var matches = new Dictionary<int, ExistingGrid>();
        // A code identifies a grid on its own, even when the feature has other errors (so those errors are not
        // drowned in "overlaps the grid it replaces" noise); a name only within its community.
        foreach (var p in parsed)
        {
            var codeMatch = p.Code.Length > 0 ? byCode.GetValueOrDefault(p.Code) : null;
            var nameMatch = p.Name is not null && p.CommunityId is { } communityId ? byName.GetValueOrDefault((communityId, p.Name)) : null;
            if (codeMatch is not null && nameMatch is not null && codeMatch.Id != nameMatch.Id)
            {
                errors.Add(new Error(p.Feature, p.Name,
                    $"编号「{p.Code}」属于已有网格「{Label(codeMatch)}」，而名称与另一个已有网格「{Label(nameMatch)}」相同：无法确定要更新哪一个。"));
                continue;
            }

            if ((codeMatch ?? nameMatch) is { } match)
            {
                matches[p.Feature] = match;
            }
        }

        foreach (var group in matches.GroupBy(m => m.Value.Id).Where(g => g.Count() > 1))
        {
            var features = group.Select(g => g.Key).Order().ToList();
            foreach (var f in features.Skip(1))
            {
                var p = parsed.First(x => x.Feature == f);
                errors.Add(new Error(f, p.Name, $"与第 {features[0]} 个要素对应同一个已有网格「{Label(group.First().Value)}」。"));
            }
        }

        return matches;
    }

    private static void CheckOverlaps(List<Parsed> parsed, IReadOnlyCollection<ExistingGrid> existing, Dictionary<int, ExistingGrid> matches, List<Error> errors)
    {
        var candidates = parsed.Where(p => p.Geometry is not null).ToList();
        var replaced = matches.Values.Select(g => g.Id).ToHashSet();
        var others = existing.Where(g => g.Boundary is not null && !replaced.Contains(g.Id)).ToList();

        var index = new STRtree<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            index.Insert(candidates[i].Geometry!.EnvelopeInternal, i);
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var a = candidates[i];
            var prepared = PreparedGeometryFactory.Prepare(a.Geometry!);
            foreach (var j in index.Query(a.Geometry!.EnvelopeInternal).Where(j => j > i).Order())
            {
                var b = candidates[j];
                if (OverlapSquareMetres(prepared, a.Geometry!, b.Geometry!) is { } area)
                {
                    errors.Add(new Error(a.Feature, a.Name, $"与第 {b.Feature} 个要素「{b.Name}」重叠约 {Area(area)}。"));
                    errors.Add(new Error(b.Feature, b.Name, $"与第 {a.Feature} 个要素「{a.Name}」重叠约 {Area(area)}。"));
                }
            }

            foreach (var grid in others.Where(g => g.Boundary!.EnvelopeInternal.Intersects(a.Geometry!.EnvelopeInternal)))
            {
                if (OverlapSquareMetres(prepared, a.Geometry!, grid.Boundary!) is { } area)
                {
                    errors.Add(new Error(a.Feature, a.Name, $"与已有网格「{Label(grid)}」重叠约 {Area(area)}（该网格不在本次导入中，不会被替换）。"));
                }
            }
        }
    }

    private static double? OverlapSquareMetres(IPreparedGeometry prepared, Geometry a, Geometry b)
    {
        if (!prepared.Intersects(b))
        {
            return null;
        }

        var intersection = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);
        var area = GridGeometry.SquareMetres(intersection);
        return area > OverlapToleranceSquareMetres ? area : null;
    }

    private static string Label(ExistingGrid g) => $"{g.CommunityName} · {g.Name}";

    private static string Area(double squareMetres) => squareMetres >= 10_000
        ? $"{(squareMetres / 1_000_000d).ToString("0.####", CultureInfo.InvariantCulture)} 平方公里"
        : $"{Math.Round(squareMetres).ToString(CultureInfo.InvariantCulture)} 平方米";

    private static string Describe(TopologyValidationErrors type) => type switch
    {
        TopologyValidationErrors.SelfIntersection => "边界自相交（边线交叉）",
        TopologyValidationErrors.RingSelfIntersection => "环自相交（边线交叉或打结）",
        TopologyValidationErrors.HoleOutsideShell => "内环（洞）位于外环之外",
        TopologyValidationErrors.NestedHoles => "内环（洞）相互嵌套",
        TopologyValidationErrors.DisconnectedInteriors => "内环把多边形分割成了互不相连的部分",
        TopologyValidationErrors.NestedShells => "多多边形中的多边形相互嵌套或重叠",
        TopologyValidationErrors.DuplicateRings => "存在重复的环",
        TopologyValidationErrors.TooFewPoints => "点数太少，无法构成多边形",
        TopologyValidationErrors.InvalidCoordinate => "存在无效坐标",
        TopologyValidationErrors.RingNotClosed => "环未闭合",
        _ => "几何拓扑错误",
    };

    private static string Format(Coordinate? c) =>
        c is null ? "（未知）" : $"[{Number(c.X)}, {Number(c.Y)}]";

    private static string Number(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? GetString(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A string property, or a number written as text (codes are often numeric in GIS exports).</summary>
    private static string? GetText(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
