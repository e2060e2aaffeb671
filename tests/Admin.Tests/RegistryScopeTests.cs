using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Admin.Tests;

public sealed class RegistryScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Sikka = "53.07";
    private const string Ende = "53.08";

    [Fact]
    public async Task The_health_endpoint_answers_without_sign_in()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task Pages_and_API_require_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var page = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/registry");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/masuk", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_Sikka_verifier_sees_a_Sikka_household_in_the_page_and_the_API()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");
        var id = await app.HouseholdInAsync(Sikka);

        var page = await client.GetStringAsync($"/registri/rumah-tangga/{id}");
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/households/{id}"));

        Assert.Contains("Anggota", page, StringComparison.Ordinal);
        Assert.Equal(Sikka, json.RootElement.GetProperty("kabupaten_code").GetString());
        Assert.Equal(16, json.RootElement.GetProperty("members")[0].GetProperty("nik").GetString()!.Length);
        Assert.DoesNotContain("*", json.RootElement.GetProperty("members")[0].GetProperty("nik").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Sikka_verifier_gets_404_for_an_Ende_household_in_the_page_and_the_API()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");
        var id = await app.HouseholdInAsync(Ende);

        using var page = await client.GetAsync($"/registri/rumah-tangga/{id}");
        using var api = await client.GetAsync($"/api/households/{id}");
        using var missing = await client.GetAsync("/api/households/999999999");
        using var list = await client.GetAsync($"/registri/kabupaten/{Ende}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        // The answer for a household out of scope is the same as for one that does not exist.
        Assert.Equal(await ProblemShape(missing, "999999999"), await ProblemShape(api, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_overview_of_a_Sikka_verifier_lists_only_Sikka()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/registry"));

        var codes = json.RootElement.GetProperty("kabupaten").EnumerateArray().Select(k => k.GetProperty("code").GetString()).ToList();
        Assert.Equal([Sikka], codes);
    }

    [Fact]
    public async Task The_overview_answers_from_the_summary_the_import_wrote_not_from_a_count_of_the_rows()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var households = await db.Households.CountAsync(h => h.KabupatenCode == Sikka);
        var members = await db.Members.Join(db.Households.Where(h => h.KabupatenCode == Sikka), m => m.HouseholdId, h => h.Id, (m, _) => m).CountAsync();
        var flagged = await db.Members.Where(m => m.Flags != MemberFlags.None)
            .Join(db.Households.Where(h => h.KabupatenCode == Sikka), m => m.HouseholdId, h => h.Id, (m, _) => m).CountAsync();

        var before = SikkaRow(await client.GetStringAsync("/api/registry"));
        // Only the summary changes: an answer that follows it was read from it.
        await db.RegistrySummaries.Where(s => s.KabupatenCode == Sikka).ExecuteUpdateAsync(u => u.SetProperty(s => s.Households, s => s.Households + 1000));
        try
        {
            var after = SikkaRow(await client.GetStringAsync("/api/registry"));

            Assert.Equal((households, members, flagged), before);
            Assert.Equal(households + 1000, after.Households);
        }
        finally
        {
            await db.RegistrySummaries.Where(s => s.KabupatenCode == Sikka).ExecuteUpdateAsync(u => u.SetProperty(s => s.Households, s => s.Households - 1000));
        }
    }

    private static (int Households, int Members, int Flagged) SikkaRow(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement.GetProperty("kabupaten").EnumerateArray().Single(k => k.GetProperty("code").GetString() == Sikka);
        return (row.GetProperty("households").GetInt32(), row.GetProperty("members").GetInt32(), row.GetProperty("flaggedMembers").GetInt32());
    }

    [Fact]
    public async Task A_viewer_sees_NIKs_masked()
    {
        using var client = await app.SignedInAsync("pengamat");
        var id = await app.HouseholdInAsync(Ende);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/households/{id}"));
        var page = await client.GetStringAsync($"/registri/rumah-tangga/{id}");

        var nik = json.RootElement.GetProperty("members")[0].GetProperty("nik").GetString()!;
        Assert.Matches("^[0-9]{4}\\*{8}[0-9]{4}$", nik);
        Assert.Contains(nik, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_by_NIK_finds_the_household_only_within_scope()
    {
        using var admin = await app.SignedInAsync("admin");
        using var sikkaVerifier = await app.SignedInAsync("verifikator.sikka");
        var endeId = await app.HouseholdInAsync(Ende);
        using var household = JsonDocument.Parse(await admin.GetStringAsync($"/api/households/{endeId}"));
        var nik = household.RootElement.GetProperty("members")[0].GetProperty("nik").GetString();

        using var found = JsonDocument.Parse(await admin.GetStringAsync($"/api/households?q={nik}"));
        using var hidden = JsonDocument.Parse(await sikkaVerifier.GetStringAsync($"/api/households?q={nik}"));
        using var bad = await admin.GetAsync("/api/households?q=12345");

        Assert.Contains(found.RootElement.EnumerateArray(), h => h.GetProperty("id").GetInt64() == endeId);
        Assert.Equal(0, hidden.RootElement.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<(string?, int, string?)> ProblemShape(HttpResponseMessage response, string id)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return (root.GetProperty("title").GetString(), root.GetProperty("status").GetInt32(),
            root.GetProperty("detail").GetString()!.Replace(id, "{id}", StringComparison.Ordinal));
    }
}
