using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed partial class ParameterEditorTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task An_admin_adds_a_new_Sembako_amount_from_a_future_date_with_the_form_tests_it_sees_the_impact_and_a_publisher_publishes_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password);
        var from = DateOnly.FromDateTime(DateTime.Now.Date).AddDays(60);
        var shown = from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        await admin.GotoAsync("/aturan/bansos-sembako");
        Assert.Contains("orang kedua dengan peran penerbit aturan", await admin.Locator("#four-eyes").InnerTextAsync(), StringComparison.Ordinal);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buat draf baru dari versi ini" }).ClickAsync();
        await admin.WaitForURLAsync(DraftUrl());
        var draftUrl = new Uri(admin.Url).PathAndQuery;
        var yaml = await admin.InputValueAsync("#yaml");

        // The form, not the YAML: parameter, date, value, legal basis.
        await admin.SelectOptionAsync("#param-name", "bantuan_per_bulan");
        await admin.FillAsync("#param-from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.FillAsync("#param-value", "250.000");
        await admin.SelectOptionAsync("#param-ref", "besaran-sembako");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Simpan nilai baru (divalidasi dan diuji)" }).ClickAsync();

        Assert.Contains("semua uji lulus", await admin.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("draf teruji", await admin.Locator("#status").InnerTextAsync());
        var edited = await admin.InputValueAsync("#yaml");
        Assert.NotEqual(yaml, edited);
        Assert.Contains($"value: 250000, ref: besaran-sembako", edited, StringComparison.Ordinal);

        await admin.FillAsync("input[name='AsOf']", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Hitung dampak (dry-run)" }).ClickAsync();
        Assert.Contains($"Draf berlaku mulai {shown}", await admin.Locator("#impact-effective").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Rp 0", await admin.Locator("#budget-delta").InnerTextAsync(), StringComparison.Ordinal);

        var publisher = await browser.SignInAsync(app.BaseAddress, "penerbit", AppFixture.Password);
        await publisher.GotoAsync(draftUrl);
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();
        Assert.Contains("diterbitkan", await publisher.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        await publisher.GotoAsync("/aturan/bansos-sembako");
        var scheduled = await publisher.Locator("#scheduled").InnerTextAsync();
        Assert.Contains($"berlaku mulai {shown}", scheduled, StringComparison.Ordinal);
        Assert.Equal("2019.1", await publisher.Locator("#in-force-version").InnerTextAsync());
        await publisher.GotoAsync("/aturan");
        Assert.Contains($"mulai {shown}", await publisher.Locator("#rulesets").InnerTextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("/aturan/draf/[0-9]+$")]
    private static partial Regex DraftUrl();
}
