using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>The Renstra indicators through the real host with its demo catalog and the demo values of 2023.</summary>
public sealed class IndicatorApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static object Entry(string? evidence = "JVBERi0xLjQK") => new { year = 2023, month = 6, value = 3, note = "rekap Juni", evidence_name = "rekap.pdf", evidence_base64 = evidence };

    [Fact]
    public async Task Who_may_not_enter_verify_or_compute_gets_403_before_anything_is_checked_or_changed()
    {
        using var viewer = await app.SignedInAsync("pengamat");
        using var otherBidang = await app.SignedInAsync("staf.pfm");
        using var staff = await app.SignedInAsync("staf.rehsos");

        using var byViewer = await viewer.PostAsJsonAsync("/api/indicators/PS-12/values", Entry());
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        using var fromOtherBidang = await otherBidang.PostAsJsonAsync("/api/indicators/PS-12/values", Entry());
        Assert.Equal(HttpStatusCode.Forbidden, fromOtherBidang.StatusCode);
        Assert.Contains("Bidang Rehabilitasi Sosial", (await Json(fromOtherBidang)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var verifyByStaff = await staff.PostAsync("/api/indicators/values/1/verify", null);
        Assert.Equal(HttpStatusCode.Forbidden, verifyByStaff.StatusCode);
        using var computeByViewer = await viewer.PostAsync("/api/indicators/compute?month=2023-05", null);
        Assert.Equal(HttpStatusCode.Forbidden, computeByViewer.StatusCode);
        using var noEvidence = await staff.PostAsJsonAsync("/api/indicators/PS-12/values", Entry(evidence: null));
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("bukti (foto JPEG/PNG atau PDF) wajib", (await Json(noEvidence)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknown = await staff.GetAsync("/api/indicators/XX-99");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_demo_year_reads_the_same_in_the_dashboard_the_T_C_23_rows_and_the_CSV()
    {
        using var planner = await app.SignedInAsync("perencana");

        var dashboard = await Json(await planner.GetAsync("/api/indicators?tahun=2023&program=REHSOS"));
        var rs02 = dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "RS-02");
        var realization = rs02.GetProperty("realization").GetDecimal();
        Assert.True(realization > 0);
        Assert.Equal(12, rs02.GetProperty("cumulative").GetArrayLength());
        Assert.Equal(realization, rs02.GetProperty("cumulative")[11].GetDecimal());

        var tc23 = await Json(await planner.GetAsync("/api/indicators/reports/tc23?from=2023&to=2023"));
        var row = tc23.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "RS-02");
        Assert.Equal((realization, rs02.GetProperty("ratio").GetInt32()), (row.GetProperty("realization").GetDecimal(), row.GetProperty("ratio").GetInt32()));

        var csv = await planner.GetStringAsync("/api/indicators/reports/tc23?from=2023&to=2023&format=csv");
        Assert.StartsWith("kode,program,kegiatan,indikator,satuan,tahun,target,realisasi,rasio", csv, StringComparison.Ordinal);
        Assert.Contains($"\"RS-02\",", csv, StringComparison.Ordinal);

        var tc24 = await Json(await planner.GetAsync("/api/indicators/reports/tc24?from=2023&to=2023"));
        var kegiatan = tc24.EnumerateArray().Single(r => r.GetProperty("kegiatan").GetString() == "Pengelolaan Data Fakir Miskin Cakupan Daerah Provinsi");
        Assert.Contains("LJ-13", kegiatan.GetProperty("measured_indicators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(6_500_000_000m, kegiatan.GetProperty("measured_budget").GetDecimal());
    }

    [Fact]
    public async Task The_Kepala_Bidang_finds_the_demo_value_left_waiting_and_may_not_verify_a_value_of_another_bidang()
    {
        using var kabid = await app.SignedInAsync("kabid.rehsos");
        var pending = (await Json(await kabid.GetAsync("/api/indicators/values/pending"))).EnumerateArray().ToList();
        Assert.Contains(pending, v => v.GetProperty("year").GetInt32() == 2023 && v.GetProperty("month").GetInt32() == 12);

        using var pfm = await app.SignedInAsync("kabid.pfm");
        var id = pending[0].GetProperty("id").GetInt64();
        using var refused = await pfm.PostAsync($"/api/indicators/values/{id}/verify", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var reject = await kabid.PostAsJsonAsync($"/api/indicators/values/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, reject.StatusCode);
        Assert.Contains("alasan", (await Json(reject)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
