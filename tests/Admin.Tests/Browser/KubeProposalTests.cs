using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class KubeProposalTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task A_Sikka_operator_submits_a_six_member_proposal_a_Sikka_verifier_passes_it_and_an_Ende_verifier_cannot_see_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();

        var operatorPage = await browser.SignInAsync(app.BaseAddress, "operator.sikka", AppFixture.Password);
        await operatorPage.GotoAsync("/usulan/baru");
        await operatorPage.FillAsync("input[name=GroupName]", "KUBE Tenun Ikat Lepo Lorun");
        await operatorPage.FillAsync("input[name=BusinessType]", "tenun ikat");
        await operatorPage.SelectOptionAsync("select[name=KecamatanCode]", kecamatan);
        await operatorPage.FillAsync("textarea[name=MemberNiks]", string.Join('\n', niks));
        await operatorPage.FillAsync("input[name=ChairName]", "Maria Goreti");
        await operatorPage.FillAsync("input[name=TreasurerName]", "Yohana Nona");
        await operatorPage.FillAsync("input[name=BankAccount]", "0011223344");
        await operatorPage.FillAsync("input[name=AccountHolder]", "KUBE Tenun Ikat Lepo Lorun");
        await operatorPage.FillAsync("textarea[name=BusinessPlan]", "Benang, pewarna alami dan alat tenun");
        await operatorPage.FillAsync("input[name=BudgetAmount]", "10.000.000");
        await operatorPage.CheckAsync("input[name=OfficersChosen]");
        await operatorPage.CheckAsync("input[name=HasRecommendation]");
        await operatorPage.CheckAsync("input[name=DocumentsComplete]");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai draf" }).ClickAsync();
        await operatorPage.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/usulan/[0-9]+$"));
        var proposalUrl = new Uri(operatorPage.Url).PathAndQuery;
        Assert.Equal(6, await operatorPage.Locator("#members tbody tr").CountAsync());
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi berkas" }).ClickAsync();
        Assert.Equal("Verifikasi berkas", await operatorPage.Locator("#state").InnerTextAsync());

        var verifier = await browser.SignInAsync(app.BaseAddress, "verifikator.sikka", AppFixture.Password);
        await verifier.GotoAsync("/usulan");
        await verifier.Locator("#queue").GetByRole(AriaRole.Link, new() { Name = proposalUrl.Replace("/usulan/", "#", StringComparison.Ordinal) }).ClickAsync();
        Assert.Contains("layak", await verifier.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await verifier.Locator("#screening li.passed").CountAsync() >= 10);
        await verifier.GetByRole(AriaRole.Button, new() { Name = "Lolos ke verifikasi lapangan" }).ClickAsync();
        Assert.Equal("Verifikasi lapangan", await verifier.Locator("#state").InnerTextAsync());

        var ende = await browser.SignInAsync(app.BaseAddress, "verifikator.ende", AppFixture.Password);
        await ende.GotoAsync("/usulan");
        Assert.DoesNotContain("Lepo Lorun", await ende.ContentAsync(), StringComparison.Ordinal);
        var direct = await ende.GotoAsync(proposalUrl);
        Assert.Equal(404, direct!.Status);
    }
}
