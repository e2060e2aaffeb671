using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task A_verifier_signs_in_and_opens_a_household_of_their_kabupaten()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.SignInAsync(app.BaseAddress, "verifikator.sikka", AppFixture.Password);

        Assert.Equal("Verifikator Sikka", await page.Locator("#current-user").InnerTextAsync());
        var rows = page.Locator("#kabupaten tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Kabupaten Sikka" }).ClickAsync();
        await page.Locator("table.households tbody tr a").First.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/registri/rumah-tangga/", StringComparison.Ordinal));
        Assert.StartsWith("DTKS-", await page.Locator("#id-dtks").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#members tbody tr").CountAsync() >= 1);
        Assert.Matches("^[0-9]{16}$", (await page.Locator("#members td.nik").First.InnerTextAsync()).Trim());
        Assert.Equal(3, await page.Locator("section.program").CountAsync());
        Assert.True(await page.Locator("#program-bansos-sembako ul.findings li").CountAsync() >= 3);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sejahtera-household.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused_with_a_message_in_Indonesian()
    {
        await using var browser = await BrowserSession.StartAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("verifikator.sikka");
        await page.GetByLabel("Kata sandi").FillAsync("salah");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        Assert.Equal("Nama pengguna atau kata sandi salah.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
    }

    [SkippableFact]
    public async Task Every_main_page_loads_under_the_content_security_policy_without_a_violation()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/", "/aturan", "/usulan", "/alur", "/penyaringan", "/pencairan", "/hangfire" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        var proposal = page.Locator("a[href^='/usulan/']").First;
        await page.GotoAsync("/usulan");
        if (await proposal.CountAsync() > 0)
        {
            await proposal.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
