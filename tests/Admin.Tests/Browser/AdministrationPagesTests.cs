using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

/// <summary>The admin's users and audit-log pages in the browser, and where the diagram library is loaded.</summary>
public sealed class AdministrationPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [SkippableFact]
    public async Task The_admin_searches_the_users_as_they_type_and_reads_the_audit_log_in_Indonesian_and_neither_page_loads_the_diagram_library()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password, Desktop);
        var scripts = new List<string>();
        page.Request += (_, request) => scripts.Add(request.Url);
        var errors = new List<string>();
        // Typing replaces the request in flight (hx-sync "this:replace"): htmx reports the aborted one on the console, which is no fault.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("htmx:sendAbort", StringComparison.Ordinal) && !message.Text.StartsWith("htmx:afterRequest", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };

        await page.GetByRole(AriaRole.Link, new() { Name = "Administrasi" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/pengguna", StringComparison.Ordinal));
        Assert.Equal("page", await page.Locator("#main-nav a[href='/pengguna']").GetAttributeAsync("aria-current"));
        var before = await page.Locator("#users tbody tr").CountAsync();
        await page.GetByLabel("Cari nama atau nama pengguna").PressSequentiallyAsync("pendamping");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=pendamping"));
        await Assertions.Expect(page.Locator("#users tbody tr").First).ToContainTextAsync("pendamping");
        var rows = await page.Locator("#users tbody tr").AllInnerTextsAsync();
        Assert.True(rows.Count < before, $"{rows.Count} of {before} rows after the search");
        Assert.All(rows, r => Assert.Contains("Pendamping/TKSK", r, StringComparison.Ordinal));
        await page.GetByLabel("Cari nama atau nama pengguna").FillAsync("zzz-tidak-ada");
        await Assertions.Expect(page.Locator("#empty")).ToHaveTextAsync("Tidak ada pengguna yang cocok dengan saringan ini.");

        await page.Locator("#admin-nav").GetByRole(AriaRole.Link, new() { Name = "Log audit" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/audit", StringComparison.Ordinal));
        Assert.Equal("page", await page.Locator("#main-nav a[href='/pengguna']").GetAttributeAsync("aria-current"));
        Assert.Equal("Log audit", await page.Locator("#admin-nav a[aria-current=page]").InnerTextAsync());
        // The details are the stored record (JSON with its English keys), shown as code like the definitions' names.
        var text = await page.EvaluateAsync<string>("() => { const m = document.querySelector('main').cloneNode(true); m.querySelectorAll('code').forEach(c => c.remove()); return m.textContent; }");
        Assert.Empty(Sejahtera.Admin.Tests.Browser.EveryPageInIndonesianTests.Found(text));
        Assert.DoesNotContain("indicators.", text, StringComparison.Ordinal);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the audit page is {widths[0]} px wide in a {widths[1]} px window");

        await page.GotoAsync("/usulan");
        Assert.DoesNotContain(scripts, url => url.Contains("/lib/mermaid/", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("script[src*='mermaid']").CountAsync());
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Only_the_workflow_diagram_page_loads_the_diagram_library_and_it_loads_deferred()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password, Desktop);
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        foreach (var path in new[] { "/", "/alur", "/penyaringan", "/pencairan", "/pengguna", "/audit" })
        {
            await page.GotoAsync(path);
            Assert.Equal(0, await page.Locator("script[src*='/lib/mermaid/']").CountAsync());
        }

        Assert.DoesNotContain(requested, url => url.Contains("/lib/mermaid/", StringComparison.Ordinal));

        await page.GotoAsync("/alur");
        var diagram = await page.Locator("main td a[href^='/alur/']").First.GetAttributeAsync("href");
        await page.GotoAsync(diagram!);
        var script = page.Locator("script[src*='/lib/mermaid/']");
        Assert.Equal(1, await script.CountAsync());
        Assert.True(await script.EvaluateAsync<bool>("s => s.defer && !s.async"), "the diagram library is deferred");
        Assert.Equal(1, await page.Locator("head script[src*='/lib/mermaid/'], body > script[src*='/lib/mermaid/']").CountAsync());
        Assert.Contains(requested, url => url.Contains("/lib/mermaid/", StringComparison.Ordinal));
    }
}
