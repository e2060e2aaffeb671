using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Files;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class IndicatorTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Png =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [SkippableFact]
    public async Task Staff_enter_a_value_with_evidence_the_Kepala_Bidang_verifies_it_and_the_dashboard_report_and_workbook_show_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var year = DateTime.UtcNow.AddHours(8).Year;

        // The planner gives PS-12 a target for this year (the shipped Renstra ends in 2023).
        var planner = await browser.SignInAsync(app.BaseAddress, "perencana", AppFixture.Password);
        await planner.GotoAsync("/indikator/katalog");
        await planner.SelectOptionAsync("#edit-target select[name=Code]", "PS-12");
        await planner.FillAsync("#edit-target input[name=EditYear]", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await planner.FillAsync("#edit-target input[name=Target]", "48");
        await planner.FillAsync("#edit-target input[name=Reason]", "Renstra perubahan (uji)");
        await planner.GetByRole(AriaRole.Button, new() { Name = "Simpan target" }).ClickAsync();
        Assert.Contains("PS-12", await planner.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ubah target", await planner.Locator("#history").InnerTextAsync(), StringComparison.Ordinal);

        // Staff of the Bidang Rehabilitasi Sosial enter this month's value with a photo of the evidence.
        var staff = await browser.SignInAsync(app.BaseAddress, "staf.rehsos", AppFixture.Password);
        await staff.GotoAsync($"/indikator/PS-12?tahun={year}");
        await staff.FillAsync("#enter-value input[name=EntryValue]", "4");
        await staff.FillAsync("#enter-value textarea[name=EntryNote]", "4 LKS menerima bantuan, SK penerima terlampir");
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-sk.png");
        await File.WriteAllBytesAsync(path, Png);
        try
        {
            await staff.Locator("#enter-value input[name=Evidence]").SetInputFilesAsync(path);
            await staff.GetByRole(AriaRole.Button, new() { Name = "Simpan untuk diverifikasi" }).ClickAsync();
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Contains("menunggu verifikasi", await staff.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        // Not counted yet.
        await staff.GotoAsync($"/indikator?tahun={year}");
        Assert.Equal("–", (await staff.Locator("tr[data-code='PS-12'] td.realization").InnerTextAsync()).Trim());
        // Another bidang's staff cannot enter it: the form is not offered.
        var otherStaff = await browser.SignInAsync(app.BaseAddress, "staf.pfm", AppFixture.Password);
        await otherStaff.GotoAsync($"/indikator/PS-12?tahun={year}");
        Assert.Equal(0, await otherStaff.Locator("#enter-value").CountAsync());

        // The Kepala Bidang of that bidang verifies it, after opening the evidence.
        var kabid = await browser.SignInAsync(app.BaseAddress, "kabid.rehsos", AppFixture.Password);
        await kabid.GotoAsync("/indikator/verifikasi");
        var row = kabid.Locator("#pending tr[data-code='PS-12']").Filter(new() { HasText = "4 LKS" });
        var evidence = await kabid.APIRequest.GetAsync(await row.Locator("a[target=_blank]").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, evidence.Status);
        Assert.Equal(Png, await evidence.BodyAsync());
        await row.GetByRole(AriaRole.Button, new() { Name = "Verifikasi" }).ClickAsync();
        Assert.Contains("terverifikasi", await kabid.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);

        // The dashboard and the report show it; the workbook has the same numbers as the page.
        await staff.GotoAsync($"/indikator?tahun={year}");
        Assert.Equal("4", (await staff.Locator("tr[data-code='PS-12'] td.realization").InnerTextAsync()).Trim());
        Assert.Equal(1, await staff.Locator("tr[data-code='PS-12'] svg.chart polyline.realization").CountAsync());
        await planner.GotoAsync($"/indikator/laporan?dari={year}&sampai={year}");
        var line = planner.Locator("#tc23 tr[data-code='PS-12']");
        Assert.Equal("4", (await line.Locator("td.realization").InnerTextAsync()).Trim());
        Assert.Equal("8%", (await line.Locator("td.ratio").InnerTextAsync()).Trim());
        var download = await planner.RunAndWaitForDownloadAsync(() => planner.Locator("#download-xlsx").ClickAsync());
        await using var workbook = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await workbook.CopyToAsync(copy);
        copy.Position = 0;
        var sheet = XlsxReadBack.Sheets(copy)["T-C.23"];
        var cells = sheet.Single(r => r.Count > 1 && r[1] == "PS-12");
        Assert.Equal(["48", "4", "8"], cells.Skip(4).Take(3));
    }
}
