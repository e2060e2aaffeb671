using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

/// <summary>The decree (SK) of a period: the beneficiaries approved between two dates, printable and downloadable.</summary>
public sealed class PeriodDecreeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_decree_of_a_period_lists_exactly_the_cases_approved_in_it_and_downloads_with_the_same_rows()
    {
        var lastDay = await app.ApprovedAsync("KUBE SK Akhir Januari", "0011339901");
        var firstDay = await app.ApprovedAsync("KUBE SK Awal Januari", "0011339902");
        var february = await app.ApprovedAsync("KUBE SK Februari", "0011339903");
        var december = await app.ApprovedAsync("KUBE SK Desember", "0011339904");
        await ApprovedOnAsync(lastDay, new DateTimeOffset(2025, 1, 31, 23, 50, 0, Wita));
        await ApprovedOnAsync(firstDay, new DateTimeOffset(2025, 1, 1, 0, 5, 0, Wita));
        await ApprovedOnAsync(february, new DateTimeOffset(2025, 2, 1, 0, 10, 0, Wita));
        await ApprovedOnAsync(december, new DateTimeOffset(2024, 12, 31, 23, 55, 0, Wita));
        using var kadis = await app.SignedInAsync("kadis");

        var page = await kadis.GetStringAsync("/pencairan/sk-periode?program=kube&dari=2025-01-01&sampai=2025-01-31");
        var lines = Html.TableRows(page, "decree");
        var json = JsonDocument.Parse(await kadis.GetStringAsync("/api/decrees/approved?program=kube&from=2025-01-01&to=2025-01-31")).RootElement;
        var xlsx = await SheetAsync(kadis, "/api/decrees/approved/export?program=kube&from=2025-01-01&to=2025-01-31&format=xlsx");
        using var csvResponse = await kadis.GetAsync("/api/decrees/approved/export?program=kube&from=2025-01-01&to=2025-01-31&format=csv");
        var csv = Html.Csv(await csvResponse.Content.ReadAsStringAsync());
        var payments = await kadis.GetStringAsync("/pencairan");

        Assert.Contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", page, StringComparison.Ordinal);
        Assert.Contains("KEPUTUSAN KEPALA DINAS SOSIAL", page, StringComparison.Ordinal);
        Assert.Contains("class=\"signature\"", page, StringComparison.Ordinal);
        Assert.Equal("01/01/2025 – 31/01/2025", Html.Text(Regex.Match(page, "<span id=\"period-range\">(.*?)</span>").Groups[1].Value));
        Assert.Equal(new[] { $"#{firstDay}", $"#{lastDay}" }.Order(StringComparer.Ordinal), lines.Select(l => l[1]).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2"], lines.Select(l => l[0]));
        Assert.Equal(["01/01/2025", "31/01/2025"], lines.Select(l => l[2]).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(("Maria Goreti", "6", "Rp 10.000.000"), (l[4], l[5], l[8])));
        Assert.Contains("Rp 20.000.000", Html.Text(Regex.Match(page, "<strong id=\"total\">(.*?)</strong>").Groups[1].Value), StringComparison.Ordinal);
        Assert.Equal("2", Html.Text(Regex.Match(page, "<span id=\"beneficiaries\">(.*?)</span>").Groups[1].Value));

        Assert.Equal(2, json.GetProperty("beneficiaries").GetInt32());
        Assert.Equal(20_000_000m, json.GetProperty("total").GetDecimal());
        Assert.Equal(lines.Select(l => l[1]), json.GetProperty("lines").EnumerateArray().Select(l => "#" + l.GetProperty("proposal_id").GetInt64()));

        Assert.Equal(3, xlsx.Count);
        Assert.Equal(["No", "Usulan", "Disetujui", "Program", "Kelompok/penerima", "Ketua/wali", "Anggota", "Kecamatan", "Kabupaten/kota", "Nilai bantuan"], xlsx[0]);
        Assert.Equal(lines.Select(l => (l[0], l[1], l[2], l[3], l[4], l[5])), xlsx.Skip(1).Select(r => (r[0], "#" + r[1], r[2], r[4], r[5], r[6])));
        Assert.All(xlsx.Skip(1), r => Assert.Equal(("KUBE", "10000000"), (r[3], r[9])));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal(xlsx, csv);
        Assert.Contains("href=\"/pencairan/sk-periode\"", payments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cases_outside_the_users_region_are_not_on_the_decree_and_a_bad_period_is_refused_in_Indonesian()
    {
        var proposal = await app.ApprovedAsync("KUBE SK Wilayah", "0011339905");
        await ApprovedOnAsync(proposal, new DateTimeOffset(2025, 3, 10, 9, 0, 0, Wita));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var listing = scope.ServiceProvider.GetRequiredService<PeriodDecreeListing>();
        var period = PeriodDecreeListing.Parse("kube", "2025-03-01", "2025-03-31");
        using var kadis = await app.SignedInAsync("kadis");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");

        var sikka = await listing.HandleAsync(db, RegionScope.Parse("53.07"), period);
        var ende = await listing.HandleAsync(db, RegionScope.Parse("53.08"), period);
        using var reversed = await kadis.GetAsync("/api/decrees/approved?program=kube&from=2025-03-31&to=2025-03-01");
        var reversedPage = await kadis.GetStringAsync("/pencairan/sk-periode?program=kube&dari=2025-03-31&sampai=2025-03-01");
        using var refused = await operatorSikka.GetAsync("/api/decrees/approved?program=kube&from=2025-03-01&to=2025-03-31");

        Assert.Equal([proposal], sikka.Lines.Select(l => l.ProposalId));
        Assert.Empty(ende.Lines);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("tanggal akhir 2025-03-01 sebelum tanggal awal 2025-03-31", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sebelum tanggal awal", reversedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"decree\"", reversedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>Moves the approval of a case (its transition into the payment state) to another moment.</summary>
    private async Task ApprovedOnAsync(long proposalId, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var approval = await db.ProposalTransitions.Where(t => t.ProposalId == proposalId && t.Trigger == "approve").SingleAsync();
        approval.At = at.ToUniversalTime();
        await db.SaveChangesAsync();
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> SheetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return XlsxReadBack.Sheets(body).Values.Single();
    }
}
