using System.Net;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Platform;

/// <summary>Health, OpenAPI and API errors, on each provider.</summary>
public abstract class PlatformTests(JiexinApp app)
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_route_is_404_problem_json()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var client = app.Anonymous();
        var json = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("\"openapi\"", json);
    }
}

public sealed class PlatformTests_Sqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;

public sealed class PlatformTests_Postgres(PostgresApp app) : PlatformTests(app), IClassFixture<PostgresApp>;
