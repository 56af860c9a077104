using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Platform;

/// <summary>The resident pages stay light and script-free for cheap phones on slow networks (UX.md).</summary>
public sealed class ResidentShellTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Resident_home_is_static_small_and_Chinese()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/m", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.Contains("我要反映", html);
        Assert.Contains("我的反映", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ant-design", html, StringComparison.OrdinalIgnoreCase);

        var css = await client.GetByteArrayAsync("/mobile.css", TestContext.Current.CancellationToken);
        Assert.True(html.Length + css.Length < 100_000, $"first page weighs {html.Length + css.Length} bytes");
    }
}
