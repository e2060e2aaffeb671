using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Startup;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Tests.Browser;

/// <summary>
/// Every demo account walks every page it can reach from its start page (one page per kind: /usulan/12 and
/// /usulan/15 are the same page), and no page may show an English workflow word — the state and trigger
/// names of the shipped definitions, <c>paid</c>, <c>queued</c>, <c>running</c>, <c>done</c>, <c>all</c> — nor log a
/// console error. Identifiers written as code (<c>code</c>, <c>pre</c>: the definition's names on the workflow
/// page, the Mermaid text, the JSON being edited in a <c>textarea</c>) are for definition authors and not read.
/// </summary>
public sealed partial class EveryPageInIndonesianTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Pages a user does not read: downloads, the sign-out form's target, the jobs dashboard (a third-party page).</summary>
    private static readonly string[] NotPages = ["/api/", "/keluar", "/hangfire", "/favicon", "/css/", "/js/", "/lib/"];

    private const int PagesPerAccount = 60;

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

    public static IEnumerable<object[]> Accounts() => StartupTasks.DemoUsers.Select(u => new object[] { u.UserName });

    [SkippableTheory]
    [MemberData(nameof(Accounts))]
    public async Task Every_page_an_account_reaches_is_in_Indonesian_and_logs_no_console_error(string userName)
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.SignInAsync(app.BaseAddress, userName, AppFixture.Password);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");

        var problems = new List<string>();
        var seenKinds = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        var visited = 0;
        while (queue.TryDequeue(out var path) && visited < PagesPerAccount)
        {
            if (!seenKinds.Add(Kind(path)))
            {
                continue;
            }

            visited++;
            var response = await page.GotoAsync(path);
            if (response is null || response.Status >= 400)
            {
                // A link to a page the account may not open is not a page of this account.
                continue;
            }

            var text = await page.EvaluateAsync<string>("""
                () => {
                    const copy = document.body.cloneNode(true);
                    copy.querySelectorAll('code, pre, textarea, script, style').forEach(e => e.remove());
                    return copy.textContent;
                }
                """);
            if (Found(text) is { Count: > 0 } english)
            {
                problems.Add($"{path}: {string.Join(", ", english)}");
            }

            var links = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
            foreach (var link in links.Where(l => l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                var target = link.Split('#')[0];
                if (!NotPages.Any(n => target.StartsWith(n, StringComparison.Ordinal)) && !seenKinds.Contains(Kind(target)))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.True(visited >= 3, $"{userName} reached only {visited} pages");
        Assert.True(problems.Count == 0, $"English workflow words shown to {userName}:\n" + string.Join("\n", problems));
        Assert.True(errors.Count == 0, $"Console errors for {userName}:\n" + string.Join("\n", errors));
    }

    /// <summary>The kind of a page: its path with numbers as {n} and without the query (one household page stands for all).</summary>
    private static string Kind(string path) => NumberPattern().Replace(path.Split('?')[0], "{n}");

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=/)[0-9][0-9.]*(?=/|$)")]
    private static partial Regex NumberPattern();
}
