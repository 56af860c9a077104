using System.Globalization;
using Jiexin.Modules.Territory.Grids;
using Jiexin.Modules.Territory.ImportGrids;
using NetTopologySuite.Geometries;
using static Jiexin.Modules.Territory.ImportGrids.GridImportValidator;

namespace Jiexin.UnitTests.Modules.Territory.ImportGrids;

/// <summary>The GeoJSON grid validator on hand-made features: every problem found, named and explained.</summary>
public sealed class GridImportValidatorTests
{
    private static readonly CommunityRef Xincheng = new(Guid.NewGuid(), "新塍社区");
    private static readonly CommunityRef Hubin = new(Guid.NewGuid(), "湖滨村");
    private static readonly CommunityRef[] Communities = [Xincheng, Hubin];

    private const double Lng = 120.10;
    private const double Lat = 31.60;

    [Fact]
    public void Validate_ValidPolygonAndMultiPolygon_PassesWithResolvedCommunities()
    {
        var json = Collection(
            Feature("""{"name":" 一网格 ","code":"G01","community":"新塍社区"}""", Polygon(Square(Lng, Lat, 0.01))),
            Feature($$"""{"name":"二网格","code":7,"communityId":"{{Hubin.Id}}"}""",
                MultiPolygon(Square(Lng + 0.01, Lat, 0.01), Square(Lng + 0.03, Lat, 0.01))));

        var result = Validate(json, Communities, []);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(("一网格", "G01", Xincheng.Id), (result.Grids[0].Name, result.Grids[0].Code, result.Grids[0].CommunityId));
        Assert.Equal(("7", Hubin.Id), (result.Grids[1].Code, result.Grids[1].CommunityId));
        Assert.IsType<MultiPolygon>(result.Grids[1].Boundary);
        Assert.All(result.Grids, g => Assert.Null(g.ReplacesGridId));
    }

    [Fact]
    public void Validate_BowTie_ReportsSelfIntersectionWithItsLocation()
    {
        var bowtie = $"[[{Lng},{Lat}],[{Lng + 0.01},{Lat + 0.01}],[{Lng + 0.01},{Lat}],[{Lng},{Lat + 0.01}],[{Lng},{Lat}]]";
        var json = Collection(Feature("""{"name":"蝴蝶结","community":"新塍社区"}""", Polygon(bowtie)));

        var error = Assert.Single(Validate(json, Communities, []).Errors);

        Assert.Equal((1, "蝴蝶结"), (error.Feature, error.Name));
        Assert.Contains("自相交", error.Message);
        Assert.Contains("[120.105, 31.605]", error.Message);
    }

    [Theory]
    [InlineData("[[120.1,31.6],[120.11,31.6],[120.11,31.61],[120.1,31.61]]", "未闭合")]
    [InlineData("[[120.1,31.6],[120.11,31.6],[120.1,31.6]]", "点数太少")]
    [InlineData("[[120.1,31.6],[120.11,31.6],[120.11,95],[120.1,31.6]]", "超出范围")]
    [InlineData("[[31.6,120.1],[31.61,120.1],[31.61,120.11],[31.6,120.1]]", "先经度后纬度")]
    [InlineData("[[120.1,31.6],[120.11,\"31.6\"],[120.11,31.61],[120.1,31.6]]", "格式不对")]
    public void Validate_BadRing_SaysWhatIsWrong(string ring, string expected)
    {
        var json = Collection(Feature("""{"name":"坏环","community":"新塍社区"}""", Polygon(ring)));

        var error = Assert.Single(Validate(json, Communities, []).Errors);

        Assert.Equal(1, error.Feature);
        Assert.Contains("外环", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Validate_WrongOrMissingGeometry_IsReported()
    {
        var json = Collection(
            Feature("""{"name":"点","community":"新塍社区"}""", """{"type":"Point","coordinates":[120.1,31.6]}"""),
            Feature("""{"name":"无几何","community":"新塍社区"}""", "null"));

        var errors = Validate(json, Communities, []).Errors;

        Assert.Contains(errors, e => e.Feature == 1 && e.Message.Contains("「Point」不支持"));
        Assert.Contains(errors, e => e.Feature == 2 && e.Message.Contains("缺少几何图形"));
    }

    [Fact]
    public void Validate_MissingNameAndUnknownCommunity_AreBothReported_ForEveryFeature()
    {
        var json = Collection(
            Feature("""{"community":"新塍社区"}""", Polygon(Square(Lng, Lat, 0.01))),
            Feature("""{"name":"孤儿网格","community":"火星社区"}""", Polygon(Square(Lng + 0.01, Lat, 0.01))),
            Feature("""{"name":"无社区"}""", Polygon(Square(Lng + 0.02, Lat, 0.01))),
            Feature($$"""{"name":"错标识","communityId":"{{Guid.NewGuid()}}"}""", Polygon(Square(Lng + 0.03, Lat, 0.01))));

        var errors = Validate(json, Communities, []).Errors;

        Assert.Equal([1, 2, 3, 4], errors.Select(e => e.Feature ?? 0).ToArray());
        Assert.Contains("缺少网格名称", errors[0].Message);
        Assert.Contains("村社区「火星社区」不存在", errors[1].Message);
        Assert.Contains("缺少所属村社区", errors[2].Message);
        Assert.Contains("村社区不存在", errors[3].Message);
    }

    [Fact]
    public void Validate_DuplicateNameInOneCommunity_IsAnError_ButTheSameNameInAnotherCommunityIsNot()
    {
        var json = Collection(
            Feature("""{"name":"第1网格","community":"新塍社区"}""", Polygon(Square(Lng, Lat, 0.01))),
            Feature("""{"name":"第1网格","community":"湖滨村"}""", Polygon(Square(Lng + 0.01, Lat, 0.01))),
            Feature("""{"name":"第1网格","community":"新塍社区"}""", Polygon(Square(Lng + 0.02, Lat, 0.01))));

        var error = Assert.Single(Validate(json, Communities, []).Errors);

        Assert.Equal(3, error.Feature);
        Assert.Contains("与第 1 个要素同名", error.Message);
    }

    [Fact]
    public void Validate_OverlappingFeatures_NamesBoth_WhileTouchingFeaturesAreFine()
    {
        var json = Collection(
            Feature("""{"name":"甲","community":"新塍社区"}""", Polygon(Square(Lng, Lat, 0.01))),
            Feature("""{"name":"乙","community":"新塍社区"}""", Polygon(Square(Lng + 0.01, Lat, 0.01))), // shares an edge with 甲
            Feature("""{"name":"丙","community":"新塍社区"}""", Polygon(Square(Lng + 0.015, Lat + 0.005, 0.01)))); // overlaps 乙

        var errors = Validate(json, Communities, []).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Feature == 2 && e.Message.Contains("与第 3 个要素「丙」重叠"));
        Assert.Contains(errors, e => e.Feature == 3 && e.Message.Contains("与第 2 个要素「乙」重叠"));
    }

    [Fact]
    public void Validate_OverlapWithExistingGrid_IsAnError_UnlessTheImportReplacesIt()
    {
        var existing = new ExistingGrid(Guid.NewGuid(), Xincheng.Id, Xincheng.Name, "老网格", "OLD1", Read(Square(Lng, Lat, 0.01)));
        var overlapping = Polygon(Square(Lng + 0.005, Lat, 0.01));

        var blocked = Validate(Collection(Feature("""{"name":"新网格","code":"NEW1","community":"新塍社区"}""", overlapping)), Communities, [existing]);
        var replacing = Validate(Collection(Feature("""{"name":"改名网格","code":"OLD1","community":"湖滨村"}""", overlapping)), Communities, [existing]);
        var byName = Validate(Collection(Feature("""{"name":"老网格","community":"新塍社区"}""", overlapping)), Communities, [existing]);

        Assert.Contains("已有网格「新塍社区 · 老网格」重叠", Assert.Single(blocked.Errors).Message);
        Assert.True(replacing.IsValid);
        Assert.Equal(existing.Id, Assert.Single(replacing.Grids).ReplacesGridId);
        Assert.Equal(existing.Id, Assert.Single(byName.Grids).ReplacesGridId);
    }

    [Fact]
    public void Validate_CodeAndNamePointingAtTwoDifferentExistingGrids_IsAnError()
    {
        var a = new ExistingGrid(Guid.NewGuid(), Xincheng.Id, Xincheng.Name, "甲", "A", Read(Square(Lng, Lat, 0.01)));
        var b = new ExistingGrid(Guid.NewGuid(), Xincheng.Id, Xincheng.Name, "乙", "B", Read(Square(Lng + 0.01, Lat, 0.01)));

        var result = Validate(Collection(Feature("""{"name":"乙","code":"A","community":"新塍社区"}""", Polygon(Square(Lng + 0.05, Lat, 0.01)))), Communities, [a, b]);

        Assert.Contains("无法确定要更新哪一个", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("not json at all", "不是有效的 JSON")]
    [InlineData("""{"type":"Feature","geometry":null}""", "FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection"}""", "缺少 features")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "没有任何要素")]
    public void Validate_NotAFeatureCollection_GivesOneFileLevelError(string json, string expected)
    {
        var error = Assert.Single(Validate(json, Communities, []).Errors);

        Assert.Null(error.Feature);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SquareKilometres_OfAKnownSquare_IsRight()
    {
        // 0.01° × 0.01° at 31.6 N: 1106.6 m (latitude) × 948.3 m (longitude) ≈ 1.049 km².
        var area = GridGeometry.SquareKilometres(Read(Square(Lng, Lat, 0.01)));

        Assert.InRange(area, 1.04, 1.06);
    }

    private static Geometry Read(string ring) => GridGeometry.TryRead(Polygon(ring))!;

    private static string N(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Square(double lng, double lat, double size) =>
        $"[[{N(lng)},{N(lat)}],[{N(lng + size)},{N(lat)}],[{N(lng + size)},{N(lat + size)}],[{N(lng)},{N(lat + size)}],[{N(lng)},{N(lat)}]]";

    private static string Polygon(string outerRing) => $$"""{"type":"Polygon","coordinates":[{{outerRing}}]}""";

    private static string MultiPolygon(params string[] rings) =>
        $$"""{"type":"MultiPolygon","coordinates":[{{string.Join(",", rings.Select(r => $"[{r}]"))}}]}""";

    private static string Feature(string properties, string geometry) =>
        $$"""{"type":"Feature","properties":{{properties}},"geometry":{{geometry}}}""";

    private static string Collection(params string[] features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";
}
