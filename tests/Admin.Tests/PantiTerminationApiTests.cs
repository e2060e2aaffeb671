using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

public sealed class PantiTerminationApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Body(long residentId, string holder = "Agustinus Tefa", int? rowVersion = null, string followUp = "2026-12-20") => new
    {
        resident_id = residentId, termination_on = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"), termination_reason = "kembali-ke-keluarga",
        destination_address = "Desa Naibonat, Kupang Timur", receiving_family = "Agustinus Tefa", follow_up_visit_on = followUp, payee = "wali",
        bank_account = "0044556677", account_holder = holder, row_version = rowVersion,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task UPT_staff_propose_and_submit_through_the_API_the_Seksi_Rehabilitasi_Sosial_finds_it_and_another_home_cannot_see_it()
    {
        var residentId = await app.TerminatedResidentAsync("riang-naibonat", "5301042208060004", "Paulus Tefa", "Agustinus Tefa");
        using var upt = await app.SignedInAsync("upt.naibonat");
        using var other = await app.SignedInAsync("upt.budiagung");
        using var rehsos = await app.SignedInAsync("rehsos");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");

        using var wrongHolder = await upt.PostAsJsonAsync("/api/panti/terminations", Body(residentId, holder: "Orang Lain"));
        using var notUpt = await operatorSikka.PostAsJsonAsync("/api/panti/terminations", Body(residentId));
        using var otherHome = await other.PostAsJsonAsync("/api/panti/terminations", Body(residentId));
        using var created = await upt.PostAsJsonAsync("/api/panti/terminations", Body(residentId));
        var proposal = await Json(created);
        var id = proposal.GetProperty("id").GetInt64();
        using var edited = await upt.PutAsJsonAsync($"/api/panti/terminations/{id}", Body(residentId, rowVersion: proposal.GetProperty("row_version").GetInt32()));
        using var submitted = await upt.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "submit" });
        using var tasks = await rehsos.GetAsync("/api/proposals/tasks");
        using var details = await rehsos.GetAsync($"/api/proposals/{id}");
        using var hidden = await other.GetAsync($"/api/proposals/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, wrongHolder.StatusCode);
        Assert.Contains("bukan wali penerima", (await Json(wrongHolder)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notUpt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherHome.StatusCode);
        Assert.Contains("tidak ditemukan", (await Json(otherHome)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("panti-terminasi", "riang-naibonat"), (proposal.GetProperty("program").GetString(), proposal.GetProperty("home").GetString()));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains((await Json(tasks)).EnumerateArray(), t => t.GetProperty("proposal").GetProperty("id").GetInt64() == id);
        var full = await Json(details);
        Assert.Equal("Paulus Tefa", full.GetProperty("termination").GetProperty("resident").GetProperty("name").GetString());
        Assert.Equal("layak", full.GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
