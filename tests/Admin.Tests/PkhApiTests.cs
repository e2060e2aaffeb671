using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

/// <summary>The PKH families through the real host, its demo accounts and its demo KPM of Sikka.</summary>
public sealed class PkhApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<T> WithDbAsync<T>(Func<SejahteraDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SejahteraDbContext>());
    }

    [Fact]
    public async Task The_demo_has_KPM_of_Sikka_for_this_year_each_with_a_demo_pendamping_bound_to_its_desa()
    {
        var year = DateTime.Now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var kpm = await WithDbAsync(db => db.Kpms.AsNoTracking().ToListAsync());
        var bindings = await WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("pendamping.sikka"))
            .ToDictionaryAsync(u => u.UserName!, u => (u.DesaCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)));

        Assert.NotEmpty(kpm);
        Assert.All(kpm, k =>
        {
            Assert.Equal((year, "53.07"), (k.Period, k.KabupatenCode));
            Assert.Contains(k.DesaCode, bindings[k.Pendamping]);
            Assert.InRange(k.YearOfEntry, 2010, 2024);
        });
        Assert.InRange(bindings["pendamping.sikka"].Length, 1, 5);
        Assert.Empty(bindings["pendamping.sikka"].Intersect(bindings["pendamping.sikka2"]));
        Assert.Contains(kpm, k => k.HouseholdId is not null && k.Desil is not null);
        Assert.Contains(kpm, k => k.CommitmentWarnings > 0 || k.P2k2Attendance < 0.7m);
    }

    [Fact]
    public async Task A_pendamping_lists_only_the_families_of_their_desa_and_gets_404_for_a_family_of_another_desa()
    {
        var mine = await WithDbAsync(db => db.Kpms.AsNoTracking().Where(k => k.Pendamping == "pendamping.sikka").OrderBy(k => k.Id).FirstAsync());
        var desa = await WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName == "pendamping.sikka").Select(u => u.DesaCodes).SingleAsync());
        using var first = await app.SignedInAsync("pendamping.sikka");
        using var second = await app.SignedInAsync("pendamping.sikka2");
        using var coordinator = await app.SignedInAsync("koordinator.sikka");

        using var own = await first.GetAsync($"/api/pkh/kpm/{mine.Id}");
        using var list = await first.GetAsync("/api/pkh/kpm?halaman=1");
        using var other = await second.GetAsync($"/api/pkh/kpm/{mine.Id}");
        using var missing = await second.GetAsync("/api/pkh/kpm/987654321");
        using var page = await second.GetAsync($"/pkh/kpm/{mine.Id}");
        using var coordinators = await coordinator.GetAsync($"/api/pkh/kpm/{mine.Id}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var family = await Json(own);
        Assert.Equal(mine.KpmCode, family.GetProperty("id_kpm").GetString());
        // The amount shown is the one the pkh-bantuan rule set gives the family today.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var expected = await WithDbAsync(async db => (await new Sejahtera.Engine.Eligibility.RuleSetCatalog().InForceAsync(db, "pkh-bantuan", today, default))
            .Evaluate(Sejahtera.Engine.Pkh.KpmFacts.Family(mine, today), today).Amount);
        Assert.Equal(expected, family.GetProperty("assistance").GetProperty("amount").GetDecimal());
        var listed = (await Json(list)).GetProperty("kpm").EnumerateArray().Select(k => k.GetProperty("desa_code").GetString()).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, d => Assert.Contains(d!, desa!.Split(',')));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, missing.StatusCode, page.StatusCode));
        Assert.Equal((await Json(missing)).GetProperty("detail").GetString()!.Replace("987654321", mine.Id.ToString(), StringComparison.Ordinal),
            (await Json(other)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, coordinators.StatusCode);
    }

    [Fact]
    public async Task The_pages_show_the_list_the_family_and_the_summary_in_Indonesian()
    {
        var kpm = await WithDbAsync(db => db.Kpms.AsNoTracking().OrderBy(k => k.Id).FirstAsync());
        using var client = await app.SignedInAsync("kabid.pfm");

        var list = await client.GetStringAsync($"/pkh?q={kpm.KpmCode}");
        var family = await client.GetStringAsync($"/pkh/kpm/{kpm.Id}");
        var summary = await client.GetStringAsync("/pkh/ringkasan");

        Assert.Contains($"/pkh/kpm/{kpm.Id}", list, StringComparison.Ordinal);
        Assert.Contains("Kehadiran P2K2", family, StringComparison.Ordinal);
        Assert.Contains("aturan pkh-bantuan versi", family, StringComparison.Ordinal);
        Assert.Contains(kpm.Pendamping, summary, StringComparison.Ordinal);
        Assert.Contains("Target 10 graduasi setahun", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coordinator_imports_through_the_API_and_lines_of_another_kabupaten_are_rejected_with_their_number()
    {
        var year = DateTime.Now.Year;
        var csv = "periode,id_kpm,no_kk,nik_pengurus,nama_pengurus,kode_desa,tahun_masuk,ibu_hamil,anak_usia_dini,anak_sd,anak_smp,anak_sma,lansia,disabilitas_berat,"
            + "peringatan_komitmen,kehadiran_p2k2,kehadiran_sekolah,pendamping\n"
            + $"{year},API-0001,5307019999000001,5307014505850001,Yuliana Nona,53.07.01.2001,2019,0,1,1,0,0,0,0,0,80%,90%,pendamping.sikka\n"
            + $"{year},API-0002,5308019999000002,5308014505850002,Agnes Wea,53.08.01.2002,2019,0,1,1,0,0,0,0,0,80%,90%,pendamping.sikka\n";
        using var client = await app.SignedInAsync("koordinator.sikka");

        using var response = await client.PostAsync("/api/pkh/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        using var again = await client.PostAsync("/api/pkh/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        using var plain = await client.PostAsync("/api/pkh/import", new StringContent(csv, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json(response);
        Assert.Equal((1, 1), (result.GetProperty("added").GetInt32(), result.GetProperty("not_in_dtks").GetInt32()));
        var rejected = Assert.Single(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Contains("di luar wilayah Anda", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 1), ((await Json(again)).GetProperty("added").GetInt32(), (await Json(again)).GetProperty("unchanged").GetInt32()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
    }
}
