using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class PkhGraduationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task A_pendamping_records_the_visit_the_coordinator_and_Kepala_Bidang_decide_the_letter_prints_and_the_KPM_shows_as_graduated()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (caseId, kpmId) = await app.WaitingForVisitAsync("pendamping.sikka");
        var othersKpm = await app.KpmOfAsync("pendamping.sikka2");
        var caseUrl = $"/usulan/{caseId}";

        // The pendamping sees only the families of their desa.
        var pendamping = await browser.SignInAsync(app.BaseAddress, "pendamping.sikka", AppFixture.Password);
        Assert.Equal(200, (await pendamping.GotoAsync($"/pkh/kpm/{kpmId}"))!.Status);
        Assert.Equal(404, (await pendamping.GotoAsync($"/pkh/kpm/{othersKpm}"))!.Status);

        // The visit: the assessment, a photo and the signed statement, then the visit recorded.
        await pendamping.GotoAsync(caseUrl);
        await pendamping.FillAsync("input[name='Assessment.Work']", "pedagang");
        await pendamping.FillAsync("input[name='Assessment.Business']", "kios sembako sejak 2024");
        await pendamping.FillAsync("input[name='Assessment.Assets']", "motor, kios");
        await pendamping.FillAsync("input[name='Assessment.IncomeChange']", "naik dari Rp 800 ribu ke Rp 2,5 juta sebulan");
        await pendamping.CheckAsync("input[name='Assessment.EconomyImproved']");
        await pendamping.CheckAsync("input[name='Assessment.SignedExitStatement']");
        await pendamping.GetByRole(AriaRole.Button, new() { Name = "Simpan hasil kunjungan" }).ClickAsync();
        Assert.Contains("Hasil kunjungan tersimpan", await pendamping.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        foreach (var (kind, file) in new[] { ("kunjungan", "foto-kunjungan.png"), ("pernyataan-keluar", "pernyataan.pdf") })
        {
            var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{file}");
            await File.WriteAllBytesAsync(path, kind == "kunjungan" ? Png : KubeProposals.Pdf);
            try
            {
                await pendamping.SelectOptionAsync("select[name=Kind]", kind);
                await pendamping.Locator("input[name=Upload]").SetInputFilesAsync(path);
                await pendamping.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
                Assert.Contains("tersimpan", await pendamping.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }

        await pendamping.GetByRole(AriaRole.Button, new() { Name = "Catat hasil kunjungan" }).ClickAsync();
        Assert.Equal("Telaah koordinator PKH", await pendamping.Locator("#state").InnerTextAsync());

        var coordinator = await browser.SignInAsync(app.BaseAddress, "koordinator.sikka", AppFixture.Password);
        await coordinator.GotoAsync(caseUrl);
        Assert.Contains("graduasi-mandiri", await coordinator.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Teruskan ke Kepala Bidang" }).ClickAsync();

        var kabid = await browser.SignInAsync(app.BaseAddress, "kabid.pfm", AppFixture.Password);
        await kabid.GotoAsync(caseUrl);
        await kabid.GetByRole(AriaRole.Button, new() { Name = "Putuskan graduasi" }).ClickAsync();
        Assert.Contains("graduasi mandiri", await kabid.Locator("#decided").InnerTextAsync(), StringComparison.Ordinal);

        // The letter: the office's letterhead, number and kind; printed without the site's navigation.
        await kabid.Locator("#letter").ClickAsync();
        Assert.Contains("/SKG-PKH/53.07/", await kabid.Locator("#letter-number").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("graduasi mandiri", await kabid.Locator("#letter-kind").InnerTextAsync());
        Assert.Contains("DINAS SOSIAL", await kabid.Locator(".letterhead").InnerTextAsync(), StringComparison.Ordinal);
        await kabid.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await kabid.Locator("body > header").IsVisibleAsync());
        var pdf = await kabid.PdfAsync(new() { Format = "A4" });
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        await kabid.EmulateMediaAsync(new() { Media = Media.Screen });

        // The objection window passes without an objection: the Kepala Bidang finalizes, the KPM leaves the register.
        await app.EndObjectionWindowAsync(caseId);
        await kabid.GotoAsync(caseUrl);
        await kabid.GetByRole(AriaRole.Button, new() { Name = "Tetapkan graduasi" }).ClickAsync();
        Assert.Equal("Graduasi", await kabid.Locator("#state").InnerTextAsync());
        await pendamping.GotoAsync($"/pkh/kpm/{kpmId}");
        Assert.Contains("sudah graduasi (graduasi-mandiri", await pendamping.Locator("#exit").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>A 1×1 PNG, as a phone camera's photo would be recognised.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
