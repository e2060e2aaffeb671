using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests;

public sealed class QuotaApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Sikka = "53.07";

    /// <summary>A finished run with 2 layak and 4 layak-dalam-kuota Sembako decisions in Sikka, on households of the demo registry.</summary>
    private async Task<(long RunId, List<long> Desil3)> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var households = await db.Households.Where(h => h.KabupatenCode == Sikka).OrderBy(h => h.Id).Take(6).ToListAsync();
        var run = new ScreeningRun { Period = "2020-10", Programs = "bansos-sembako", AsOf = new DateOnly(2025, 6, 1), Status = ScreeningStatus.Done, RequestedBy = "uji",
            CountsJson = """{"outcomes":{"bansos-sembako":{"layak":2,"layak-dalam-kuota":4}},"amounts":{"bansos-sembako":1200000},"by_kabupaten":{"53.07":{"bansos-sembako":{"layak":2,"layak-dalam-kuota":4}}}}""" };
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync();
        // Compact decisions as a run stores them: captured by the version in force for a household of desil 1 (layak) or 3 (in the quota).
        var ruleSet = await scope.ServiceProvider.GetRequiredService<RuleSetCatalog>().InForceAsync(db, "bansos-sembako", run.AsOf, default);
        db.ScreeningRuleSets.Add(new ScreeningRuleSet { RunId = run.Id, Program = "bansos-sembako", Version = ruleSet.Version, RuleSetHash = ruleSet.Hash });
        var nextId = (await db.ScreeningResults.MaxAsync(r => (long?)r.Id) ?? 0) + 1;
        for (var i = 0; i < households.Count; i++)
        {
            var fact = new Rules.Facts.Household
            {
                Id = households[i].IdDtks, KabupatenCode = Sikka, Desil = i < 2 ? 1 : 3,
                Members = [new Rules.Facts.Person { Nik = "5307010101900001", Name = "Uji", BirthDate = new DateOnly(1990, 1, 1), Relation = 1 }],
            };
            var d = ruleSet.Capture(fact, run.AsOf);
            Assert.Equal(i < 2 ? "layak" : "layak-dalam-kuota", d.Outcome);
            db.ScreeningResults.Add(new ScreeningResult
            {
                Id = nextId + i, RunId = run.Id, HouseholdId = households[i].Id, KabupatenCode = Sikka, Program = "bansos-sembako",
                Outcome = d.Outcome, Amount = d.Amount, PassedMask = d.PassedMask, SentenceValues = d.Values,
            });
        }
        await db.SaveChangesAsync();
        // The stated rank: desil, then most members, then household id.
        var desil3 = households.Skip(2).OrderBy(h => h.Desil).ThenByDescending(h => h.MemberCount).ThenBy(h => h.Id).Select(h => h.Id).ToList();
        return (run.Id, desil3);
    }

    [Fact]
    public async Task An_admin_enters_a_quota_and_the_run_shows_who_is_in_and_who_waits_through_the_API_and_on_its_page()
    {
        using var admin = await app.SignedInAsync("admin");
        var (runId, desil3) = await RunAsync();

        using var put = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-sembako", kabupaten = Sikka, quota = 4 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var json = JsonDocument.Parse(await admin.GetStringAsync($"/api/screenings/{runId}/quota?program=bansos-sembako&kabupaten={Sikka}")).RootElement;
        var use = json.GetProperty("quotas").EnumerateArray().Single();
        Assert.Equal((4, 2L, 2L, 2L, false), (use.GetProperty("quota").GetInt32(), use.GetProperty("used_by_eligible").GetInt64(),
            use.GetProperty("given").GetInt64(), use.GetProperty("waiting").GetInt64(), use.GetProperty("exceeded").GetBoolean()));
        var rows = json.GetProperty("households").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(desil3, rows.Select(r => r.GetProperty("household_id").GetInt64()));
        Assert.Equal([3L, 4L, 5L, 6L], rows.Select(r => r.GetProperty("rank").GetInt64()));
        Assert.Equal(["masuk kuota", "masuk kuota", "menunggu", "menunggu"], rows.Select(r => r.GetProperty("status").GetString()));

        var page = await admin.GetStringAsync($"/penyaringan/{runId}?program=bansos-sembako&kabupaten={Sikka}");
        var use0 = Html.TableRows(page, "quota-use").Single();
        Assert.Equal(["Kabupaten Sikka", "4", "2", "2", "2"], use0.Take(5));
        var places = Html.TableRows(page, "quota-places");
        Assert.Equal(["3", "masuk kuota"], places[0].Take(2));
        Assert.Equal(["6", "menunggu"], places[3].Take(2));
        Assert.Contains("layak dalam kuota", Html.Text(page), StringComparison.Ordinal);
        // Desil 3 reads as eligible within quota, in its own style, not as "not eligible".
        Assert.Contains("<span class=\"outcome quota\">layak-dalam-kuota</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"outcome no\">layak-dalam-kuota</span>", page, StringComparison.Ordinal);
        var list = await admin.GetStringAsync("/penyaringan/kuota");
        Assert.Equal(["Kabupaten Sikka", "Sembako", "4", "admin"], Html.TableRows(list, "quotas").Single(r => r[0] == "Kabupaten Sikka").Take(4));
    }

    [Fact]
    public async Task The_household_page_shows_desil_3_as_eligible_within_quota_in_its_own_style()
    {
        using var admin = await app.SignedInAsync("admin");
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            id = await db.Households.Where(h => h.Desil == 3).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
        }

        var household = await admin.GetStringAsync($"/registri/rumah-tangga/{id}?tanggal=2025-06-01");

        Assert.Contains("class=\"outcome quota\" title=\"layak hanya dalam kuota kabupaten/kota (desil 3 sejak DTSEN)\">layak-dalam-kuota", household, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quota_smaller_than_the_desil_1_and_2_households_shows_as_exceeded()
    {
        using var admin = await app.SignedInAsync("kadis");
        var (runId, _) = await RunAsync();
        using var put = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-sembako", kabupaten = Sikka, quota = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var page = await admin.GetStringAsync($"/penyaringan/{runId}?program=bansos-sembako&kabupaten={Sikka}");

        Assert.Contains("kuota terlampaui: 2 rumah tangga desil 1–2 tetap layak", Html.Text(page), StringComparison.Ordinal);
        Assert.All(Html.TableRows(page, "quota-places"), r => Assert.Equal("menunggu", r[1]));
    }

    [Fact]
    public async Task A_negative_quota_an_unknown_program_or_kabupaten_or_an_operator_is_refused_in_Indonesian_and_nothing_changes()
    {
        using var admin = await app.SignedInAsync("admin");
        using var op = await app.SignedInAsync("operator.sikka");
        using var first = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-pbi-jk", kabupaten = "53.01", quota = 50 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var negative = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-pbi-jk", kabupaten = "53.01", quota = -5 });
        using var program = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "pkh", kabupaten = "53.01", quota = 5 });
        using var kabupaten = await admin.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-pbi-jk", kabupaten = "99.99", quota = 5 });
        using var forbidden = await op.PutAsJsonAsync("/api/screening-quotas", new { program = "bansos-pbi-jk", kabupaten = "53.01", quota = 5 });
        var form = await op.GetStringAsync("/penyaringan/kuota");

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("tidak boleh negatif", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, program.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, kabupaten.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Peran Anda tidak boleh mengisi kuota", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"quota-form\"", form, StringComparison.Ordinal);
        var quotas = JsonDocument.Parse(await admin.GetStringAsync("/api/screening-quotas")).RootElement.EnumerateArray()
            .Where(q => q.GetProperty("kabupaten").GetString() == "53.01").ToList();
        Assert.Equal(50, quotas.Single().GetProperty("quota").GetInt32());
    }

    [Fact]
    public async Task The_quota_form_saves_a_quota_and_shows_a_refusal_without_saving()
    {
        using var admin = await app.SignedInAsync("admin");
        var form = await admin.GetStringAsync("/penyaringan/kuota");

        using var saved = await admin.PostAsync("/penyaringan/kuota", Form(form, "53.10", "12"));
        using var refused = await admin.PostAsync("/penyaringan/kuota", Form(form, "53.10", "-3"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("disimpan: 12 rumah tangga", Html.Text(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var after = await refused.Content.ReadAsStringAsync();
        Assert.Contains("kuota tidak boleh negatif", Html.Text(after), StringComparison.Ordinal);
        Assert.Contains(Html.TableRows(after, "quotas"), r => r[2] == "12");
    }

    private static FormUrlEncodedContent Form(string page, string kabupaten, string quota) => new(new Dictionary<string, string>
    {
        ["Program"] = "bansos-sembako", ["Kabupaten"] = kabupaten, ["Quota"] = quota,
        ["__RequestVerificationToken"] = AppFixture.AntiforgeryTokenIn(page),
    });
}
