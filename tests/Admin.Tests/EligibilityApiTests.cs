using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

public sealed class EligibilityApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Proposal(int members, int pns) => new
    {
        Id = "KUBE-API-1",
        Name = "KUBE Nelayan Wuring",
        BusinessType = "perikanan",
        KecamatanCode = "53.07.01",
        OfficersChosen = true,
        HasBankAccount = true,
        HasBusinessPlan = true,
        HasRecommendation = true,
        Members = Enumerable.Range(1, members).Select(i => new
        {
            Nik = $"53070115068000{i:00}", BirthDate = "1980-06-15", InDtks = true, Desil = 1, Occupation = i <= pns ? 5 : 2,
            HeadOrMainEarner = true, KecamatanCode = "53.07.01", HasKtp = true, HasKk = true,
        }),
    };

    [Fact]
    public async Task Evaluating_a_KUBE_proposal_returns_the_explained_decision_and_it_replays_identically()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var response = await client.PostAsJsonAsync("/api/eligibility/kube/evaluate", new { as_of = "2024-05-01", subject = Proposal(4, pns: 1) });
        using var decision = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = decision.RootElement;
        using var replay = await client.PostAsync($"/api/decisions/{root.GetProperty("decision_id").GetInt64()}/replay", null);
        using var replayed = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tidak-layak", root.GetProperty("outcome").GetString());
        Assert.Equal("2019.1", root.GetProperty("ruleset_version").GetString());
        Assert.Equal(64, root.GetProperty("ruleset_hash").GetString()!.Length);
        var failed = root.GetProperty("findings").EnumerateArray().Where(f => !f.GetProperty("passed").GetBoolean()).ToList();
        Assert.Equal(["jumlah-anggota", "bukan-pns-pensiunan"], failed.Select(f => f.GetProperty("id").GetString()));
        Assert.All(failed, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.GetProperty("because").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("ref").GetString()));
        });
        Assert.True(replayed.RootElement.GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task Bad_evaluation_requests_get_problem_details_in_Indonesian()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var badDate = await client.PostAsJsonAsync("/api/eligibility/kube/evaluate", new { as_of = "01-05-2024", subject = Proposal(6, 0) });
        using var unknownProgram = await client.PostAsJsonAsync("/api/eligibility/kube-lama/evaluate", new { as_of = "2024-05-01", subject = Proposal(6, 0) });
        using var wrongShape = await client.PostAsJsonAsync("/api/eligibility/kube/evaluate", new { as_of = "2024-05-01", subject = new { Id = "X", Anggota = 3 } });

        foreach (var response in new[] { badDate, unknownProgram, wrongShape })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Contains("yyyy-mm-dd", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("tidak dikenal", await unknownProgram.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_households_programs_are_explained_within_scope_only()
    {
        using var sikka = await app.SignedInAsync("verifikator.sikka");
        var inScope = await app.HouseholdInAsync("53.07");
        var outOfScope = await app.HouseholdInAsync("53.08");

        using var json = JsonDocument.Parse(await sikka.GetStringAsync($"/api/households/{inScope}/eligibility?as_of=2024-05-01"));
        using var hidden = await sikka.GetAsync($"/api/households/{outOfScope}/eligibility");

        var programs = json.RootElement.GetProperty("programs").EnumerateArray().ToList();
        Assert.Equal(["bansos-aspd", "bansos-pbi-jk", "bansos-sembako"], programs.Select(p => p.GetProperty("program").GetString()).Order());
        Assert.All(programs, p => Assert.NotEmpty(p.GetProperty("decision").GetProperty("findings").EnumerateArray()));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task The_rule_set_page_shows_criteria_parameters_over_time_and_passing_tests()
    {
        using var client = await app.SignedInAsync("admin");

        var list = await client.GetStringAsync("/aturan");
        var sembako = await client.GetStringAsync("/aturan/bansos-sembako");

        Assert.Contains("pkh-graduasi", list, StringComparison.Ordinal);
        Assert.Contains("01/03/2020", sembako, StringComparison.Ordinal);
        Assert.Contains("200.000", sembako, StringComparison.Ordinal);
        Assert.Contains("15 dari 15 lulus", sembako, StringComparison.Ordinal);
        // The title takes the DTSEN limit in force today, not the DTKS text it was once written with.
        Assert.Contains("Rumah tangga berada pada desil 1–2, desil 3 hanya dalam kuota kabupaten", System.Net.WebUtility.HtmlDecode(sembako), StringComparison.Ordinal);
        Assert.Contains("Riwayat versi", sembako, StringComparison.Ordinal);
        Assert.Contains("Tidak ada perbedaan", await client.GetStringAsync("/aturan/bansos-sembako/banding"), StringComparison.Ordinal);
    }
}
