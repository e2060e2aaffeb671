using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class ListPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Sikka = "53.07";
    private const string Ende = "53.08";

    [Fact]
    public async Task The_proposals_page_and_API_list_every_case_of_the_region_a_page_at_a_time_with_the_total()
    {
        using var client = await app.SignedInAsync("kadis");
        var total = await app.InDatabaseAsync(db => db.Proposals.CountAsync());

        var page1 = WebUtility.HtmlDecode(await client.GetStringAsync("/usulan"));
        var page2 = WebUtility.HtmlDecode(await client.GetStringAsync("/usulan?halaman=2"));
        using var api1 = await client.GetAsync("/api/proposals");
        using var api2 = await client.GetAsync("/api/proposals?page=2");
        var ids1 = Ids(await api1.Content.ReadAsStringAsync());
        var ids2 = Ids(await api2.Content.ReadAsStringAsync());

        Assert.True(total > 50, $"{total} proposals in the demo");
        Assert.Contains($"Menampilkan 1–50 dari {Engine.Indonesian.Number(total)}", page1, StringComparison.Ordinal);
        Assert.Contains($"Menampilkan 51–{Engine.Indonesian.Number(Math.Min(100, total))} dari {Engine.Indonesian.Number(total)}", page2, StringComparison.Ordinal);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), api1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(50, ids1.Count);
        Assert.Empty(ids1.Intersect(ids2));
        Assert.Contains("rel=\"next\"", api1.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Contains($"href=\"/usulan/{ids2[0]}\"", page2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Sikka_verifier_lists_filters_and_searches_only_Sikka_cases()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");
        var sikka = await app.InDatabaseAsync(db => db.Proposals.CountAsync(p => p.KabupatenCode == Sikka));
        var someGroup = await app.InDatabaseAsync(db => db.Proposals.Where(p => p.KabupatenCode == Sikka).OrderBy(p => p.Id).Select(p => p.GroupName).FirstAsync());
        var endeGroup = await app.InDatabaseAsync(db => db.Proposals.Where(p => p.KabupatenCode == Ende).OrderBy(p => p.Id).Select(p => p.GroupName).FirstOrDefaultAsync());

        using var all = await client.GetAsync("/api/proposals?page_size=200");
        using var ende = await client.GetAsync($"/api/proposals?kabupaten={Ende}");
        using var search = await client.GetAsync($"/api/proposals?q={Uri.EscapeDataString(someGroup.ToLowerInvariant())}");
        using var tooShort = await client.GetAsync("/api/proposals?q=ab");
        using var json = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        using var found = JsonDocument.Parse(await search.Content.ReadAsStringAsync());

        Assert.Equal(sikka.ToString(System.Globalization.CultureInfo.InvariantCulture), all.Headers.GetValues("X-Total-Count").Single());
        Assert.All(json.RootElement.EnumerateArray(), p => Assert.Equal(Sikka, p.GetProperty("kabupaten").GetString()));
        Assert.Equal("0", ende.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains(found.RootElement.EnumerateArray(), p => p.GetProperty("group_name").GetString() == someGroup);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        if (endeGroup is not null)
        {
            using var endeSearch = await client.GetAsync($"/api/proposals?q={Uri.EscapeDataString(endeGroup)}");
            Assert.DoesNotContain(endeGroup, await endeSearch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_sort_key_is_ignored_and_the_default_order_named()
    {
        using var client = await app.SignedInAsync("kadis");

        using var unknown = await client.GetAsync("/api/proposals?sort=-kata_sandi");
        using var byDefault = await client.GetAsync("/api/proposals");
        using var byGroup = await client.GetAsync("/api/proposals?sort=kelompok");
        using var page = await client.GetAsync("/usulan?urut=kata_sandi");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("-nomor", unknown.Headers.GetValues("X-Sort").Single());
        Assert.Equal(Ids(await byDefault.Content.ReadAsStringAsync()), Ids(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal("kelompok", byGroup.Headers.GetValues("X-Sort").Single());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_search_as_you_type_answers_with_the_list_alone_and_a_shareable_address_opens_the_whole_page()
    {
        using var client = await app.SignedInAsync("kadis");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/usulan?q=kube&urut=kelompok");
        request.Headers.Add("HX-Request", "true");

        using var fragment = await client.SendAsync(request);
        var fragmentHtml = await fragment.Content.ReadAsStringAsync();
        var page = await client.GetStringAsync("/usulan?q=kube&urut=kelompok");

        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"proposals\"", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"ascending\"", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"kube\"", page, StringComparison.Ordinal);
        Assert.Contains("htmx.min.js", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_list_of_a_kabupaten_pages_filters_and_searches_and_refuses_another_kabupaten()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");
        var households = await app.InDatabaseAsync(db => db.Households.CountAsync(h => h.KabupatenCode == Sikka));
        var someone = await app.InDatabaseAsync(db => db.Members
            .Join(db.Households.Where(h => h.KabupatenCode == Sikka), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Name, m.Nik, h.IdDtks })
            .OrderBy(x => x.Nik).FirstAsync());

        using var page1 = await client.GetAsync($"/api/registry/kabupaten/{Sikka}/households");
        using var page2 = await client.GetAsync($"/api/registry/kabupaten/{Sikka}/households?page=2");
        using var byName = await client.GetAsync($"/api/registry/kabupaten/{Sikka}/households?q={Uri.EscapeDataString(someone.Name.ToLowerInvariant())}");
        using var byNik = await client.GetAsync($"/api/registry/kabupaten/{Sikka}/households?q={someone.Nik}");
        using var ende = await client.GetAsync($"/api/registry/kabupaten/{Ende}/households");
        // The page itself on the largest kabupaten/kota of the demo, seen by the head of the office (all of NTT).
        var largest = await app.InDatabaseAsync(db => db.Households.GroupBy(h => h.KabupatenCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        using var kadis = await app.SignedInAsync("kadis");
        var html = WebUtility.HtmlDecode(await kadis.GetStringAsync($"/registri/kabupaten/{largest}?halaman=2&urut=-desil"));

        Assert.Equal(households.ToString(System.Globalization.CultureInfo.InvariantCulture), page1.Headers.GetValues("X-Total-Count").Single());
        Assert.NotEqual(await page1.Content.ReadAsStringAsync(), await page2.Content.ReadAsStringAsync());
        Assert.Contains(someone.IdDtks, await byName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(someone.IdDtks, await byNik.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, ende.StatusCode);
        Assert.Contains($"Menampilkan 51–", html, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
        // Page links keep the order and the filters.
        Assert.Contains("urut=-desil", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_member_picker_search_returns_only_people_of_the_operators_kabupaten_and_only_to_operators()
    {
        using var operatorClient = await app.SignedInAsync("operator.sikka");
        using var viewer = await app.SignedInAsync("pengamat");
        // Someone registered only in Ende (a NIK entered twice, data ganda, may be in a Sikka household too).
        var endePerson = await app.InDatabaseAsync(db => db.Members
            .Join(db.Households.Where(h => h.KabupatenCode == Ende), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Name, m.Nik })
            .Where(x => !db.Members.Any(o => o.Nik == x.Nik && db.Households.Any(h => h.Id == o.HouseholdId && h.KabupatenCode != Ende)))
            .OrderBy(x => x.Nik).FirstAsync());
        var firstName = endePerson.Name.Split(' ')[0];

        using var byEndeNik = JsonDocument.Parse(await operatorClient.GetStringAsync($"/api/proposals/members/search?q={endePerson.Nik}"));
        using var byName = JsonDocument.Parse(await operatorClient.GetStringAsync($"/api/proposals/members/search?q={Uri.EscapeDataString(firstName)}"));
        using var refused = await viewer.GetAsync($"/api/proposals/members/search?q={Uri.EscapeDataString(firstName)}");
        using var tooShort = await operatorClient.GetAsync("/api/proposals/members/search?q=ab");

        Assert.Empty(byEndeNik.RootElement.GetProperty("members").EnumerateArray());
        Assert.All(byName.RootElement.GetProperty("members").EnumerateArray(), m => Assert.Equal(Sikka, m.GetProperty("kabupaten_code").GetString()));
        Assert.DoesNotContain(endePerson.Nik, byName.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
    }

    [Fact]
    public async Task The_screening_history_page_and_API_page_filter_and_sort_every_run_beyond_the_old_cap_of_50()
    {
        await app.InDatabaseAsync(async db =>
        {
            for (var i = 1; i <= 60; i++)
            {
                db.ScreeningRuns.Add(new Engine.Screening.ScreeningRun
                {
                    Period = "2020-10", Programs = "all", AsOf = new DateOnly(2024, 1, 1).AddDays(i), KabupatenCode = i % 2 == 0 ? Sikka : null,
                    Status = i % 5 == 0 ? Engine.Screening.ScreeningStatus.Failed : Engine.Screening.ScreeningStatus.Done, RequestedBy = "list-test", CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            return await db.SaveChangesAsync();
        });
        var runs = await app.InDatabaseAsync(db => db.ScreeningRuns.CountAsync());
        var failedRuns = await app.InDatabaseAsync(db => db.ScreeningRuns.CountAsync(r => r.Status == Engine.Screening.ScreeningStatus.Failed));
        using var client = await app.SignedInAsync("kabid.pfm");

        using var api1 = await client.GetAsync("/api/screenings");
        using var api2 = await client.GetAsync("/api/screenings?page=2");
        using var failed = await client.GetAsync("/api/screenings?status=failed&page_size=200");
        using var byDate = await client.GetAsync("/api/screenings?sort=tanggal");
        var page2 = WebUtility.HtmlDecode(await client.GetStringAsync("/penyaringan?halaman=2&wilayah=53.07&urut=-tanggal"));
        using var failedJson = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());

        Assert.True(runs >= 60, $"{runs} runs");
        Assert.Equal(runs.ToString(System.Globalization.CultureInfo.InvariantCulture), api1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("-nomor", api1.Headers.GetValues("X-Sort").Single());
        Assert.Contains("rel=\"next\"", api1.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Empty(RunIds(await api1.Content.ReadAsStringAsync()).Intersect(RunIds(await api2.Content.ReadAsStringAsync())));
        Assert.Equal(failedRuns, failedJson.RootElement.GetArrayLength());
        Assert.All(failedJson.RootElement.EnumerateArray(), r => Assert.Equal("failed", r.GetProperty("status").GetString()));
        Assert.Equal("tanggal", byDate.Headers.GetValues("X-Sort").Single());
        Assert.Contains("Menampilkan", page2, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", page2, StringComparison.Ordinal);
        Assert.Contains("wilayah=53.07", page2, StringComparison.Ordinal);
        Assert.DoesNotContain("seluruh NTT</td>", page2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_batch_lists_its_payments_a_page_at_a_time_sorted_filtered_and_searched_on_its_page_and_in_the_API()
    {
        var batchId = await app.InDatabaseAsync(async db =>
        {
            var proposals = await db.Proposals.OrderBy(p => p.Id).Take(55).ToListAsync();
            var batch = new Engine.Disbursement.PaymentBatch { CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "bendahara", Status = "open", PaymentCount = 55 };
            db.PaymentBatches.Add(batch);
            await db.SaveChangesAsync();
            for (var i = 0; i < proposals.Count; i++)
            {
                db.Payments.Add(new Engine.Disbursement.Payment
                {
                    BatchId = batch.Id, ProposalId = proposals[i].Id, Tranche = 9, IdempotencyKey = $"list-test-{proposals[i].Id}", AccountNumber = $"77{i:00000000}",
                    AccountHolder = i == 42 ? "Veronika Qwertano Lende" : $"Pemilik {i:000}", Amount = 1_000_000m + (i % 7) * 250_000m, Description = "Bansos KUBE",
                    Status = i % 4 == 0 ? "failed" : "pending",
                });
                batch.TotalAmount += 1_000_000m + (i % 7) * 250_000m;
            }

            await db.SaveChangesAsync();
            return batch.Id;
        });
        using var client = await app.SignedInAsync("bendahara");

        using var api1 = await client.GetAsync($"/api/payment-batches/{batchId}/payments");
        using var api2 = await client.GetAsync($"/api/payment-batches/{batchId}/payments?page=2");
        using var byAmount = await client.GetAsync($"/api/payment-batches/{batchId}/payments?sort=-jumlah&page_size=200");
        using var failed = await client.GetAsync($"/api/payment-batches/{batchId}/payments?status=failed");
        using var byName = await client.GetAsync($"/api/payment-batches/{batchId}/payments?q=qwertano");
        using var batches = await client.GetAsync("/api/payment-batches?q=qwertano");
        using var tooShort = await client.GetAsync($"/api/payment-batches/{batchId}/payments?q=ve");
        var page2 = WebUtility.HtmlDecode(await client.GetStringAsync($"/pencairan/{batchId}?halaman=2&urut=pemilik"));
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/pencairan?status=open"));
        using var asTyped = new HttpRequestMessage(HttpMethod.Get, $"/pencairan/{batchId}?q=qwertano");
        asTyped.Headers.Add("HX-Request", "true");
        using var fragment = await client.SendAsync(asTyped);
        var fragmentHtml = WebUtility.HtmlDecode(await fragment.Content.ReadAsStringAsync());
        using var amounts = JsonDocument.Parse(await byAmount.Content.ReadAsStringAsync());

        Assert.Equal("55", api1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal((50, 5), (PaymentIds(await api1.Content.ReadAsStringAsync()).Count, PaymentIds(await api2.Content.ReadAsStringAsync()).Count));
        Assert.Empty(PaymentIds(await api1.Content.ReadAsStringAsync()).Intersect(PaymentIds(await api2.Content.ReadAsStringAsync())));
        var sorted = amounts.RootElement.EnumerateArray().Select(p => p.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal(sorted.OrderDescending(), sorted);
        Assert.Equal("-jumlah", byAmount.Headers.GetValues("X-Sort").Single());
        Assert.Equal("14", failed.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("Veronika Qwertano Lende", await byName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1", byName.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([batchId], JsonDocument.Parse(await batches.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(b => b.GetProperty("batch_id").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("Menampilkan 51–55 dari 55", page2, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"ascending\"", page2, StringComparison.Ordinal);
        Assert.Contains($"href=\"/pencairan/{batchId}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Veronika Qwertano Lende", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("Menampilkan 1–1 dari 1", fragmentHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_homes_residents_and_the_PKH_families_page_in_the_API_with_the_paging_headers_and_stay_in_the_users_home_and_desa()
    {
        const string naibonat = "riang-naibonat";
        var residents = await app.InDatabaseAsync(db => db.Residents.CountAsync(r => r.HomeCode == naibonat));
        var children = await app.InDatabaseAsync(db => db.Residents.CountAsync(r => r.HomeCode == naibonat && r.Category == "anak"));
        var someone = await app.InDatabaseAsync(db => db.Residents.Where(r => r.HomeCode == naibonat).OrderBy(r => r.Id).Skip(60).FirstAsync());
        using var upt = await app.SignedInAsync("upt.naibonat");
        using var pendamping = await app.SignedInAsync("pendamping.sikka");
        using var coordinator = await app.SignedInAsync("koordinator.sikka");

        using var residents1 = await upt.GetAsync($"/api/panti/homes/{naibonat}/residents");
        using var residents2 = await upt.GetAsync($"/api/panti/homes/{naibonat}/residents?page=2");
        using var anak = await upt.GetAsync($"/api/panti/homes/{naibonat}/residents?category=anak&sort=-masuk");
        using var byNik = await upt.GetAsync($"/api/panti/homes/{naibonat}/residents?q={someone.Nik}");
        var residentsPage = WebUtility.HtmlDecode(await upt.GetStringAsync($"/panti/rumah/{naibonat}?halaman=2&urut=nik"));
        using var kpm1 = await coordinator.GetAsync("/api/pkh/kpm");
        using var kpm2 = await coordinator.GetAsync("/api/pkh/kpm?page=2");
        using var own = await pendamping.GetAsync("/api/pkh/kpm?page_size=200&sort=nama");
        var kpmPage = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/pkh?halaman=2&urut=-tahun"));
        using var asTyped = new HttpRequestMessage(HttpMethod.Get, $"/panti/rumah/{naibonat}?q={Uri.EscapeDataString(someone.Name)}");
        asTyped.Headers.Add("HX-Request", "true");
        using var fragment = await upt.SendAsync(asTyped);
        var fragmentHtml = WebUtility.HtmlDecode(await fragment.Content.ReadAsStringAsync());
        var coordinatorTotal = long.Parse(kpm1.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var ownTotal = long.Parse(own.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var desa = (await app.InDatabaseAsync(db => db.Users.Where(u => u.UserName == "pendamping.sikka").Select(u => u.DesaCodes).SingleAsync()))!.Split(',');
        using var ownJson = JsonDocument.Parse(await own.Content.ReadAsStringAsync());

        Assert.True(residents > 50, $"{residents} residents");
        Assert.Equal(residents.ToString(System.Globalization.CultureInfo.InvariantCulture), residents1.Headers.GetValues("X-Total-Count").Single());
        Assert.NotEqual(await residents1.Content.ReadAsStringAsync(), await residents2.Content.ReadAsStringAsync());
        Assert.Equal(children.ToString(System.Globalization.CultureInfo.InvariantCulture), anak.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("-masuk", anak.Headers.GetValues("X-Sort").Single());
        Assert.Contains(someone.Name, await byNik.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Menampilkan 51–", residentsPage, StringComparison.Ordinal);
        Assert.True(coordinatorTotal > 50, $"{coordinatorTotal} KPM");
        Assert.NotEqual(await kpm1.Content.ReadAsStringAsync(), await kpm2.Content.ReadAsStringAsync());
        Assert.Contains("rel=\"next\"", kpm1.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.True(ownTotal < coordinatorTotal, $"{ownTotal} of {coordinatorTotal}");
        Assert.All(ownJson.RootElement.GetProperty("kpm").EnumerateArray(), k => Assert.Contains(k.GetProperty("desa_code").GetString(), desa));
        Assert.Equal("nama", own.Headers.GetValues("X-Sort").Single());
        Assert.Contains("Menampilkan 51–", kpmPage, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", kpmPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(someone.Name, fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"residents\"", fragmentHtml, StringComparison.Ordinal);
    }

    private static List<long> RunIds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(p => p.GetProperty("run_id").GetInt64()).ToList();
    }

    private static List<long> PaymentIds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(p => p.GetProperty("payment_id").GetInt64()).ToList();
    }

    private static List<long> Ids(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
    }
}
