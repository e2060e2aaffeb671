using Microsoft.Playwright;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright. Skipped, saying so, where the browser is not installed
/// (scripts/test.sh installs it, so there nothing is skipped).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SEJAHTERA_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<BrowserSession> StartAsync()
    {
        Skip.IfNot(File.Exists(ChromiumPath), $"Browser test skipped: Chromium not found at {ChromiumPath} (scripts/test.sh installs it).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A phone held upright: 390 × 844 CSS pixels, touch, the mobile viewport rules.</summary>
    public static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 1,
    };

    /// <summary>A fresh browser context signed in through the sign-in page; <paramref name="device"/> sets its screen (a desktop when null).</summary>
    public async Task<IPage> SignInAsync(Uri baseAddress, string userName, string password, BrowserNewContextOptions? device = null)
    {
        var options = device ?? new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        options.Locale = "id-ID";
        var context = await Browser.NewContextAsync(options);
        // The whole suite runs in parallel on two cores: a save that hashes, screens and writes may take
        // longer than Playwright's default 30 s there, and a timeout is not what these tests check.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        // Signing in hashes a password; on a loaded two-core machine that may take longer than Playwright's default 30 s.
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { Timeout = 90_000 });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
