using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sejahtera.Admin.Security;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Tests.Browser;

/// <summary>The approver's view of a proposal, its previews, and the printed documents, in a real browser with the site's security policy.</summary>
public sealed class PrintableTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A 1×1 PNG: the photo of a field visit.</summary>
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task The_approver_sees_plan_budget_officers_account_and_previews_and_prints_the_summary_and_the_field_verification_report()
    {
        await using var browser = await BrowserSession.StartAsync();
        var proposalId = await app.ApprovedAsync("KUBE Tenun Cetak Sikka", "0011228801");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AttachDocument>().HandleAsync(scope.ServiceProvider.GetRequiredService<SejahteraDbContext>(), proposalId,
                new DocumentUpload("kunjungan", "foto kunjungan.png", Photo), "operator.sikka", [Roles.Operator], KubeProposals.Sikka);
        }

        var page = await browser.SignInAsync(app.BaseAddress, "kadis", AppFixture.Password);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"/usulan/{proposalId}");

        Assert.Equal("Rp 10.000.000", await page.Locator("#budget-amount").InnerTextAsync());
        Assert.Equal("Benang, pewarna alami dan alat tenun", await page.Locator("#business-plan").InnerTextAsync());
        Assert.Equal("Maria Goreti", await page.Locator("#chair").InnerTextAsync());
        Assert.Equal("Yohana Nona", await page.Locator("#treasurer").InnerTextAsync());
        Assert.Equal("0011228801 a.n. KUBE Tenun Cetak Sikka", await page.Locator("#bank-account").InnerTextAsync());
        var image = page.Locator("#previews img");
        await image.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#previews img').complete");
        Assert.Equal(1, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        var pdf = page.GetByRole(AriaRole.Link, new() { Name = "Buka PDF di peramban" });
        Assert.Equal("_blank", await pdf.GetAttributeAsync("target"));
        using (var client = await app.SignedInAsync("kadis"))
        using (var shown = await client.GetAsync(await pdf.GetAttributeAsync("href")))
        {
            Assert.Equal("application/pdf", shown.Content.Headers.ContentType?.MediaType);
            Assert.Equal("inline", shown.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("object-src 'self'", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "ringkasan usulan" }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("body > header").IsVisibleAsync());
        Assert.True(await page.Locator(".letterhead").IsVisibleAsync());
        Assert.Contains("DINAS SOSIAL", await page.Locator(".letterhead").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("KUBE Tenun Cetak Sikka", await page.Locator("#group-name").InnerTextAsync());
        Assert.Equal("Rp 10.000.000", await page.Locator("#budget").InnerTextAsync());
        Assert.Equal(7, await page.Locator("#members tr").CountAsync());
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "Kembali ke usulan" }).IsVisibleAsync());

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync($"/usulan/{proposalId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "berita acara verifikasi lapangan" }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("pendamping.sikka", await page.Locator("#visitor").InnerTextAsync());
        Assert.Equal("usaha berjalan", await page.Locator("#visit-notes").InnerTextAsync());
        Assert.Contains("kunjungan.pdf", await page.Locator("#evidence").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => document.querySelector('.print-photos img').complete");
        Assert.Equal(1, await page.Locator(".print-photos img").EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_treasurer_prints_the_decree_of_a_batch_and_a_proposal_without_field_evidence_has_no_report()
    {
        await using var browser = await BrowserSession.StartAsync();
        var proposalId = await app.ApprovedAsync("KUBE Ternak SK Sikka", "0011228802");
        using (var treasurerApi = await app.SignedInAsync("bendahara"))
        {
            using var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(treasurerApi, "/api/payment-batches", new { proposal_ids = new[] { proposalId } });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var page = await browser.SignInAsync(app.BaseAddress, "bendahara", AppFixture.Password);
        await page.GotoAsync($"/usulan/{proposalId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "#", Exact = false }).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^#[0-9]+$") }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cetak SK penerima" }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(await page.Locator("body > header").IsVisibleAsync());
        Assert.Contains("KEPUTUSAN KEPALA DINAS SOSIAL", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("KUBE Ternak SK Sikka", await page.Locator("#decree").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#beneficiaries").InnerTextAsync());

        using var client = await app.SignedInAsync("operator.sikka");
        var draft = await DraftAsync();
        using var none = await client.GetAsync($"/usulan/{draft}/berita-acara-verifikasi");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode);
    }

    [SkippableFact]
    public async Task The_screening_results_the_approvers_view_and_the_printed_documents_fit_a_390_px_phone()
    {
        await using var browser = await BrowserSession.StartAsync();
        var proposalId = await app.ApprovedAsync("KUBE Layar Kecil Sikka", "0011228804");
        long runId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            runId = (await scope.ServiceProvider.GetRequiredService<Sejahtera.Engine.Screening.StartScreening>()
                .HandleAsync(db, new Sejahtera.Engine.Screening.ScreeningRequest("2020-10", "all", new DateOnly(2024, 5, 4), "53.07", "kabid.pfm"))).Id;
            await scope.ServiceProvider.GetRequiredService<Sejahtera.Engine.Screening.RunScreening>().HandleAsync(runId);
        }

        var page = await browser.SignInAsync(app.BaseAddress, "kadis", AppFixture.Password);
        await page.SetViewportSizeAsync(390, 844);
        var wide = new List<string>();
        foreach (var path in new[] { $"/penyaringan/{runId}", $"/usulan/{proposalId}", $"/usulan/{proposalId}/ringkasan", $"/usulan/{proposalId}/berita-acara-verifikasi" })
        {
            await page.GotoAsync(path);
            // The page's own content: the site header is the layout's concern.
            var sizes = await page.EvaluateAsync<int[]>("() => { const m = document.querySelector('main'); return [m.scrollWidth, m.clientWidth]; }");
            var (scroll, client) = (sizes[0], sizes[1]);
            if (scroll > client)
            {
                wide.Add($"{path}: {scroll} px in {client} px");
            }
        }

        Assert.Empty(wide);
        await page.GotoAsync($"/penyaringan/{runId}");
        Assert.True(await page.Locator("figure.chart svg").IsVisibleAsync());
        Assert.True((await page.Locator("figure.chart svg").BoundingBoxAsync())!.Width <= 390);
    }

    private async Task<long> DraftAsync()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var proposal = await scope.ServiceProvider.GetRequiredService<CreateKubeProposal>().HandleAsync(scope.ServiceProvider.GetRequiredService<SejahteraDbContext>(),
            new KubeProposalRequest("KUBE Draf Tanpa Kunjungan", "tenun ikat", kecamatan, niks, "0011228803", "KUBE Draf Tanpa Kunjungan", "Maria Goreti", "Yohana Nona",
                "Benang", 10_000_000m, OfficersChosen: true, HasRecommendation: true, DocumentsComplete: true),
            "operator.sikka", [Roles.Operator], KubeProposals.Sikka);
        return proposal.Id;
    }
}
