using System.Net;
using System.Net.Http.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

public sealed class PkhGraduationApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly object Visit = new
    {
        work = "petani", business = "tidak ada", assets = "rumah sendiri", income_change = "tetap",
        economy_improved = false, signed_exit_statement = false, village_declared_mampu = false,
    };

    [Fact]
    public async Task The_coordinator_starts_an_evaluation_only_for_a_period_with_KPM_and_only_the_familys_own_pendamping_records_the_visit()
    {
        var (caseId, _) = await app.WaitingForVisitAsync("pendamping.sikka");
        using var coordinator = await app.SignedInAsync("koordinator.sikka");
        using var mine = await app.SignedInAsync("pendamping.sikka");
        using var other = await app.SignedInAsync("pendamping.sikka2");

        using var noPeriod = await coordinator.PostAsJsonAsync("/api/pkh/evaluations", new { period = "1999", as_of = "2026-03-02" });
        using var started = await coordinator.PostAsJsonAsync("/api/pkh/evaluations", new { period = DateTime.UtcNow.Year.ToString(), as_of = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        using var hidden = await other.PostAsJsonAsync($"/api/pkh/cases/{caseId}/assessment", Visit);
        using var empty = await mine.PostAsJsonAsync($"/api/pkh/cases/{caseId}/assessment", new { work = "" });
        using var recorded = await mine.PostAsJsonAsync($"/api/pkh/cases/{caseId}/assessment", Visit);

        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.StatusCode);
        Assert.Contains("tidak memiliki KPM", await noPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("pekerjaan wajib diisi", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
    }
}
