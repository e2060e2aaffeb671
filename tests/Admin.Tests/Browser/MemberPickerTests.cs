using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class MemberPickerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task An_operator_adds_three_members_with_the_picker_and_submits_the_proposal()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        Dictionary<string, string> names;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            names = await db.Members.AsNoTracking().Where(m => niks.Contains(m.Nik)).GroupBy(m => m.Nik).Select(g => new { g.Key, Name = g.First().Name })
                .ToDictionaryAsync(m => m.Key, m => m.Name);
        }

        var page = await browser.SignInAsync(app.BaseAddress, "operator.sikka", AppFixture.Password);
        await page.GotoAsync("/usulan/baru");
        await page.FillAsync("input[name=GroupName]", "KUBE Tenun Pilihan Registri");
        await page.FillAsync("input[name=BusinessType]", "tenun ikat");
        await page.SelectOptionAsync("select[name=KecamatanCode]", kecamatan);
        await page.FillAsync("textarea[name=MemberNiks]", string.Join('\n', niks.Take(3)));
        foreach (var nik in niks.Skip(3))
        {
            // The name in small letters; the list follows the typing (an emptied box empties it first).
            await page.Locator("input[name=MemberQuery]").FillAsync("");
            await Assertions.Expect(page.Locator("#member-picker-results")).ToHaveCountAsync(0);
            await page.Locator("input[name=MemberQuery]").FillAsync(names[nik].ToLowerInvariant());
            var add = page.Locator($"#member-picker-results button[data-add-nik='{nik}']");
            await add.ClickAsync();
            await Assertions.Expect(add).ToHaveTextAsync("Ditambahkan");
        }

        var listed = (await page.InputValueAsync("textarea[name=MemberNiks]")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(niks.Order(), listed.Order());
        Assert.Equal("/usulan/baru", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("input[name=ChairName]", "Maria Goreti");
        await page.FillAsync("input[name=TreasurerName]", "Yohana Nona");
        await page.FillAsync("input[name=BankAccount]", "0011223355");
        await page.FillAsync("input[name=AccountHolder]", "KUBE Tenun Pilihan Registri");
        await page.FillAsync("textarea[name=BusinessPlan]", "Benang, pewarna alami dan alat tenun");
        await page.FillAsync("input[name=BudgetAmount]", "10.000.000");
        await page.CheckAsync("input[name=OfficersChosen]");
        await page.CheckAsync("input[name=HasRecommendation]");
        await page.CheckAsync("input[name=DocumentsComplete]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai draf" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/usulan/[0-9]+$"));
        Assert.Equal(6, await page.Locator("#members tbody tr").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi berkas" }).ClickAsync();
        Assert.Equal("Verifikasi berkas", await page.Locator("#state").InnerTextAsync());
    }

    [SkippableFact]
    public async Task Without_script_the_picker_searches_and_adds_through_the_form()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Nama pengguna").FillAsync("operator.sikka");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await page.GotoAsync("/usulan/baru");
        await page.FillAsync("input[name=GroupName]", "KUBE Tanpa Skrip");
        await page.SelectOptionAsync("select[name=KecamatanCode]", kecamatan);
        await page.FillAsync("input[name=MemberQuery]", niks[0]);
        await page.ClickAsync("#member-search");
        await page.ClickAsync($"#member-picker-results button[data-add-nik='{niks[0]}']");

        Assert.Equal(niks[0], (await page.InputValueAsync("textarea[name=MemberNiks]")).Trim());
        Assert.Equal("KUBE Tanpa Skrip", await page.InputValueAsync("input[name=GroupName]"));
        Assert.Contains("sudah dipilih", await page.Locator("#member-picker-results").InnerTextAsync(), StringComparison.Ordinal);
    }
}
