using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Security;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;

namespace Sejahtera.Admin.Tests;

/// <summary>Who may run a draft's tests and dry run from the editor, and how many at once.</summary>
public sealed partial class RuleRunPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A new draft of a program written by the admin, optionally with one line of its YAML replaced.</summary>
    private async Task<long> DraftAsync(string program, string? find = null, string? replace = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var save = scope.ServiceProvider.GetRequiredService<SaveDraft>();
        var draft = await save.StartAsync(db, program, "admin");
        if (find is not null)
        {
            Assert.Contains(find, draft.Yaml, StringComparison.Ordinal);
            var saved = await save.SaveAsync(db, draft.Id, draft.Yaml.Replace(find, replace, StringComparison.Ordinal), "admin");
            Assert.Empty(saved.Problems);
        }

        return draft.Id;
    }

    private async Task<string> StatusAsync(long id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        return await db.RuleSetVersions.Where(v => v.Id == id).Select(v => v.Status).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, long id, string handler, CancellationToken ct = default)
    {
        var page = await client.GetStringAsync($"/aturan/draf/{id}", ct);
        return await client.PostAsync($"/aturan/draf/{id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AsOf"] = "2024-05-01",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
        }), ct);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(ErrorParagraph().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);

    [Fact]
    public async Task A_draft_with_a_problem_shows_its_YAML_with_line_numbers_and_the_message_under_its_line()
    {
        long id;
        string yaml;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            var save = scope.ServiceProvider.GetRequiredService<SaveDraft>();
            var draft = await save.StartAsync(db, "kube", "admin");
            yaml = draft.Yaml.Replace("amount: bantuan_per_kube }", "amout: bantuan_per_kube }", StringComparison.Ordinal);
            var saved = await save.SaveAsync(db, draft.Id, yaml, "admin");
            Assert.NotEmpty(saved.Problems);
            id = draft.Id;
        }

        using var admin = await app.SignedInAsync("admin");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/aturan/draf/{id}"));

        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("amout:", StringComparison.Ordinal)) + 1;
        Assert.Matches(new Regex($"<tr id=\"baris-{line}\" class=\"problem\"><td class=\"ln\">{line}</td>"), page);
        Assert.Matches(new Regex("<tr class=\"message\">.*kunci 'amout' tidak dikenal"), page);
        Assert.Contains($"<a href=\"#baris-{line}\">baris {line}</a>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"key\">program:</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_viewer_gets_403_on_a_drafts_test_and_dry_run_and_sees_no_button_for_either()
    {
        var id = await DraftAsync("kube");
        using var viewer = await app.SignedInAsync("pengamat");

        var page = await viewer.GetStringAsync($"/aturan/draf/{id}");
        using var test = await PostAsync(viewer, id, "Test");
        using var dryRun = await PostAsync(viewer, id, "DryRun");

        Assert.DoesNotContain("Jalankan uji", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hitung dampak", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, test.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dryRun.StatusCode);
        Assert.Equal("Hanya admin aturan dan penerbit aturan yang dapat menjalankan uji atau dry-run.", await ErrorAsync(test));
        Assert.DoesNotContain("id=\"impact\"", await dryRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Validated, await StatusAsync(id));
    }

    [Fact]
    public async Task A_publisher_may_run_a_drafts_tests_which_then_pass()
    {
        var id = await DraftAsync("bansos-pbi-jk");
        using var publisher = await app.SignedInAsync("penerbit");

        using var test = await PostAsync(publisher, id, "Test");

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.Contains("Semua uji lulus.", await test.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Tested, await StatusAsync(id));
    }

    [Fact]
    public async Task A_second_dry_run_of_the_same_user_while_the_first_runs_is_refused_with_429_and_the_first_stops_when_its_client_leaves()
    {
        // Fourteen nested loops over a household's members: allowed, but it would run far past any budget.
        var nested = "x13.Occupation >= 0";
        for (var i = 13; i >= 0; i--)
        {
            nested = $"s.Members.Count(x{i} => {nested}) >= 0";
        }

        var id = await DraftAsync("bansos-sembako", "when: 's.Members.Count > 0'", $"when: '{nested}'");
        var gate = app.Services.GetRequiredService<RuleRunGate>();
        using var admin = await app.SignedInAsync("admin");
        using var leave = new CancellationTokenSource();

        var first = PostAsync(admin, id, "DryRun", leave.Token);
        await WaitUntilAsync(() => gate.IsRunning("admin"), TimeSpan.FromSeconds(60));
        using var second = await PostAsync(admin, id, "DryRun");
        using var secondTest = await PostAsync(admin, id, "Test");
        await leave.CancelAsync();
        var watch = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("Uji atau dry-run Anda yang lain masih berjalan; tunggu sampai selesai, lalu coba lagi.", await ErrorAsync(second));
        Assert.Equal(HttpStatusCode.TooManyRequests, secondTest.StatusCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        // The dry-run budget is 30 s: freed well before it, the run stopped because its client left.
        await WaitUntilAsync(() => !gate.IsRunning("admin"), TimeSpan.FromSeconds(15));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{watch.Elapsed}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"not within {timeout}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("<p class=\"error[^\"]*\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorParagraph();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
