using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Platform.Auth;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/territory/grids?page=2", true)]
    [InlineData("~/admin", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("~//evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("admin", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocal_AcceptsOnlyPathsOnThisSite(string? url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));

    [Fact]
    public void OrDefault_FallsBackForForeignUrls()
    {
        Assert.Equal("/x", LocalUrl.OrDefault("/x"));
        Assert.Equal("/admin", LocalUrl.OrDefault("~/admin"));
        Assert.Equal("/m", LocalUrl.OrDefault("https://evil.example", "/m"));
    }

    [Theory]
    [InlineData("Grid:00000000-0000-0000-0000-000000000111", true)]
    [InlineData("community:00000000-0000-0000-0000-000000000011", true)]
    [InlineData("Planet:00000000-0000-0000-0000-000000000011", false)]
    [InlineData("Grid:not-a-guid", false)]
    [InlineData("Grid", false)]
    [InlineData(null, false)]
    public void OrgUnitRef_ParsesItsOwnTextForm(string? text, bool ok)
    {
        Assert.Equal(ok, OrgUnitRef.TryParse(text, out var unit));
        if (ok)
        {
            Assert.Equal(unit, OrgUnitRef.TryParse(unit.ToString(), out var again) ? again : default);
        }
    }

    [Fact]
    public void OrgUnitRef_RoundTrips()
    {
        var unit = new OrgUnitRef(OrgUnitKind.Department, Guid.NewGuid());
        Assert.True(OrgUnitRef.TryParse(unit.ToString(), out var parsed));
        Assert.Equal(unit, parsed);
    }
}
