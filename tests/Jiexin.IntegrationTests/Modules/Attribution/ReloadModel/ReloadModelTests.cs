using System.Net;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.ReloadModel;

/// <summary>POST /api/v1/attribution/model/reload: the shipped model is loaded at start and can be swapped in again.</summary>
public abstract class ReloadModelTests(JiexinApp app)
{
    [Fact]
    public async Task Reload_AsAdmin_SwapsTheModelIn_WhileClassificationGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await app.ClientAsAsync("admin");
        var before = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<FirstLevelModelHost>().Current));
        Assert.NotNull(before); // loaded at start

        using var stop = new CancellationTokenSource();
        var classifying = Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested)
            {
                var result = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventAttributor>().AttributeAsync(new AttributionRequest("小区路灯坏了好几天"), ct));
                Assert.Equal("0201", result.Top.Code);
                calls++;
            }

            return calls;
        }, ct);

        var response = await admin.PostAsync("/api/v1/attribution/model/reload", null, ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        await stop.CancelAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("reloaded").GetBoolean());
        Assert.Equal(before.Name, body.GetProperty("model").GetString());
        var after = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<FirstLevelModelHost>().Current));
        Assert.NotSame(before, after); // a fresh instance from the file
        Assert.True(await classifying > 0);
    }

    [Fact]
    public async Task Reload_AsCommander_IsForbidden()
    {
        using var commander = await app.ClientAsAsync("commander");

        var response = await commander.PostAsync("/api/v1/attribution/model/reload", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class ReloadModelTests_Sqlite(SqliteApp app) : ReloadModelTests(app), IClassFixture<SqliteApp>;

public sealed class ReloadModelTests_Postgres(PostgresApp app) : ReloadModelTests(app), IClassFixture<PostgresApp>;
