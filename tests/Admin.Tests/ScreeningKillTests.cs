using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests;

/// <summary>A real host process killed in the middle of a screening, and started again.</summary>
[Collection(HeavyTests.Name)]
public sealed class ScreeningKillTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));
    private readonly CliRunner cli;

    public ScreeningKillTests()
    {
        Directory.CreateDirectory(folder);
        cli = new CliRunner(Path.Combine(folder, "host.db"));
    }

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public async Task A_screening_killed_with_its_host_is_resumed_when_the_host_starts_again_and_ends_with_every_decision_once()
    {
        Assert.Equal(0, (await cli.RunAsync("dtks", "generate", "--households", "50000", "--seed", "4", "--out", PathOf("dtks.csv"))).ExitCode);
        var imported = await cli.RunAsync("dtks", "import", PathOf("dtks.csv"));
        Assert.Equal(0, imported.ExitCode);
        var households = imported.Json.GetProperty("households").GetInt64();

        long runId;
        var port = FreePort();
        await using (var host = await HostAsync(port))
        {
            using var client = await SignedInAsync(port, "kabid.pfm");
            using var started = await client.PostAsJsonAsync("/api/screenings", new { period = "2020-10", program = "all", as_of = "2024-05-01" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetInt64();

            // Kill it once the first batch of decisions is written inside the run's transaction.
            var status = await PollAsync(client, runId, s => s.GetProperty("status").GetString() != "queued" && s.GetProperty("processed").GetInt64() > 0);
            Assert.True(status.GetProperty("processed").GetInt64() < households, $"The run finished before it could be killed: {status}");
            host.Kill();
        }

        await using (var db = Database())
        {
            var run = await db.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            Assert.Equal((ScreeningStatus.Running, 1), (run.Status, run.Attempts));
            Assert.Equal(0, await db.ScreeningResults.CountAsync(r => r.RunId == runId));
        }

        await using (var again = await HostAsync(port))
        {
            using var client = await SignedInAsync(port, "kabid.pfm");
            var status = await PollAsync(client, runId, s => s.GetProperty("status").GetString() is "done" or "failed");
            Assert.Equal("done", status.GetProperty("status").GetString());
        }

        await using (var db = Database())
        {
            var run = await db.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            Assert.Equal((ScreeningStatus.Done, 2, households, households * 3), (run.Status, run.Attempts, run.Households, run.Decisions));
            Assert.Equal(households * 3, await db.ScreeningResults.CountAsync(r => r.RunId == runId));
            Assert.Equal(0, await db.ScreeningResults.Where(r => r.RunId == runId)
                .GroupBy(r => new { r.HouseholdId, r.Program }).CountAsync(g => g.Count() > 1));
        }
    }

    private SejahteraDbContext Database() =>
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={PathOf("host.db")};Pooling=False").CreateContext();

    /// <summary>
    /// The host with demo accounts (the registry is the one imported above), a one-second heartbeat
    /// and runs orphaned after three seconds, so that the test need not wait a minute.
    /// </summary>
    private async Task<RunningHost> HostAsync(int port)
    {
        var process = cli.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Demo__Enabled"] = "true",
            ["Screening__HeartbeatSeconds"] = "1",
            ["Screening__OrphanedAfterSeconds"] = "3",
        });
        var host = new RunningHost(process);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode}: {await host.OutputAsync()}");
            }

            try
            {
                if (await client.GetStringAsync(new Uri("/health", UriKind.Relative)) == "Healthy")
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException("The host did not answer within three minutes.");
    }

    private static async Task<HttpClient> SignedInAsync(int port, string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        using var response = await AppFixture.SignInAsync(client, userName, AppFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Polls the run until <paramref name="until"/> holds (generous: a loaded machine is slow).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, long runId, Func<JsonElement, bool> until)
    {
        var deadline = Stopwatch.StartNew();
        JsonElement status = default;
        while (deadline.Elapsed < TimeSpan.FromMinutes(4))
        {
            status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/screenings/{runId}", UriKind.Relative))).RootElement;
            if (until(status))
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Run {runId} never got there: {status}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The host process with its output drained (a full pipe would stop it), killed at the end if still running.</summary>
    private sealed class RunningHost(Process process) : IAsyncDisposable
    {
        private readonly Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> stderr = process.StandardError.ReadToEndAsync();

        public void Kill() => process.Kill(entireProcessTree: true);

        public async Task<string> OutputAsync() => await stderr + await stdout;

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
