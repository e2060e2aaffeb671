using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Startup;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Tests.Browser;

/// <summary>
/// Every role (its first demo account) walks every page it can reach from its start page (one page per kind:
/// /usulan/12 and /usulan/15 are the same page), and no page may show an English workflow word — the state and
/// trigger names of the shipped definitions, <c>paid</c>, <c>queued</c>, <c>running</c>, <c>done</c>, <c>all</c> — nor
/// scroll sideways on a 390 px phone (the pendamping's pages, among them the task list and the visit form, also on a
/// 360 px one), nor log a console error. Identifiers written as code (<c>code</c>, <c>pre</c>:
/// the definition's names on the workflow page, the Mermaid text, the JSON being edited in a <c>textarea</c>) are
/// for definition authors and not read. The admin walks on a 1366 px desktop, where the header must stay one line,
/// and reads every page with different content (each workflow definition, each rule set, each home); every other
/// role walks on a phone and opens each Razor page once (one rule set stands for all), without the diagram library
/// the admin's walk already loaded. The roles walk side by side in one browser (a context each), against one host.
/// </summary>
public sealed partial class EveryPageInIndonesianTests(AppFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AppFixture>
{
    /// <summary>Pages a user does not read: downloads, the sign-out form's target, the jobs dashboard (a third-party page).</summary>
    private static readonly string[] NotPages = ["/api/", "/keluar", "/hangfire", "/favicon", "/css/", "/js/", "/lib/", "/img/"];

    private const int PagesPerAccount = 60;

    /// <summary>Roles walking at once: the host and the browser share two cores.</summary>
    private const int RolesAtOnce = 4;

    private const string DesktopAccount = "admin";

    /// <summary>The pendamping's pages are also read at <see cref="SmallPhoneWidth"/> px, the narrowest phones in use.</summary>
    private const string PendampingPrefix = "pendamping";

    private const int SmallPhoneWidth = 360;

    public static IReadOnlySet<string> EnglishWords { get; } = Words();

    private static HashSet<string> Words()
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "paid", "queued", "running", "done", "all" };
        foreach (var key in DefaultWorkflows.ShippedJson.Keys)
        {
            var definition = DefaultWorkflows.Shipped(key);
            words.UnionWith(definition.States.Select(s => s.Name));
            words.UnionWith(definition.Triggers);
        }

        return words;
    }

    [Fact]
    public void The_list_holds_the_state_and_trigger_names_of_every_shipped_definition()
    {
        Assert.Contains("desk-verification", EnglishWords);
        Assert.Contains("record-visit", EnglishWords);
        Assert.Contains("objection-window", EnglishWords);
        Assert.Contains("follow-up-visit", EnglishWords);
        Assert.Contains("queued", EnglishWords);
        Assert.Equal(["desk-verification", "paid"], Found("Tahap: desk-verification · status PAID · dibayar · kube-proposal"));
    }

    /// <summary>The English words in a text, each once, in the order they first appear (a word is letters, digits and '-').</summary>
    public static IReadOnlyList<string> Found(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(EnglishWords.Contains).Distinct().ToList();

    /// <summary>One account per role: accounts of the same role see the same kinds of page.</summary>
    public static IReadOnlyList<string> Accounts() => StartupTasks.DemoUsers.GroupBy(u => u.Role).Select(g => g.First().UserName).ToList();

    [SkippableFact]
    public async Task Every_page_every_role_reaches_is_in_Indonesian_fits_a_390_px_phone_and_logs_no_console_error()
    {
        await using var browser = await BrowserSession.StartAsync();
        using var gate = new SemaphoreSlim(RolesAtOnce);
        var walks = await Task.WhenAll(Accounts().Select(async userName =>
        {
            await gate.WaitAsync();
            try
            {
                return await WalkAsync(browser, userName);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var walk in walks)
        {
            output.WriteLine($"{walk.UserName}: {walk.Visited} pages in {walk.Time.TotalSeconds:0.0} s; slowest {string.Join(", ", walk.Slowest)}");
        }

        var problems = walks.SelectMany(w => w.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(walks, w => Assert.True(w.Visited >= 3, $"{w.UserName} reached only {w.Visited} pages"));
    }

    private sealed record Walk(string UserName, int Visited, IReadOnlyList<string> Problems, TimeSpan Time, IReadOnlyList<string> Slowest);

    private async Task<Walk> WalkAsync(BrowserSession browser, string userName)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var times = new List<(string Path, TimeSpan Time)>();
        var desktop = userName == DesktopAccount;
        var device = desktop ? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } } : BrowserSession.Phone;
        var page = await browser.SignInAsync(app.BaseAddress, userName, AppFixture.Password, device);
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue($"{userName}, console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"{userName}, script error on {page.Url}: {error}");

        if (!desktop)
        {
            // The diagram is drawn (and checked for console errors) in the admin's walk; here the page is read without it.
            await page.Context.RouteAsync("**/lib/mermaid/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = "" }));
        }

        string Kind(string path) => desktop ? PathKind(path) : PageKind(path);
        var seenKinds = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        var visited = 0;
        var smallChecks = 0;
        while (queue.TryDequeue(out var path) && visited < PagesPerAccount)
        {
            if (!seenKinds.Add(Kind(path)))
            {
                continue;
            }

            visited++;
            var started = clock.Elapsed;
            var response = await page.GotoAsync(path);
            times.Add((path, clock.Elapsed - started));
            if (response is null || response.Status >= 400)
            {
                // A link to a page the account may not open is not a page of this account.
                continue;
            }

            var json = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
                () => {
                    const copy = document.body.cloneNode(true);
                    copy.querySelectorAll('code, pre, textarea, script, style').forEach(e => e.remove());
                    const header = document.querySelector('body > header');
                    return {
                        text: copy.textContent,
                        scrollWidth: document.documentElement.scrollWidth,
                        width: Math.min(window.innerWidth, document.documentElement.clientWidth),
                        headerHeight: header ? header.getBoundingClientRect().height : 0,
                        links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
                    };
                }
                """);
            var look = new PageLook(json.GetProperty("text").GetString() ?? "", json.GetProperty("scrollWidth").GetDouble(), json.GetProperty("width").GetDouble(),
                json.GetProperty("headerHeight").GetDouble(), json.GetProperty("links").EnumerateArray().Select(l => l.GetString() ?? "").ToArray());
            if (Found(look.Text) is { Count: > 0 } english)
            {
                problems.Enqueue($"{userName}, English workflow words on {path}: {string.Join(", ", english)}");
            }

            if (look.ScrollWidth > look.Width)
            {
                problems.Enqueue($"{userName}, {path} scrolls sideways: {look.ScrollWidth} px wide in a {look.Width} px window");
            }

            if (userName.StartsWith(PendampingPrefix, StringComparison.Ordinal))
            {
                // The pendamping's pages (the task list, the visit form) are used one-handed on the smallest phones too.
                await page.SetViewportSizeAsync(SmallPhoneWidth, 740);
                var small = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, Math.min(window.innerWidth, document.documentElement.clientWidth)]");
                if (small[0] > small[1])
                {
                    problems.Enqueue($"{userName}, {path} scrolls sideways at {SmallPhoneWidth} px: {small[0]} px wide in a {small[1]} px window");
                }

                smallChecks++;
                await page.SetViewportSizeAsync(BrowserSession.Phone.ViewportSize!.Width, BrowserSession.Phone.ViewportSize!.Height);
            }

            if (desktop && look.HeaderHeight > 72)
            {
                problems.Enqueue($"{userName}, the header wraps at 1366 px on {path}: {look.HeaderHeight} px high");
            }

            foreach (var link in look.Links.Where(l => l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                var target = link.Split('#')[0];
                if (!NotPages.Any(n => target.StartsWith(n, StringComparison.Ordinal)) && !seenKinds.Contains(Kind(target)))
                {
                    queue.Enqueue(target);
                }
            }
        }

        await page.Context.CloseAsync();
        if (userName.StartsWith(PendampingPrefix, StringComparison.Ordinal) && smallChecks < 2)
        {
            problems.Enqueue($"{userName}: only {smallChecks} pages checked at {SmallPhoneWidth} px");
        }

        return new Walk(userName, visited, problems.ToList(), clock.Elapsed,
            times.OrderByDescending(t => t.Time).Take(4).Select(t => $"{t.Path} {t.Time.TotalSeconds:0.0} s").ToList());
    }

    private sealed record PageLook(string Text, double ScrollWidth, double Width, double HeaderHeight, string[] Links);

    /// <summary>The kind of a page by content: its path with numbers as {n} and without the query (one household page stands for all).</summary>
    private static string PathKind(string path) => NumberPattern().Replace(path.Split('?')[0], "{n}");

    /// <summary>The kind of a page by code: the route of the Razor page it opens (one rule set's page stands for all), else its path kind.</summary>
    private string PageKind(string path)
    {
        var bare = path.Split('?')[0];
        foreach (var (route, matcher) in PageRoutes.Value)
        {
            if (matcher.TryMatch(bare, new Microsoft.AspNetCore.Routing.RouteValueDictionary()))
            {
                return route;
            }
        }

        return PathKind(path);
    }

    /// <summary>The app's Razor page routes, those with fewer parameters first (so /usulan/baru is not taken for /usulan/{id}).</summary>
    private Lazy<IReadOnlyList<(string Route, Microsoft.AspNetCore.Routing.Template.TemplateMatcher Matcher)>> PageRoutes => pageRoutes ??= new(() =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .OrderBy(r => r.Count(c => c == '{'))
            .Select(r => (r, new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(r.TrimStart('/')), new Microsoft.AspNetCore.Routing.RouteValueDictionary())))
            .ToList());

    private Lazy<IReadOnlyList<(string Route, Microsoft.AspNetCore.Routing.Template.TemplateMatcher Matcher)>>? pageRoutes;

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=/)[0-9][0-9.]*(?=/|$)")]
    private static partial Regex NumberPattern();
}
