using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class DisbursementTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task The_treasurer_selects_a_ready_proposal_creates_a_batch_downloads_its_bank_file_and_uploads_the_bank_answer()
    {
        await using var browser = await BrowserSession.StartAsync();
        var proposalId = await app.ApprovedAsync("KUBE Tenun Ikat Lepo Lorun", "0011223344");

        var page = await browser.SignInAsync(app.BaseAddress, "bendahara", AppFixture.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Pencairan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat batch pembayaran" }).ClickAsync();
        Assert.Contains("pilih minimal satu usulan", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel($"Pilih usulan #{proposalId}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat batch pembayaran" }).ClickAsync();
        await page.WaitForURLAsync(url => Regex.IsMatch(url, "/pencairan/[0-9]+$"));
        var batchId = long.Parse(new Uri(page.Url).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("KUBE Tenun Ikat Lepo Lorun", await page.Locator("#payments").InnerTextAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh berkas transfer bank" }).ClickAsync());
        Assert.Equal($"batch-{batchId}.csv", download.SuggestedFilename);

        var answer = Path.Combine(Path.GetTempPath(), $"rekonsiliasi-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(answer, KubeProposals.BankAnswer((await app.PaymentOfAsync(proposalId), "paid", "")));
            await page.Locator("input[name=BankFile]").SetInputFilesAsync(answer);
            await page.GetByRole(AriaRole.Button, new() { Name = "Unggah rekonsiliasi" }).ClickAsync();

            Assert.Contains("1 dibayar, 0 gagal, 0 tidak berubah", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("dibayar", await page.Locator("#payments tbody").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("selesai direkonsiliasi", await page.Locator("#status").InnerTextAsync());
        }
        finally
        {
            File.Delete(answer);
        }
    }

    [SkippableFact]
    public async Task A_head_of_office_reads_without_paying_someone_without_a_disbursement_role_is_turned_away_and_an_unknown_batch_is_not_found()
    {
        await using var browser = await BrowserSession.StartAsync();
        var proposalId = await app.ApprovedAsync("KUBE Ternak Babi Koting", "0011223355");

        var viewer = await browser.SignInAsync(app.BaseAddress, "pengamat", AppFixture.Password);
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Link, new() { Name = "Pencairan" }).CountAsync());
        await viewer.GotoAsync("/pencairan");
        Assert.Contains("/masuk", viewer.Url, StringComparison.Ordinal);

        var head = await browser.SignInAsync(app.BaseAddress, "kadis", AppFixture.Password);
        await head.GetByRole(AriaRole.Link, new() { Name = "Pencairan" }).ClickAsync();
        Assert.Contains("KUBE Ternak Babi Koting", await head.Locator("#ready").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await head.GetByLabel($"Pilih usulan #{proposalId}").CountAsync());
        Assert.Equal(0, await head.GetByRole(AriaRole.Button, new() { Name = "Buat batch pembayaran" }).CountAsync());
        var unknown = await head.GotoAsync("/pencairan/987654");
        Assert.Equal(404, unknown!.Status);
    }
}
