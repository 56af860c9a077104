using System.Net;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Attribution.ListCategories;

/// <summary>GET /api/v1/attribution/categories: the taxonomy tree for anyone signed in.</summary>
public abstract class ListCategoriesTests(JiexinApp app)
{
    [Fact]
    public async Task Categories_ForAResident_AreTheTreeWithIconsAndNames()
    {
        using var client = await app.ClientAsAsync("resident01");

        var response = await client.GetAsync("/api/v1/attribution/categories", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        var groups = json.RootElement.EnumerateArray().ToList();
        Assert.InRange(groups.Count, 12, 16);
        Assert.All(groups, g =>
        {
            Assert.False(string.IsNullOrEmpty(g.GetProperty("icon").GetString()));
            Assert.NotEmpty(g.GetProperty("subcategories").EnumerateArray());
        });
        var municipal = groups.Single(g => g.GetProperty("code").GetString() == "02");
        Assert.Equal("市政设施", municipal.GetProperty("name").GetString());
        var streetLight = municipal.GetProperty("subcategories").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "0201");
        Assert.Equal("路灯不亮", streetLight.GetProperty("name").GetString());
        Assert.Equal("Street light out", streetLight.GetProperty("englishName").GetString());
        Assert.Equal("其他", groups[^1].GetProperty("name").GetString());
        // Names and icons only: the phrases and routing stay with the staff.
        Assert.DoesNotContain("phrases", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("黑灯瞎火", body);
    }

    [Fact]
    public async Task Categories_WithoutToken_Is401()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/api/v1/attribution/categories", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class ListCategoriesTests_Sqlite(SqliteApp app) : ListCategoriesTests(app), IClassFixture<SqliteApp>;

public sealed class ListCategoriesTests_Postgres(PostgresApp app) : ListCategoriesTests(app), IClassFixture<PostgresApp>;
