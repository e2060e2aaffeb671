using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests;

/// <summary>
/// The PKH evaluation runs, the staff accounts and the audit log as lists of the API and, for the last two, pages for
/// the admin; search-as-you-type on the payment batches and a screening run's households.
/// </summary>
public sealed class AdministrationListTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Invariant(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_PKH_evaluation_runs_page_in_the_API_beyond_100_with_the_paging_headers_and_a_bad_filter_is_refused_in_Indonesian()
    {
        await app.InDatabaseAsync(async db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.PkhEvaluationRuns.Add(new PkhEvaluationRun
                {
                    Period = "2019", AsOf = new DateOnly(2019, 1, 1).AddDays(i), Evaluated = 10, Candidates = i % 9, Opened = 0, StartedBy = "koordinator.sikka",
                    StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch,
                });
            }

            return await db.SaveChangesAsync();
        });
        var total = await app.InDatabaseAsync(db => db.PkhEvaluationRuns.CountAsync());
        using var coordinator = await app.SignedInAsync("koordinator.sikka");
        using var viewer = await app.SignedInAsync("pengamat");

        using var page1 = await coordinator.GetAsync("/api/pkh/evaluations");
        using var page3 = await coordinator.GetAsync("/api/pkh/evaluations?page=3");
        using var of2019 = await coordinator.GetAsync("/api/pkh/evaluations?period=2019&sort=-kandidat&page_size=200");
        using var badStatus = await coordinator.GetAsync("/api/pkh/evaluations?status=done");
        using var refused = await viewer.GetAsync("/api/pkh/evaluations");
        using var json = JsonDocument.Parse(await of2019.Content.ReadAsStringAsync());
        using var problem = JsonDocument.Parse(await badStatus.Content.ReadAsStringAsync());

        Assert.True(total > 100, $"{total} runs");
        Assert.Equal(Invariant(total), page1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("-nomor", page1.Headers.GetValues("X-Sort").Single());
        Assert.Contains("rel=\"next\"", page1.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(50, Ids(await page1.Content.ReadAsStringAsync()).Count);
        Assert.Empty(Ids(await page1.Content.ReadAsStringAsync()).Intersect(Ids(await page3.Content.ReadAsStringAsync())));
        Assert.Equal("120", of2019.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("-kandidat", of2019.Headers.GetValues("X-Sort").Single());
        var candidates = json.RootElement.EnumerateArray().Select(r => r.GetProperty("candidates").GetInt32()).ToList();
        Assert.Equal(candidates.OrderDescending(), candidates);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("Filter tidak sah", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("Status 'done' tidak dikenal; pilih selesai atau berjalan", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_admin_lists_filters_and_searches_the_accounts_on_the_users_page_and_in_the_API_and_no_one_else_may()
    {
        var accounts = await app.InDatabaseAsync(db => db.Users.CountAsync());
        var sikka = await app.InDatabaseAsync(db => db.Users.CountAsync(u => ("," + u.RegionScope + ",").Contains(",53.07,")));
        using var admin = await app.SignedInAsync("admin");
        using var verifier = await app.SignedInAsync("verifikator.sikka");

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/pengguna"));
        using var all = await admin.GetAsync("/api/users?page_size=200");
        using var inSikka = await admin.GetAsync("/api/users?kabupaten=53.07&page_size=200");
        using var pendamping = await admin.GetAsync("/api/users?role=pendamping");
        using var byName = await admin.GetAsync("/api/users?q=sikka%202");
        using var tooShort = await admin.GetAsync("/api/users?q=x");
        using var asTyped = new HttpRequestMessage(HttpMethod.Get, "/pengguna?q=verifikator&urut=-nama");
        asTyped.Headers.Add("HX-Request", "true");
        using var fragment = await admin.SendAsync(asTyped);
        var fragmentHtml = WebUtility.HtmlDecode(await fragment.Content.ReadAsStringAsync());
        var nothing = WebUtility.HtmlDecode(await admin.GetStringAsync("/pengguna?q=tidak-ada-akun-ini"));
        using var pageRefused = await verifier.GetAsync("/pengguna");
        using var apiRefused = await verifier.GetAsync("/api/users");
        var verifierPage = await verifier.GetStringAsync("/usulan");
        using var found = JsonDocument.Parse(await byName.Content.ReadAsStringAsync());
        using var pendampingJson = JsonDocument.Parse(await pendamping.Content.ReadAsStringAsync());

        Assert.Contains("<a href=\"/pengguna\" class=\"nav-link active\" aria-current=\"page\"", page, StringComparison.Ordinal);
        Assert.Contains("Pendamping/TKSK", Html.Text(page), StringComparison.Ordinal);
        Assert.Contains("Menampilkan 1–", page, StringComparison.Ordinal);
        Assert.Equal(Invariant(accounts), all.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(Invariant(sikka), inSikka.Headers.GetValues("X-Total-Count").Single());
        Assert.All(pendampingJson.RootElement.EnumerateArray(), u => Assert.Equal(["pendamping"], u.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.Contains(pendampingJson.RootElement.EnumerateArray(), u => u.GetProperty("role_labels")[0].GetString() == "Pendamping/TKSK");
        Assert.Equal("pendamping.sikka2", Assert.Single(found.RootElement.EnumerateArray()).GetProperty("user_name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("Ketik sedikitnya 2 huruf", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("verifikator.sikka", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("Tidak ada pengguna yang cocok dengan saringan ini.", nothing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pageRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
        Assert.Contains("Peran Anda tidak boleh melihat daftar pengguna dan log audit", await apiRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/pengguna\"", verifierPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_reads_the_audit_log_newest_first_filtered_by_actor_action_subject_type_and_dates_and_searched_by_subject()
    {
        var day = new DateTimeOffset(2025, 2, 10, 2, 0, 0, TimeSpan.Zero);
        await app.InDatabaseAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                await AuditLog.AppendAsync(db, day.AddHours(i), i % 2 == 0 ? "bendahara" : "kadis", i % 2 == 0 ? "payment-batch.create" : "screening.quota.set",
                    i % 2 == 0 ? $"batch 77{i:00}" : $"bansos-sembako 53.07", "{}", default);
            }

            return 0;
        });
        var entries = await app.InDatabaseAsync(db => db.AuditEntries.CountAsync());
        using var admin = await app.SignedInAsync("admin");
        using var verifier = await app.SignedInAsync("verifikator.sikka");

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/audit"));
        var batches = WebUtility.HtmlDecode(await admin.GetStringAsync("/audit?pelaku=bendahara&jenis=payment-batch&dari=2025-02-10&sampai=2025-02-10"));
        using var all = await admin.GetAsync("/api/audit");
        using var bySubject = await admin.GetAsync("/api/audit?q=batch%207758");
        using var quota = await admin.GetAsync("/api/audit?action=screening.quota.set&from=2025-02-10&to=2025-02-11");
        using var badDate = await admin.GetAsync("/api/audit?from=10-02-2025");
        using var asTyped = new HttpRequestMessage(HttpMethod.Get, "/audit?q=batch%207700");
        asTyped.Headers.Add("HX-Request", "true");
        using var fragment = await admin.SendAsync(asTyped);
        var fragmentHtml = WebUtility.HtmlDecode(await fragment.Content.ReadAsStringAsync());
        var badPage = WebUtility.HtmlDecode(await admin.GetStringAsync("/audit?dari=kemarin"));
        using var refused = await verifier.GetAsync("/audit");
        using var found = JsonDocument.Parse(await bySubject.Content.ReadAsStringAsync());
        using var problem = JsonDocument.Parse(await badDate.Content.ReadAsStringAsync());

        Assert.Contains("<a href=\"/pengguna\" class=\"nav-link active\" aria-current=\"page\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">Log audit</a>", page, StringComparison.Ordinal);
        Assert.Contains("buat batch pembayaran", page, StringComparison.Ordinal);
        Assert.Contains("Batch pembayaran", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">payment-batch.create<", page, StringComparison.Ordinal);
        Assert.Equal(Invariant(entries), all.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(Ids(await all.Content.ReadAsStringAsync()).OrderDescending(), Ids(await all.Content.ReadAsStringAsync()));
        // 10 February WITA ends at 16:00 UTC: the bendahara's entries at 02:00, 04:00 … 14:00 UTC.
        Assert.Equal(7, Html.TableRows(batches, "audit").Count);
        var entry = Assert.Single(found.RootElement.EnumerateArray());
        Assert.Equal(("batch 7758", "buat batch pembayaran", "payment-batch"),
            (entry.GetProperty("subject").GetString(), entry.GetProperty("action_label").GetString(), entry.GetProperty("subject_type").GetString()));
        Assert.Equal("19", quota.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("Filter tidak sah", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("tulis sebagai tahun-bulan-tanggal", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Html.TableRows(fragmentHtml, "audit"));
        Assert.Contains("Tanggal dari 'kemarin' tidak sah", badPage, StringComparison.Ordinal);
        Assert.Contains("Tidak ada entri audit yang cocok dengan saringan ini.", badPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task The_payment_batches_and_a_screening_runs_households_answer_a_typed_search_with_the_list_alone()
    {
        var runId = await app.ScreenAsync("53.07");
        var someone = await app.InDatabaseAsync(db => db.ScreeningResults.Where(r => r.RunId == runId).OrderBy(r => r.HouseholdId)
            .Join(db.Households, r => r.HouseholdId, h => h.Id, (r, h) => h.IdDtks).FirstAsync());
        using var kabid = await app.SignedInAsync("kabid.pfm");
        using var bendahara = await app.SignedInAsync("bendahara");

        using var results = new HttpRequestMessage(HttpMethod.Get, $"/penyaringan/{runId}?q={someone}");
        results.Headers.Add("HX-Request", "true");
        using var resultsFragment = await kabid.SendAsync(results);
        var resultsHtml = WebUtility.HtmlDecode(await resultsFragment.Content.ReadAsStringAsync());
        var runPage = await kabid.GetStringAsync($"/penyaringan/{runId}?q={someone}");
        using var batches = new HttpRequestMessage(HttpMethod.Get, "/pencairan?q=tidak-ada-pemilik-ini");
        batches.Headers.Add("HX-Request", "true");
        using var batchesFragment = await bendahara.SendAsync(batches);
        var batchesHtml = WebUtility.HtmlDecode(await batchesFragment.Content.ReadAsStringAsync());
        var batchPage = await bendahara.GetStringAsync("/pencairan");

        Assert.DoesNotContain("<html", resultsHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(someone, resultsHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"results\"", resultsHtml, StringComparison.Ordinal);
        Assert.Contains("hx-target=\"#result-list\"", runPage, StringComparison.Ordinal);
        Assert.Contains("htmx.min.js", runPage, StringComparison.Ordinal);
        Assert.Contains($"value=\"{someone}\"", runPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", batchesHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Tidak ada data yang cocok.", batchesHtml, StringComparison.Ordinal);
        Assert.Contains("hx-target=\"#batch-list\"", batchPage, StringComparison.Ordinal);
        Assert.Contains("htmx.min.js", batchPage, StringComparison.Ordinal);
    }

    private static List<long> Ids(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
    }
}
