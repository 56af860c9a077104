using System.Text.RegularExpressions;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;

namespace Jiexin.IntegrationTests.Modules.Events.ListEvents;

/// <summary>
/// The console home page's work cards count what the queue would show the person signed in: the commander the whole
/// street, a grid worker their own grid. Other tests of the class report events too, so counts are compared before
/// and after.
/// </summary>
public abstract partial class HomeWorkTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    private async Task<Dictionary<string, int>> CardsAsync(PageSession session)
    {
        var html = await session.GetHtmlAsync("/");
        return Card().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cards_count_the_new_reports_in_the_viewers_scope_and_link_to_the_filtered_queue()
    {
        using var commanderPage = new PageSession(app);
        await commanderPage.LoginAsync("commander", JiexinApp.DemoPassword);
        using var gridPage = new PageSession(app);
        await gridPage.LoginAsync("grid01", JiexinApp.DemoPassword);
        var commanderBefore = await CardsAsync(commanderPage);
        var gridBefore = await CardsAsync(gridPage);
        Assert.Equal(["handled", "overdue", "reported", "returned", "today"], commanderBefore.Keys.Order(StringComparer.Ordinal));

        using var commander = await app.ClientAsAsync("commander");
        await _kit.ReportAsync(commander, "首页计数：井盖缺失", await _kit.PointInGridAsync("XC-02")); // not grid01's grid
        await _kit.ReportAsync(commander, "首页计数：路面塌陷", await _kit.PointInGridAsync("XC-01")); // grid01's

        var commanderAfter = await CardsAsync(commanderPage);
        var gridAfter = await CardsAsync(gridPage);
        Assert.Equal(commanderBefore["reported"] + 2, commanderAfter["reported"]);
        Assert.Equal(commanderBefore["today"] + 2, commanderAfter["today"]);
        Assert.Equal(gridBefore["reported"] + 1, gridAfter["reported"]);
        Assert.Equal(gridBefore["today"] + 1, gridAfter["today"]);
        Assert.Equal(commanderBefore["handled"], commanderAfter["handled"]);

        var html = await commanderPage.GetHtmlAsync("/");
        Assert.Contains("href=\"/events?status=Reported\"", html);
        Assert.Contains("href=\"/events?overdue=true\"", html);
    }

    /// <summary>A card: its test id (work-NAME), then the statistic's integer value.</summary>
    [GeneratedRegex(@"data-testid=""work-(?<name>[a-z]+)"".*?ant-statistic-content-value-int[^>]*>\s*(?<value>\d+)\s*<", RegexOptions.Singleline)]
    private static partial Regex Card();
}

public sealed class HomeWorkTests_Sqlite(SqliteApp app) : HomeWorkTests(app), IClassFixture<SqliteApp>;

public sealed class HomeWorkTests_Postgres(PostgresApp app) : HomeWorkTests(app), IClassFixture<PostgresApp>;
