using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sejahtera.Admin.Jobs;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests;

/// <summary>Two worker host processes on one PostgreSQL database share the parts of a split screening.</summary>
[Collection(HeavyTests.Name)]
public sealed class ScreeningWorkersTests : IAsyncLifetime
{
    private const string PostgresVariable = "SEJAHTERA_TEST_POSTGRES";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));
    private readonly string database = "sejahtera_workers_" + Guid.NewGuid().ToString("N")[..12];
    private static string? Admin => Environment.GetEnvironmentVariable(PostgresVariable);

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = database, Pooling = false, Timeout = 60 }.ConnectionString;

    private DatabaseSettings Settings => new(DatabaseProvider.Postgres, ConnectionString);

    /// <summary>The host executable on this test's PostgreSQL database, with a one-second heartbeat.</summary>
    private Dictionary<string, string> Environment_ => new()
    {
        ["Database__Provider"] = "postgres",
        ["ConnectionStrings__Sejahtera"] = ConnectionString,
        ["Screening__HeartbeatSeconds"] = "1",
    };

    [SkippableFact]
    public async Task Two_worker_processes_on_one_database_share_the_parts_of_a_province_run_and_decide_exactly_what_one_host_decides()
    {
        Skip.If(string.IsNullOrEmpty(Admin), $"PostgreSQL test skipped: set {PostgresVariable} to run it against a real server.");
        await AdminAsync($"CREATE DATABASE {database}");
        var cli = new CliRunner(Path.Combine(folder, "unused.db"));
        Assert.Equal(0, (await cli.RunAsync(Environment_, "db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync(Environment_, "dtks", "generate", "--households", "3000", "--seed", "5", "--out", Path.Combine(folder, "dtks.csv"))).ExitCode);
        var imported = await cli.RunAsync(Environment_, "dtks", "import", Path.Combine(folder, "dtks.csv"));
        Assert.Equal(0, imported.ExitCode);
        var households = imported.Json.GetProperty("households").GetInt64();

        await using var first = new Worker(cli.Start(Environment_, "worker"));
        await using var second = new Worker(cli.Start(Environment_, "worker"));
        await UntilAsync(async () => await ServersAsync() == 2, "both workers' job servers to start", first, second);

        long runId;
        await using (var db = Settings.CreateContext())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress())
                .HandleAsync(db, new ScreeningRequest("2020-10", "all", new DateOnly(2024, 5, 1), null, "tester", RedecideAll: true))).Id;
        }

        // Hangfire's log provider is process-wide: another test's host may have set one it has since disposed.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        new BackgroundJobClient(JobsHost.Storage(Settings)).Enqueue<ScreeningJob>(j => j.RunAsync(runId, CancellationToken.None));
        await UntilAsync(async () =>
        {
            await using var db = Settings.CreateContext();
            return await db.ScreeningRuns.AnyAsync(r => r.Id == runId && (r.Status == ScreeningStatus.Done || r.Status == ScreeningStatus.Failed));
        }, $"run {runId} to end", first, second);

        await using var check = Settings.CreateContext();
        var run = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal((ScreeningStatus.Done, households, households * 3, (string?)null), (run.Status, run.Households, run.Decisions, run.Error));
        var parts = await ScreeningParts.OfAsync(check, runId, default);
        Assert.True(parts.Count > 5, $"Only {parts.Count} parts");
        Assert.All(parts, p => Assert.Equal(ScreeningStatus.Done, p.Status));
        Assert.Equal(
            new[] { first.Host, second.Host }.Order(StringComparer.Ordinal),
            parts.Select(p => p.Host!).Distinct().Order(StringComparer.Ordinal));

        // The same screening on a single host, inline, in one piece.
        var single = await cli.RunAsync(Environment_, "screen", "--period", "2020-10", "--program", "all", "--as-of", "2024-05-01", "--full");
        Assert.True(single.ExitCode == 0, single.Stderr);
        var singleId = single.Json.GetProperty("run_id").GetInt64();
        Assert.Equal(0, await check.ScreeningRuns.CountAsync(r => r.ParentRunId == singleId));
        Assert.Equal(households * 3, await check.ScreeningResults.CountAsync(r => r.RunId == runId));
        Assert.Equal(await DecisionsAsync(check, singleId), await DecisionsAsync(check, runId));
    }

    private static async Task<List<string>> DecisionsAsync(SejahteraDbContext db, long runId) =>
        (await db.ScreeningResults.AsNoTracking().Where(r => r.RunId == runId)
            .OrderBy(r => r.HouseholdId).ThenBy(r => r.Program)
            .Select(r => new { r.HouseholdId, r.KabupatenCode, r.Program, r.Outcome, r.Amount, r.PassedMask, r.SentenceValues })
            .ToListAsync())
        .Select(r => $"{r.HouseholdId} {r.KabupatenCode} {r.Program} {r.Outcome} {r.Amount?.ToString(CultureInfo.InvariantCulture)} {r.PassedMask} {Convert.ToBase64String(r.SentenceValues)}")
        .ToList();

    private async Task<long> ServersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            // The job storage's schema is not there yet.
            return 0;
        }
    }

    /// <summary>Waits (generously: a loaded machine is slow) until the condition holds; a worker that exits fails the test with its output.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, params Worker[] workers)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (workers.FirstOrDefault(w => w.Exited) is { } exited)
            {
                throw new InvalidOperationException($"A worker exited: {await exited.OutputAsync()}");
            }

            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited five minutes for {what}. Worker output: {string.Join("\n---\n", await Task.WhenAll(workers.Select(w => w.OutputAsync())))}");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A worker process with its output drained (a full pipe would stop it), killed at the end.</summary>
    private sealed class Worker(Process process) : IAsyncDisposable
    {
        private readonly Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> stderr = process.StandardError.ReadToEndAsync();

        /// <summary>As the worker records itself on the runs it claims.</summary>
        public string Host { get; } = $"{Environment.MachineName}:{process.Id}";

        public bool Exited => process.HasExited;

        public async Task<string> OutputAsync()
        {
            if (!process.HasExited)
            {
                return "(still running)";
            }

            return await stderr + await stdout;
        }

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

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(Admin))
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

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
