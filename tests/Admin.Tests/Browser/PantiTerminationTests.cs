using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class PantiTerminationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task UPT_staff_propose_termination_assistance_another_home_cannot_see_it_and_the_case_is_verified_approved_paid_and_closed_by_the_visit_report()
    {
        await using var browser = await BrowserSession.StartAsync();
        var residentId = await app.TerminatedResidentAsync("riang-naibonat", "5301041405070009", "Yosef Lake", "Markus Lake");

        var upt = await browser.SignInAsync(app.BaseAddress, "upt.naibonat", AppFixture.Password);
        await upt.GotoAsync($"/panti/terminasi/baru?penghuni={residentId}");
        Assert.Equal("Markus Lake", await upt.InputValueAsync("input[name=AccountHolder]"));
        await upt.FillAsync("input[name=FollowUpVisitOn]", DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await upt.FillAsync("input[name=BankAccount]", "0033445566");
        await upt.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai draf" }).ClickAsync();
        await upt.WaitForURLAsync(url => Regex.IsMatch(url, "/usulan/[0-9]+$"));
        var caseUrl = new Uri(upt.Url).PathAndQuery;
        var caseId = long.Parse(caseUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Yosef Lake", await upt.Locator("#termination").InnerTextAsync(), StringComparison.Ordinal);
        await upt.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi" }).ClickAsync();
        Assert.Equal("Verifikasi Seksi Rehabilitasi Sosial", await upt.Locator("#state").InnerTextAsync());

        // Staff of another home see neither the resident nor the case.
        var other = await browser.SignInAsync(app.BaseAddress, "upt.budiagung", AppFixture.Password);
        Assert.Equal(404, (await other.GotoAsync($"/panti/terminasi/baru?penghuni={residentId}"))!.Status);
        Assert.Equal(404, (await other.GotoAsync(caseUrl))!.Status);
        await other.GotoAsync("/usulan");
        Assert.DoesNotContain("Yosef Lake", await other.ContentAsync(), StringComparison.Ordinal);

        var rehsos = await browser.SignInAsync(app.BaseAddress, "rehsos", AppFixture.Password);
        await rehsos.GotoAsync("/usulan");
        await rehsos.Locator("#queue").GetByRole(AriaRole.Link, new() { Name = $"#{caseId}" }).ClickAsync();
        Assert.Contains("layak", await rehsos.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(7, await rehsos.Locator("#screening li.passed").CountAsync());
        await rehsos.GetByRole(AriaRole.Button, new() { Name = "Lolos ke persetujuan" }).ClickAsync();
        Assert.Equal("Persetujuan Kepala Dinas", await rehsos.Locator("#state").InnerTextAsync());

        var kadis = await browser.SignInAsync(app.BaseAddress, "kadis", AppFixture.Password);
        await kadis.GotoAsync(caseUrl);
        await kadis.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        Assert.Equal("Pencairan", await kadis.Locator("#state").InnerTextAsync());

        var treasurer = await browser.SignInAsync(app.BaseAddress, "bendahara", AppFixture.Password);
        await treasurer.GotoAsync("/pencairan");
        await treasurer.GetByLabel($"Pilih usulan #{caseId}").CheckAsync();
        await treasurer.GetByRole(AriaRole.Button, new() { Name = "Buat batch pembayaran" }).ClickAsync();
        await treasurer.WaitForURLAsync(url => Regex.IsMatch(url, "/pencairan/[0-9]+$"));
        Assert.Contains("Bansos terminasi Yosef Lake", await treasurer.Locator("#payments").InnerTextAsync(), StringComparison.Ordinal);
        var answer = Path.Combine(Path.GetTempPath(), $"rekonsiliasi-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(answer, KubeProposals.BankAnswer((await app.PaymentOfAsync(caseId), "paid", "")));
            await treasurer.Locator("input[name=BankFile]").SetInputFilesAsync(answer);
            await treasurer.GetByRole(AriaRole.Button, new() { Name = "Unggah rekonsiliasi" }).ClickAsync();
            Assert.Contains("1 dibayar", await treasurer.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(answer);
        }

        // The follow-up visit: the report closes the case.
        await upt.GotoAsync(caseUrl);
        Assert.Equal("Kunjungan bimbingan lanjut", await upt.Locator("#state").InnerTextAsync());
        var report = Path.Combine(Path.GetTempPath(), $"bimbingan-lanjut-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(report, KubeProposals.Pdf);
            await upt.SelectOptionAsync("select[name=Kind]", "bimbingan-lanjut");
            await upt.Locator("input[name=Upload]").SetInputFilesAsync(report);
            await upt.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
            Assert.Contains("tersimpan", await upt.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }

        await upt.GetByRole(AriaRole.Button, new() { Name = "Catat bimbingan lanjut" }).ClickAsync();
        Assert.Equal("Selesai", await upt.Locator("#state").InnerTextAsync());
    }
}
