using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Accounts.Login;

public abstract class ApiLoginTests(JiexinApp app)
{
    [Fact]
    public async Task Login_WithDemoPassword_ReturnsBearerToken_ThatOpensTheApi()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "commander", password = JiexinApp.DemoPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("accessToken").GetString()));
    }

    [Theory]
    [InlineData("commander", "wrong-password")]
    [InlineData("nobody-here", JiexinApp.DemoPassword)]
    public async Task Login_WithWrongUserOrPassword_GivesOneGenericProblem(string userName, string password)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("用户名或密码错误。", json.RootElement.GetProperty("detail").GetString());
    }
}

public sealed class ApiLoginTests_Sqlite(SqliteApp app) : ApiLoginTests(app), IClassFixture<SqliteApp>;

public sealed class ApiLoginTests_Postgres(PostgresApp app) : ApiLoginTests(app), IClassFixture<PostgresApp>;
