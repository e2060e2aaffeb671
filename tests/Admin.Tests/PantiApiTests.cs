using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

/// <summary>The homes and residents through the real host, its demo accounts and its demo residents.</summary>
public sealed class PantiApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Naibonat = "riang-naibonat";
    private const string BudiAgung = "budi-agung";
    private const string Header =
        "kode_panti,nik,nama,jenis_kelamin,tanggal_lahir,kategori,tanggal_masuk,alamat_asal,nama_wali,hubungan_wali,tahap,tanggal_tahap,rencana_selesai,evaluasi_selesai";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<T> WithDbAsync<T>(Func<SejahteraDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SejahteraDbContext>());
    }

    private Task<long> ResidentOfAsync(string home, string stage) =>
        WithDbAsync(db => db.Residents.Where(r => r.HomeCode == home && r.Stage == stage).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());

    /// <summary>The 2018 figures of the Renstra (men, women, terminated), and the stand-in for the home it has none for.</summary>
    public static TheoryData<string, int, int, int> DemoFigures => new()
    {
        { "riang-naibonat", 44, 46, 22 },
        { "ora-et-labora", 48, 42, 13 },
        { "taruna-harapan", 46, 44, 19 },
        { "budi-agung", 26, 39, 16 },
        { "padu-wau", 24, 36, 17 },
        { "tuna-netra-karya-wanita", 12, 18, 6 },
    };

    [Theory]
    [MemberData(nameof(DemoFigures))]
    public async Task Each_home_has_demo_residents_in_its_2018_proportions_and_the_terminated_ones_are_recent_and_complete(string home, int men, int women, int terminated)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        // Demo residents are those the demo recorded; other tests of this class add or move a few.
        var demo = await WithDbAsync(db => db.Residents.AsNoTracking()
            .Where(r => r.HomeCode == home && db.ResidentStages.Any(s => s.ResidentId == r.Id && s.RecordedBy == "demo"))
            .ToListAsync());
        var terminatedByDemo = await WithDbAsync(db => db.ResidentStages.AsNoTracking()
            .Where(s => s.Stage == RehabilitationStages.Termination && s.RecordedBy == "demo")
            .Join(db.Residents.Where(r => r.HomeCode == home), s => s.ResidentId, r => r.Id, (_, r) => r)
            .ToListAsync());

        Assert.Equal((men, women), (demo.Count(r => r.Sex == "L"), demo.Count(r => r.Sex == "P")));
        Assert.Equal(terminated, terminatedByDemo.Count);
        Assert.All(terminatedByDemo, r =>
        {
            Assert.InRange(r.StageSince, today.AddDays(-61), today);
            Assert.True(r.PlanCompleted && r.EvaluationDone, $"{r.Name}: rencana dan evaluasi");
            Assert.NotEqual("", r.GuardianName);
        });
        Assert.True(demo.Select(r => r.Stage).Distinct().Count() >= 4, "tahap tersebar");
        Assert.True(demo.Count(r => r.InDtks) < demo.Count / 4, "sebagian besar tidak terdaftar di DTKS");
        Assert.Equal(demo.Count, demo.Select(r => r.Nik).Distinct().Count());
    }

    [Fact]
    public async Task UPT_staff_of_another_home_get_404_for_a_resident_just_like_for_a_missing_one()
    {
        using var client = await app.SignedInAsync("upt.naibonat");
        var other = await ResidentOfAsync(BudiAgung, "intervensi");

        using var api = await client.GetAsync($"/api/panti/residents/{other}");
        using var missing = await client.GetAsync("/api/panti/residents/987654321");
        using var stage = await client.PostAsJsonAsync($"/api/panti/residents/{other}/stages", new { stage = "resosialisasi", on = "2026-01-01", row_version = 0 });
        using var page = await client.GetAsync($"/panti/penghuni/{other}");
        using var home = await client.GetAsync($"/panti/rumah/{BudiAgung}");
        using var homeApi = await client.GetAsync($"/api/panti/homes/{BudiAgung}/residents");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { api.StatusCode, missing.StatusCode, stage.StatusCode, page.StatusCode, home.StatusCode, homeApi.StatusCode });
        var shown = (await Json(api)).GetProperty("detail").GetString()!;
        var absent = (await Json(missing)).GetProperty("detail").GetString()!;
        Assert.Equal(absent.Replace("987654321", "ID", StringComparison.Ordinal), shown.Replace(other.ToString(CultureInfo.InvariantCulture), "ID", StringComparison.Ordinal));
        Assert.Equal("intervensi", await WithDbAsync(db => db.Residents.Where(r => r.Id == other).Select(r => r.Stage).SingleAsync()));
    }

    [Fact]
    public async Task UPT_staff_see_only_their_own_home_and_are_taken_straight_to_it()
    {
        using var client = await app.SignedInAsync("upt.naibonat");

        var homes = (await Json(await client.GetAsync("/api/panti/homes"))).EnumerateArray().Select(h => h.GetProperty("code").GetString()).ToList();
        using var index = await client.GetAsync("/panti");
        using var residentsPage = await client.GetAsync($"/api/panti/homes/{Naibonat}/residents");
        var residents = await Json(residentsPage);

        Assert.Equal([Naibonat], homes);
        Assert.Equal(HttpStatusCode.Redirect, index.StatusCode);
        Assert.Equal($"/panti/rumah/{Naibonat}", index.Headers.Location!.OriginalString);
        Assert.True(int.Parse(residentsPage.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 90);
        Assert.Equal(Engine.Listing.PageRequest.DefaultPageSize, residents.GetProperty("residents").GetArrayLength());
        Assert.DoesNotContain("*", residents.GetProperty("residents")[0].GetProperty("nik").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_every_home_and_its_residents_with_NIKs_masked_and_can_search_by_name_but_not_record()
    {
        using var client = await app.SignedInAsync("pengamat");
        var name = await WithDbAsync(db => db.Residents.Where(r => r.HomeCode == "padu-wau").OrderBy(r => r.Id).Select(r => r.Name).FirstAsync());
        var id = await ResidentOfAsync("padu-wau", "intervensi");

        var homes = await Json(await client.GetAsync("/api/panti/homes"));
        var found = await Json(await client.GetAsync($"/api/panti/homes/padu-wau/residents?q={Uri.EscapeDataString(name.Split(' ')[0].ToUpperInvariant())}"));
        var list = await client.GetStringAsync("/panti");
        var page = await client.GetStringAsync($"/panti/penghuni/{id}");
        using var badYear = await client.GetAsync("/api/panti/homes?year=99999");

        Assert.Equal(PantiHomeCatalog.All.Select(h => h.Code), homes.EnumerateArray().Select(h => h.GetProperty("code").GetString()));
        var matches = found.GetProperty("residents").EnumerateArray().ToList();
        Assert.Contains(matches, r => r.GetProperty("name").GetString() == name);
        Assert.All(matches, r => Assert.Contains(name.Split(' ')[0], r.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(matches, r => Assert.Matches("^[0-9]{4}\\*{8}[0-9]{4}$", r.GetProperty("nik").GetString()));
        Assert.Contains("Seksi Kesos Lanjut Usia Padu Wau Maumere", list, StringComparison.Ordinal);
        Assert.Contains("Riwayat tahap", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"record-stage\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("Tahun 99999 tidak sah", (await Json(badYear)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UPT_staff_record_the_next_stage_and_a_second_change_on_the_same_version_is_a_conflict()
    {
        using var client = await app.SignedInAsync("upt.naibonat");
        using var rehsos = await app.SignedInAsync("rehsos");
        var id = await ResidentOfAsync(Naibonat, "intervensi");
        var before = await Json(await client.GetAsync($"/api/panti/residents/{id}"));
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var version = before.GetProperty("row_version").GetInt32();

        using var refused = await rehsos.PostAsJsonAsync($"/api/panti/residents/{id}/stages", new { stage = "resosialisasi", on = today, row_version = version });
        using var recorded = await client.PostAsJsonAsync($"/api/panti/residents/{id}/stages",
            new { stage = "resosialisasi", on = today, plan_completed = true, row_version = version });
        using var stale = await client.PostAsJsonAsync($"/api/panti/residents/{id}/stages", new { stage = "terminasi", on = today, row_version = version });
        using var backwards = await client.PostAsJsonAsync($"/api/panti/residents/{id}/stages", new { stage = "intervensi", on = today, row_version = version + 1 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var after = await Json(recorded);
        Assert.Equal(("resosialisasi", today, true, "upt.naibonat"),
            (after.GetProperty("stage").GetString(), after.GetProperty("stage_since").GetString(), after.GetProperty("plan_completed").GetBoolean(), after.GetProperty("updated_by").GetString()));
        var last = after.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("resosialisasi", today, "upt.naibonat"), (last.GetProperty("stage").GetString(), last.GetProperty("on").GetString(), last.GetProperty("recorded_by").GetString()));
        Assert.Equal(before.GetProperty("history").GetArrayLength() + 1, after.GetProperty("history").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("tidak boleh mundur", (await Json(backwards)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UPT_staff_import_their_home_and_the_rows_of_another_home_are_rejected_with_the_reason()
    {
        using var client = await app.SignedInAsync("upt.naibonat");
        var csv = string.Join('\n',
            Header,
            "riang-naibonat,5301054112140777,Yasinta Lado,P,2014-12-01,anak,2025-02-03,Desa Naibonat,Agustina Lado,ibu,pendekatan-awal,2025-02-03,tidak,tidak",
            "budi-agung,5371010202440777,Petrus Kase,L,1944-02-02,lansia,2020-01-10,Kota Kupang,,,intervensi,2021-01-01,tidak,tidak") + "\n";

        using var plain = await client.PostAsync("/api/panti/import", new StringContent(csv, Encoding.UTF8, "text/plain"));
        using var first = await client.PostAsync("/api/panti/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        using var second = await client.PostAsync("/api/panti/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await Json(first);
        Assert.Equal((2, 1, 0, 0), (result.GetProperty("read").GetInt32(), result.GetProperty("added").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("unchanged").GetInt32()));
        var rejected = Assert.Single(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Equal("panti budi-agung bukan panti Anda (riang-naibonat)", rejected.GetProperty("reason").GetString());
        var again = await Json(second);
        Assert.Equal((0, 0, 1), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.False(await WithDbAsync(db => db.Residents.AnyAsync(r => r.Nik == "5371010202440777")));
    }

    [Fact]
    public async Task The_import_page_shows_the_counts_and_every_rejected_line_and_is_only_for_the_homes_staff()
    {
        using var client = await app.SignedInAsync("upt.naibonat");
        using var rehsos = await app.SignedInAsync("rehsos");
        var form = await client.GetStringAsync("/panti/impor");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AppFixture.AntiforgeryTokenIn(form)), "__RequestVerificationToken" },
            {
                new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "\nriang-naibonat,5301051203150888,Dominikus Tefa,L,2015-03-12,anak,2024-05-06,Desa Oebelo,Yakobus Tefa,ayah,rencana-intervensi,2025-01-01,tidak,tidak\n"
                    + "riang-naibonat,530105120315088,Dominikus Tefa,L,2015-03-12,anak,2024-05-06,Desa Oebelo,Yakobus Tefa,ayah,rencana-intervensi,2025-01-01,tidak,tidak\n")),
                "Upload", "penghuni.csv"
            },
        };

        using var posted = await client.PostAsync("/panti/impor", content);
        using var refused = await rehsos.GetAsync("/panti/impor");

        var page = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("2 baris dibaca · 1 penghuni baru · 0 diperbarui · 0 tidak berubah · 1 baris ditolak", page, StringComparison.Ordinal);
        Assert.Matches("<td class=\"num\">3</td><td class=\"nik\">[0-9]+</td><td>NIK harus 16 digit", page);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
