using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class ProposalEditingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task An_operator_checks_members_before_saving_edits_a_returned_proposal_and_a_pendamping_records_the_visit_with_a_photo_on_a_phone()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        var photo = Path.Combine(Path.GetTempPath(), $"kunjungan-{Guid.NewGuid():N}.png");
        // A real (if tiny) picture: an 8 × 8 green square as PNG.
        await File.WriteAllBytesAsync(photo, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mPgzvPHihiGlgQAeOUyAWxdOPsAAAAASUVORK5CYII="));
        try
        {
            var op = await browser.SignInAsync(app.BaseAddress, "operator.sikka", AppFixture.Password);
            await op.GotoAsync("/usulan/baru");
            await op.FillAsync("input[name=GroupName]", "KUBE Kopi Bajawa Uji");
            await op.FillAsync("input[name=BusinessType]", "kopi");
            await op.SelectOptionAsync("select[name=KecamatanCode]", kecamatan);
            await op.FillAsync("textarea[name=MemberNiks]", string.Join('\n', niks.Take(4)) + "\n3171010101010001");
            await op.GetByRole(AriaRole.Button, new() { Name = "Periksa anggota" }).ClickAsync();
            await op.Locator("#member-check").WaitForAsync(new() { Timeout = 10_000 });
            var check = op.Locator("#member-check tbody tr");
            Assert.Equal(5, await check.CountAsync());
            Assert.Contains("tidak ada di DTKS", await check.Nth(4).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("KUBE Kopi Bajawa Uji", await op.InputValueAsync("input[name=GroupName]"));

            await op.FillAsync("textarea[name=MemberNiks]", string.Join('\n', niks.Take(4)));
            await op.FillAsync("input[name=ChairName]", "Yosef Leu");
            await op.FillAsync("input[name=TreasurerName]", "Maria Nona");
            await op.FillAsync("input[name=BankAccount]", "0011223366");
            await op.FillAsync("input[name=AccountHolder]", "Yosef Leu");
            await op.FillAsync("textarea[name=BusinessPlan]", "Mesin sangrai dan kemasan");
            await op.FillAsync("input[name=BudgetAmount]", "10.000.000");
            await op.CheckAsync("input[name=OfficersChosen]");
            await op.CheckAsync("input[name=HasRecommendation]");
            await op.CheckAsync("input[name=DocumentsComplete]");
            await op.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai draf" }).ClickAsync();
            await op.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/usulan/[0-9]+$"));
            Assert.Contains("tersimpan sebagai draf", await op.Locator("#saved").InnerTextAsync(), StringComparison.Ordinal);
            var proposalUrl = new Uri(op.Url).PathAndQuery;
            await op.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi berkas" }).ClickAsync();

            // Four members are too few: the verifier sees why in the screening and returns it.
            var verifier = await browser.SignInAsync(app.BaseAddress, "verifikator.sikka", AppFixture.Password);
            await verifier.GotoAsync(proposalUrl);
            Assert.Contains("tidak-layak", await verifier.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Lolos ke verifikasi lapangan", await verifier.Locator("#blocked").InnerTextAsync(), StringComparison.Ordinal);
            await verifier.GetByLabel("alasan Kembalikan ke operator").FillAsync("anggota kurang dari 5 KK");
            await verifier.GetByRole(AriaRole.Button, new() { Name = "Kembalikan ke operator" }).ClickAsync();
            Assert.Equal("Draf", await verifier.Locator("#state").InnerTextAsync());

            await op.GotoAsync(proposalUrl);
            await op.Locator("#edit").ClickAsync();
            Assert.Equal(string.Join('\n', niks.Take(4)), await op.InputValueAsync("textarea[name=MemberNiks]"));
            await op.FillAsync("textarea[name=MemberNiks]", string.Join('\n', niks));
            await op.GetByRole(AriaRole.Button, new() { Name = "Simpan perubahan" }).ClickAsync();
            await op.WaitForURLAsync(url => url.EndsWith(proposalUrl, StringComparison.Ordinal));
            Assert.Equal("Perubahan usulan tersimpan.", await op.Locator("#saved").InnerTextAsync());
            Assert.Equal(6, await op.Locator("#members tbody tr").CountAsync());
            await op.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi berkas" }).ClickAsync();

            await verifier.GotoAsync(proposalUrl);
            Assert.Contains("layak", await verifier.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
            await verifier.GetByRole(AriaRole.Button, new() { Name = "Lolos ke verifikasi lapangan" }).ClickAsync();

            // The pendamping works on a phone: the task list, then the visit form, one-handed.
            var pendamping = await browser.SignInAsync(app.BaseAddress, "pendamping.sikka", AppFixture.Password, BrowserSession.Phone);
            await pendamping.GotoAsync("/usulan");
            await AssertFitsThePhoneAsync(pendamping);
            var task = pendamping.Locator($"#queue a[href='{proposalUrl}']");
            Assert.True((await task.BoundingBoxAsync())!.Height >= 40, "the task link is a thumb-sized target");
            await task.TapAsync();
            await pendamping.WaitForURLAsync(url => url.EndsWith(proposalUrl, StringComparison.Ordinal));
            await AssertFitsThePhoneAsync(pendamping);
            Assert.Contains("bukti kunjungan", await pendamping.Locator("#blocked").InnerTextAsync(), StringComparison.Ordinal);
            var camera = pendamping.Locator("#upload input[type=file]");
            Assert.Equal("environment", await camera.GetAttributeAsync("capture"));
            Assert.Equal("image/*", await camera.GetAttributeAsync("accept"));
            await camera.SetInputFilesAsync(photo);
            var upload = pendamping.Locator("#upload").GetByRole(AriaRole.Button, new() { Name = "Unggah" });
            Assert.True((await upload.BoundingBoxAsync())!.Height >= 44, "the upload button is a thumb-sized target");
            await upload.TapAsync();
            await pendamping.Locator("#documents").WaitForAsync();
            Assert.Contains(Path.GetFileName(photo), await pendamping.Locator("#documents").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Bukti kunjungan lapangan", await pendamping.Locator("#documents").InnerTextAsync(), StringComparison.Ordinal);
            await pendamping.GetByLabel("keterangan Catat kunjungan lapangan").FillAsync("usaha kopi berjalan, 6 anggota hadir");
            var record = pendamping.GetByRole(AriaRole.Button, new() { Name = "Catat kunjungan lapangan" });
            Assert.True((await record.BoundingBoxAsync())!.Height >= 44, "the record button is a thumb-sized target");
            await record.TapAsync();
            await Microsoft.Playwright.Assertions.Expect(pendamping.Locator("#state")).ToHaveTextAsync("Rekomendasi Kepala Bidang");
            await AssertFitsThePhoneAsync(pendamping);

            var timeline = await pendamping.Locator("#timeline tbody").InnerTextAsync();
            foreach (var step in new[] { "Usulan dibuat", "Ajukan ke verifikasi berkas", "Kembalikan ke operator", "Usulan diubah", "Lolos ke verifikasi lapangan", "Catat kunjungan lapangan" })
            {
                Assert.Contains(step, timeline, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(photo);
        }
    }

    /// <summary>The page is no wider than the phone: nothing scrolls sideways.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, Math.min(window.innerWidth, document.documentElement.clientWidth)]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px phone");
    }
}
