using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed partial class RuleLifecycleTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task An_admin_raises_the_KUBE_age_limit_in_a_draft_tests_it_sees_the_impact_and_a_second_user_publishes_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password);

        await admin.GotoAsync("/aturan/kube");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buat draf baru dari versi ini" }).ClickAsync();
        await admin.WaitForURLAsync(DraftUrl());
        var draftUrl = new Uri(admin.Url).PathAndQuery;

        // The limit changes from June 2024 on, as a new dated value: decisions before that keep the old one.
        // (From 2025 the DTSEN desil limit of 2 would refuse most groups on file anyway, so the impact is shown in 2024.)
        var yaml = await admin.InputValueAsync("#yaml");
        var raised = yaml.Replace("umur_maks: [{ from: 2019-03-06, value: 60, ref: praktik-kube }]",
            "umur_maks: [{ from: 2019-03-06, value: 60, ref: praktik-kube }, { from: 2024-06-01, value: 65, ref: praktik-kube }]", StringComparison.Ordinal);
        Assert.NotEqual(yaml, raised);
        await admin.FillAsync("#yaml", raised);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        Assert.Contains("Draf tersimpan dan sah", await admin.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Jalankan uji" }).ClickAsync();
        Assert.Equal("Semua uji lulus.", await admin.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("draf teruji", await admin.Locator("#status").InnerTextAsync());

        await admin.FillAsync("input[name='AsOf']", "2024-09-01");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Hitung dampak (dry-run)" }).ClickAsync();
        var changed = int.Parse((await admin.Locator("#changed-count").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(changed > 0, "raising the age limit should make some proposals on file eligible");
        Assert.True(await admin.Locator("#impact-kabupaten tr.changed").CountAsync() > 0);
        Assert.Contains("tidak-layak", await admin.Locator("#impact-matrix").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("umur-anggota", await admin.Locator("#impact-changed").InnerTextAsync(), StringComparison.Ordinal);

        var publisher = await browser.SignInAsync(app.BaseAddress, "penerbit", AppFixture.Password);
        await publisher.GotoAsync(draftUrl);
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();

        Assert.Contains("diterbitkan", await publisher.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("terbit", await publisher.Locator("#status").InnerTextAsync());
        Assert.Contains("umur_maks", await publisher.Locator("#diff").InnerTextAsync(), StringComparison.Ordinal);
        await publisher.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sejahtera-published.png"), FullPage = true });
    }

    [GeneratedRegex("/aturan/draf/[0-9]+$")]
    private static partial Regex DraftUrl();
}
