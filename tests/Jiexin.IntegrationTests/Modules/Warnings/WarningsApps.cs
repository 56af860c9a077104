using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Attribution;
using Jiexin.Modules.Warnings.Evaluate;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jiexin.IntegrationTests.Modules.Warnings;

/// <summary>The app on a fake clock (spikes need 28 days of history), 40 days ago at 10:00 China time, moved by the tests.</summary>
public interface IClockedApp
{
    FakeTimeProvider Clock { get; }
}

internal static class ClockedSetup
{
    public static FakeTimeProvider NewClock()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-40);
        return new FakeTimeProvider(new DateTimeOffset(start.Year, start.Month, start.Day, 2, 0, 0, TimeSpan.Zero));
    }

    public static void Use(IWebHostBuilder builder, FakeTimeProvider clock) =>
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
}

public sealed class WarningsSqliteApp : SqliteApp, IClockedApp
{
    public FakeTimeProvider Clock { get; } = ClockedSetup.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedSetup.Use(builder, Clock);
    }
}

public sealed class WarningsPostgresApp : PostgresApp, IClockedApp
{
    public FakeTimeProvider Clock { get; } = ClockedSetup.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedSetup.Use(builder, Clock);
    }
}

/// <summary>Reports, alerts and hotspots as the tests drive them over HTTP.</summary>
public sealed class WarningsApi(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private List<DemoGrid>? _grids;

    public FakeTimeProvider Clock => ((IClockedApp)app).Clock;

    /// <summary>A freshly signed-in client: tokens expire on the fake clock, so none is reused after it moves.</summary>
    public async Task<HttpClient> LoginAsync(string userName)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = JiexinApp.DemoPassword }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<List<DemoGrid>> GridsAsync()
    {
        if (_grids is null)
        {
            using var commander = await LoginAsync("commander");
            _grids = await DemoGrid.AllAsync(commander);
        }

        return _grids;
    }

    /// <summary>The last grid of each demo community, in order (tests spread reports over grids to keep places apart).</summary>
    public async Task<List<DemoGrid>> LastGridPerCommunityAsync() =>
        [.. (await GridsAsync()).GroupBy(g => g.CommunityId).Select(g => g.Last())];

    /// <summary>The community a demo account belongs to.</summary>
    public Task<Guid> CommunityOfAsync(string userName) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Jiexin.Data.JiexinDbContext>();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Jiexin.Data.JiexinUser>().Where(u => u.UserName == userName).Select(u => u.OrgUnitId!.Value), Ct);
        });

    /// <summary>
    /// The first grid of each demo community other than community01's, in order: each test takes its own index
    /// (spike 0 and 1, place 2, dispute 3, permissions 4, closing 5, overdue 6 and 7) so their places never mix.
    /// </summary>
    public async Task<List<DemoGrid>> PlacesAsync()
    {
        var mine = await CommunityOfAsync("community01");
        return [.. (await OneGridPerCommunityAsync()).Where(g => g.CommunityId != mine)];
    }

    /// <summary>
    /// Grids that are neither the first nor the last of their community (those are other tests' places), outside the spike
    /// test's two communities (<see cref="PlacesAsync"/> 0 and 1, whose daily counts it asserts): a test takes the first or the last.
    /// </summary>
    public async Task<List<DemoGrid>> MiddleGridsAsync()
    {
        var places = await PlacesAsync();
        return [.. (await GridsAsync()).GroupBy(g => g.CommunityId)
            .Where(g => g.Key != places[0].CommunityId && g.Key != places[1].CommunityId && g.Count() >= 3)
            .Select(g => g.ElementAt(1))];
    }

    /// <summary>The first grid of each of the demo communities, in order.</summary>
    public async Task<List<DemoGrid>> OneGridPerCommunityAsync() =>
        [.. (await GridsAsync()).GroupBy(g => g.CommunityId).Select(g => g.First())];

    /// <summary>Reports at the grid's inside point moved north by <paramref name="northMetres"/> (≈ 0.000009° a metre).</summary>
    public static async Task<Guid> ReportAsync(HttpClient client, string description, DemoGrid grid, double northMetres = 0, double eastMetres = 0, string? channel = "Phone")
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", new
        {
            description,
            latitude = grid.Inside.Y + northMetres / 111_320,
            longitude = grid.Inside.X + eastMetres / 111_320 / Math.Cos(grid.Inside.Y * Math.PI / 180),
            channel,
        }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Runs the job's handler as the job runner does (in its own scope).</summary>
    public Task<EvaluateWarnings.Result> EvaluateAsync() =>
        app.WithScopeAsync(sp => sp.GetRequiredService<EvaluateWarnings.Handler>().Handle(Ct));

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/warnings?pageSize=100{query}", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static IEnumerable<Guid> EventIds(JsonElement warning) =>
        warning.GetProperty("evidence").GetProperty("eventIds").EnumerateArray().Select(x => x.GetGuid());

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
