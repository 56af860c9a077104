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
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the real login page.</summary>
    public static async Task LoginAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
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
            builder.UseSetting("Jiexin:DemoPassword", DemoPassword);
            builder.UseSetting("Jiexin:RateLimiting:Enabled", "false");
        }
    }
}
