using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiexin.IntegrationTests.Infrastructure;

/// <summary>
/// A second host of the app on the first one's database (migrated and seeded already: its start-up finds it so), for
/// tests of what two instances behind a load balancer share. Its own recurring jobs and outbox are off: a test runs
/// them by hand when it wants them.
/// </summary>
public sealed class SecondInstance(JiexinApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jiexin:SeedDemo", "true");
        builder.UseSetting("Jiexin:DemoPassword", JiexinApp.DemoPassword);
        builder.UseSetting("Jiexin:RateLimiting:Enabled", "false");
        builder.UseSetting("Jiexin:Jobs:Enabled", "false");
        builder.UseSetting("Jiexin:Outbox:Enabled", "false");
        switch (first)
        {
            case SqliteApp sqlite:
                builder.UseSetting("Jiexin:Database", "Sqlite");
                builder.UseSetting("Jiexin:DataDir", sqlite.DataDir);
                break;
            case PostgresApp postgres:
                builder.UseSetting("Jiexin:Database", "Postgres");
                builder.UseSetting("Jiexin:DataDir", Path.Combine(Path.GetTempPath(), "jiexin-tests", Guid.NewGuid().ToString("N")));
                builder.UseSetting("ConnectionStrings:Jiexin", postgres.ConnectionString);
                break;
        }
    }

    /// <summary>A client of this instance signed in as a demo account.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = JiexinApp.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
