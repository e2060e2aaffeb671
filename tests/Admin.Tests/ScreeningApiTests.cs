using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class ScreeningApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_screening_started_through_the_API_runs_as_a_background_job_and_reports_counts_per_kabupaten()
    {
        using var client = await app.SignedInAsync("kabid.pfm");

        using var started = await client.PostAsJsonAsync("/api/screenings", new { period = "2020-10", program = "all", as_of = "2024-05-01" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetInt64();

        JsonElement status = default;
        // Generous: under a loaded CI machine the Hangfire workers may take a while to poll.
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            status = JsonDocument.Parse(await client.GetStringAsync($"/api/screenings/{runId}")).RootElement;
            if (status.GetProperty("status").GetString() is "done" or "failed")
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(status.GetProperty("status").GetString() == "done", $"run {status}; hangfire: {HangfireState()}");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var households = await db.Households.CountAsync();
        Assert.Equal(households, status.GetProperty("households").GetInt64());
        Assert.Equal(households * 3L, await db.ScreeningResults.CountAsync(r => r.RunId == runId));
        Assert.True(status.GetProperty("counts").GetProperty("by_kabupaten").TryGetProperty("53.07", out _));

        var page = await client.GetStringAsync($"/penyaringan/{runId}");
        Assert.Contains("Kabupaten Sikka", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_screening_identical_to_a_live_one_answers_409_in_Indonesian()
    {
        using var client = await app.SignedInAsync("admin");
        var request = new { period = "2020-10", program = "bansos-sembako", as_of = "2024-05-02", kabupaten = "53.08" };

        using var first = await client.PostAsJsonAsync("/api/screenings", request);
        using var second = await client.PostAsJsonAsync("/api/screenings", request);
        using var other = await client.PostAsJsonAsync("/api/screenings", request with { kabupaten = "53.07" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var runId = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(runId, problem.GetProperty("run_id").GetInt64());
        Assert.Contains($"sebagai penyaringan {runId}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Kabupaten Ende", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    /// <summary>What Hangfire says about its jobs, for a failure message that explains itself.</summary>
    private string HangfireState()
    {
        var monitor = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var failed = monitor.FailedJobs(0, 5).Select(j => $"{j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage}");
        return $"enqueued {monitor.EnqueuedCount("default")}, processing {monitor.ProcessingCount()}, servers {monitor.Servers().Count}, failed [{string.Join(" | ", failed)}]";
    }

    [Fact]
    public async Task A_verifier_may_not_start_a_screening_and_bad_requests_are_explained()
    {
        using var verifier = await app.SignedInAsync("verifikator.sikka");
        using var admin = await app.SignedInAsync("admin");

        using var forbidden = await verifier.PostAsJsonAsync("/api/screenings", new { period = "2020-10", as_of = "2024-05-01" });
        using var badPeriod = await admin.PostAsJsonAsync("/api/screenings", new { period = "1999-01", as_of = "2024-05-01" });
        using var badDate = await admin.PostAsJsonAsync("/api/screenings", new { period = "2020-10", as_of = "kemarin" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("belum diimpor", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }
}
