using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests.Browser;

public sealed class ProposalEditingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [SkippableFact]
    public async Task An_operator_checks_members_before_saving_edits_a_returned_proposal_and_a_pendamping_records_the_visit_with_a_photo()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        var photo = Path.Combine(Path.GetTempPath(), $"kunjungan-{Guid.NewGuid():N}.jpg");
        // The first bytes of a JPEG (what the server checks), then filler as a camera would write.
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, .. new byte[2048], 0xFF, 0xD9]);
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
            Assert.Equal(6, await op.Locator("#members tbody tr").CountAsync());
            await op.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke verifikasi berkas" }).ClickAsync();

            await verifier.GotoAsync(proposalUrl);
            Assert.Contains("layak", await verifier.Locator("#screening-outcome").InnerTextAsync(), StringComparison.Ordinal);
            await verifier.GetByRole(AriaRole.Button, new() { Name = "Lolos ke verifikasi lapangan" }).ClickAsync();

            var pendamping = await browser.SignInAsync(app.BaseAddress, "pendamping.sikka", AppFixture.Password);
            await pendamping.GotoAsync(proposalUrl);
            Assert.Contains("bukti kunjungan", await pendamping.Locator("#blocked").InnerTextAsync(), StringComparison.Ordinal);
            await pendamping.Locator("#upload input[type=file]").SetInputFilesAsync(photo);
            await pendamping.Locator("#upload").GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
            Assert.Contains(Path.GetFileName(photo), await pendamping.Locator("#documents").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Bukti kunjungan lapangan", await pendamping.Locator("#documents").InnerTextAsync(), StringComparison.Ordinal);
            await pendamping.GetByLabel("keterangan Catat kunjungan lapangan").FillAsync("usaha kopi berjalan, 6 anggota hadir");
            await pendamping.GetByRole(AriaRole.Button, new() { Name = "Catat kunjungan lapangan" }).ClickAsync();
            Assert.Equal("Rekomendasi Kepala Bidang", await pendamping.Locator("#state").InnerTextAsync());

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
}
