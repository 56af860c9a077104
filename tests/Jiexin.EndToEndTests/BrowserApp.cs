using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>
/// The app on a real Kestrel port with a fresh SQLite data folder and the demo subdistrict, and a headless
/// Debian Chromium driven by Playwright (its own driver; no browser download).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DemoPassword = "Jiexin-E2E-2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "jiexin-e2e", Guid.NewGuid().ToString("N"));
    private AppFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public static string? ChromiumPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("JIEXIN_TEST_CHROMIUM");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return File.Exists(configured) ? configured : null;
            }

            return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
        }
    }

    public string? SkipReason => ChromiumPath is null
        ? "Chromium not found: set JIEXIN_TEST_CHROMIUM or install Debian's chromium (bash .ci/run does)."
        : null;

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _factory = new AppFactory(_dataDir);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a desktop-sized window, or a skip when Chromium is absent.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US", // the product must speak Chinese even to a browser that asks for English
        });
        // CI machines run this beside builds and database tests: give slow steps room instead of failing on load.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the real login page.</summary>
    /// <remarks>
    /// Once in a full CI run the first login of a fresh app, started beside 800 database tests, stayed on the login page
    /// for a minute (the page had loaded; no error was shown). A second submit is harmless, so the form is submitted
    /// again once if the first does not leave the page within 30 s; a wrong password still fails the test.
    /// </remarks>
    public static async Task LoginAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#userName").FillAsync(userName);
            await page.Locator("#password").FillAsync(password);
            await page.Locator("button[type='submit']").ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal),
                    new() { Timeout = attempt == 1 ? 30_000 : 60_000 });
                return;
            }
            catch (TimeoutException) when (attempt == 1 && page.Url.Contains("/account/login", StringComparison.Ordinal))
            {
                // fall through: submit once more
            }
        }
    }

    /// <summary>
    /// Console pages are prerendered and then connect a circuit; until the layout marks itself interactive,
    /// clicks land on dead HTML. Waiting for the mark replaces guessing with sleeps.
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-jx-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    /// <summary>Opens an Ant Design select and picks the option showing <paramref name="optionText"/>.</summary>
    /// <remarks>
    /// A re-render arriving just after the click can close the dropdown again (slow CI machines do this), so
    /// the dropdown is reopened until the option is actually clickable.
    /// </remarks>
    public static async Task ChooseAsync(IPage page, ILocator select, string optionText)
    {
        var openDropdown = page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (!await openDropdown.IsVisibleAsync())
            {
                await select.ClickAsync();
            }

            try
            {
                var option = openDropdown.Locator(".ant-select-item-option", new() { HasText = optionText }).First;
                await option.ClickAsync(new() { Timeout = 3000 });
                await Assertions.Expect(select).ToContainTextAsync(optionText, new() { Timeout = 3000 });
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                // the dropdown closed under us: open it again
            }
        }

        Assert.Fail($"could not choose '{optionText}'");
    }

    /// <summary>Types a value into an Ant Design date picker and commits it, checking the input kept it.</summary>
    /// <remarks>
    /// Clicking the input opens the panel through a server round trip; if the text is typed before that
    /// render arrives, the render puts the old value back. So: open, wait for the panel, type, commit, verify.
    /// </remarks>
    public static async Task FillDateAsync(IPage page, ILocator input, string value)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                await input.ClickAsync();
                await page.Locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)").First
                    .WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3000 });
                await input.FillAsync(value);
                await input.PressAsync("Enter");
                await Assertions.Expect(input).ToHaveValueAsync(value, new() { Timeout = 3000 });
                await page.Locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)")
                    .WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 3000 });
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                await input.PressAsync("Escape");
            }
        }

        Assert.Fail($"the date picker never kept '{value}'");
    }

    /// <summary>Fills a text field and leaves it, until the field keeps the text.</summary>
    /// <remarks>
    /// A render that arrives after the fill but before the field's change event reached the circuit puts the old
    /// (empty) value back, and the form is then submitted without it (seen once in CI on the agreement terms).
    /// </remarks>
    public static async Task FillAndKeepAsync(ILocator input, string value)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await input.FillAsync(value);
            await input.BlurAsync();
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(value, new() { Timeout = 1000 });
                return;
            }
            catch (PlaywrightException)
            {
                // a late render emptied it: fill again
            }
        }

        Assert.Fail($"the field never kept '{value}'");
    }

    /// <summary>A bearer token for a demo account, for setting up a test's data through the API.</summary>
    public static async Task<string> TokenAsync(IAPIRequestContext api, string user)
    {
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = user, password = DemoPassword } });
        Assert.True(login.Ok, await login.TextAsync());
        return (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Calls the API as <paramref name="token"/>'s account; asserts success (or <paramref name="expected"/>) and returns the JSON body.</summary>
    public static async Task<System.Text.Json.JsonElement> CallAsync(IAPIRequestContext api, string token, string method, string url, object? body = null, int expected = 0)
    {
        var response = await api.FetchAsync(url, new APIRequestContextOptions
        {
            Method = method,
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            DataObject = body,
        });
        var text = await response.TextAsync();
        Assert.True(expected == 0 ? response.Ok : response.Status == expected, $"{method} {url}: {response.Status} {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Clicks until <paramref name="appears"/> shows (the first click may land before the circuit is live).</summary>
    public static async Task ClickUntilAsync(ILocator target, ILocator appears)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (await appears.IsVisibleAsync())
            {
                return;
            }

            try
            {
                await target.ClickAsync(new() { Timeout = 2000 });
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 1500 });
                return;
            }
            catch (TimeoutException)
            {
                // not interactive yet, or still animating in: look again
            }
        }

        Assert.Fail("the page never reacted to the click");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Missing, or a file still held open: left for the OS temp cleaner.
        }
    }

    private sealed class AppFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the packages' static web assets (Ant Design, ECharts) are only served when asked for.
            builder.UseStaticWebAssets();
            builder.UseSetting("Jiexin:Database", "Sqlite");
            builder.UseSetting("Jiexin:DataDir", dataDir);
            builder.UseSetting("Jiexin:SeedDemo", "true");
            builder.UseSetting("Jiexin:SeedDemoEvents", "false"); // the tests count the events they make
            builder.UseSetting("Jiexin:DemoPassword", DemoPassword);
            builder.UseSetting("Jiexin:RateLimiting:Enabled", "false");
        }
    }
}
