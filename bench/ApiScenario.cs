using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>api</c>: the main read endpoints of the real host under a fixed request rate. For each
/// database the synthetic registry is imported (setup), the built admin host is started on it as a
/// separate process, a province-wide demo account signs in, and requests are sent open loop: request
/// i is started at t0 + i / rate whether or not earlier ones have finished, and its latency runs from
/// that scheduled moment to the last byte of the answer, so a slow server cannot slow the client
/// down and hide its own queueing. The four endpoints take turns; household ids come from a random
/// sample (fixed seed) of the imported period. A short warm-up at the same rate precedes the clock.
/// </summary>
internal static class ApiScenario
{
    public const double TargetP99Ms = 20;
    public const int TargetErrors = 0;

    private const int SampleSeed = 2020;
    private const int SampleSize = 10_000;
    private const int WarmUpSeconds = 5;
    private const int MaxConnections = 512;
    private const int HostPoolSize = 40;

    private static readonly Endpoint[] Endpoints =
    [
        new("household", id => $"api/households/{id}"),
        new("eligibility", id => $"api/households/{id}/eligibility"),
        new("proposals", _ => "api/proposals"),
        new("registry", _ => "api/registry"),
    ];

    public static async Task<int> RunAsync(ApiOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("sejahtera-bench-api-").FullName;
        try
        {
            var file = Path.Combine(folder, "dtks.csv");
            BenchLog.Write($"generate: {options.Households:N0} households, seed {ImportOptions.DefaultSeed}, defect rate {ImportOptions.DefaultDefectRate}");
            await using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
            {
                DtksGenerator.Write(new GeneratorOptions(options.Households, ImportOptions.DefaultSeed, ImportOptions.DefaultDefectRate), writer);
            }

            var runs = new List<DatabaseRun>();
            var sqliteFile = Path.Combine(folder, "sejahtera.db");
            runs.Add(await MeasureAsync("sqlite", options, file, folder,
                importWith: new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={sqliteFile};Pooling=False"),
                hostWith: new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={sqliteFile}")));

            if (options.PostgresAdmin is null)
            {
                Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<admin connection string>\" or set {ImportOptions.PostgresVariable}.");
            }
            else
            {
                var name = "sejahtera_bench_" + Guid.NewGuid().ToString("N")[..12];
                await ExecuteAdminAsync(options.PostgresAdmin, $"CREATE DATABASE {name}");
                try
                {
                    // The host's pool stays well below the server's max_connections (100 by default), which
                    // Hangfire's storage and other clients share: at Npgsql's default of 100, a burst of
                    // queued requests opens connections until the server refuses them.
                    var csb = new NpgsqlConnectionStringBuilder(options.PostgresAdmin) { Database = name, MaxPoolSize = HostPoolSize };
                    var host = csb.ConnectionString;
                    csb.Pooling = false;
                    runs.Add(await MeasureAsync("postgres", options, file, folder,
                        importWith: new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString),
                        hostWith: new DatabaseSettings(DatabaseProvider.Postgres, host)));
                }
                finally
                {
                    await ExecuteAdminAsync(options.PostgresAdmin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
            }

            Report(options, runs);
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException e)
            {
                BenchLog.Write($"could not remove {folder}: {e.Message}");
            }
        }
    }

    private static async Task<DatabaseRun> MeasureAsync(string name, ApiOptions options, string file, string folder, DatabaseSettings importWith, DatabaseSettings hostWith)
    {
        await new DatabaseInitializer(importWith).InitializeAsync();
        BenchLog.Write($"{name}: importing");
        var import = await new DtksImporter(importWith, TimeProvider.System)
            .ImportAsync(new ImportRequest(file, Path.Combine(folder, name + ".rejects.csv")));
        BenchLog.Write($"{name}: {import.Households:N0} households, {import.Members:N0} members imported for period {import.Period}");
        var ids = await SampleHouseholdsAsync(importWith, import.SnapshotId);

        await using var host = await HostProcess.StartAsync(name, hostWith, folder);
        using var client = await host.SignInAsync(MaxConnections);
        await CheckEndpointsAsync(client, ids[0]);

        // Warm-up on ids the measured run does not use first, so its first requests are not cache hits.
        BenchLog.Write($"{name}: warm-up, {WarmUpSeconds} s at {options.Rate} requests/s");
        var warmUp = await DriveAsync(client, options.Rate, Math.Min(WarmUpSeconds, options.Seconds), ids, offset: ids.Length / 2);
        var warmUpErrors = warmUp.Count(r => !r.Ok);
        if (warmUpErrors > 0)
        {
            BenchLog.Write($"{name}: {warmUpErrors} errors during warm-up");
        }

        BenchLog.Write($"{name}: measuring, {options.Seconds} s at {options.Rate} requests/s, open loop");
        var cpuBefore = host.ProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcomes = await DriveAsync(client, options.Rate, options.Seconds, ids, offset: 0);
        var wall = clock.Elapsed;
        var hostCores = (host.ProcessorTime - cpuBefore).TotalSeconds / wall.TotalSeconds;
        var maxLag = outcomes.Max(o => o.StartLagMs);
        var lags = outcomes.Select(o => o.StartLagMs).Order().ToArray();
        var served = outcomes.Select(o => o.LatencyMs - o.StartLagMs).Order().ToArray();
        BenchLog.Write($"{name}: {outcomes.Length:N0} requests in {wall.TotalSeconds:F1} s; host used {hostCores:F2} cores");
        BenchLog.Write($"{name}: client start lag p50 {Percentile(lags, 0.5):F2} ms, p99 {Percentile(lags, 0.99):F2} ms, max {maxLag:F2} ms; from actual start: p50 {Percentile(served, 0.5):F2} ms, p99 {Percentile(served, 0.99):F2} ms");
        foreach (var group in outcomes.Where(o => !o.Ok).GroupBy(o => (o.Endpoint, o.Error)).OrderByDescending(g => g.Count()).Take(10))
        {
            BenchLog.Write($"{name}:   {group.Count()} × {Endpoints[group.Key.Endpoint].Name}: {group.Key.Error}");
        }

        var rows = Endpoints.Select((e, i) => Row($"{name} {e.Name}", outcomes.Where(o => o.Endpoint == i).ToList())).ToList();
        rows.Add(Row($"{name} all", outcomes));
        return new DatabaseRun(name, import.Households, rows, hostCores, maxLag);
    }

    /// <summary>Up to <see cref="SampleSize"/> household ids of the imported period, a fixed-seed random sample.</summary>
    private static async Task<long[]> SampleHouseholdsAsync(DatabaseSettings settings, long snapshotId)
    {
        await using var db = settings.CreateContext();
        var all = await db.Households.AsNoTracking().Where(h => h.SnapshotId == snapshotId).OrderBy(h => h.Id).Select(h => h.Id).ToArrayAsync();
        var random = new Random(SampleSeed);
        var take = Math.Min(SampleSize, all.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, all.Length);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..take];
    }

    /// <summary>One request to each endpoint before the run: a setup mistake fails here, loudly, not as a run full of errors.</summary>
    private static async Task CheckEndpointsAsync(HttpClient client, long householdId)
    {
        foreach (var endpoint in Endpoints)
        {
            using var answer = await client.GetAsync(new Uri(endpoint.Path(householdId), UriKind.Relative));
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{endpoint.Name}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>
    /// Open loop: request i starts at start + i / rate, each on the thread pool so a slow send never
    /// delays the next; latency counts from the scheduled moment. Bounded: rate × seconds requests,
    /// each with the client's 10 s timeout.
    /// </summary>
    private static async Task<Outcome[]> DriveAsync(HttpClient client, int rate, int seconds, long[] ids, int offset)
    {
        var total = rate * seconds;
        var outcomes = new Outcome[total];
        var running = new Task[total];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
            }

            var endpoint = i % Endpoints.Length;
            var id = ids[(offset + i) % ids.Length];
            var index = i;
            running[i] = Task.Run(async () => outcomes[index] = await SendAsync(client, endpoint, id, due));
        }

        await Task.WhenAll(running);
        return outcomes;
    }

    private static async Task<Outcome> SendAsync(HttpClient client, int endpoint, long id, long due)
    {
        var lag = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        try
        {
            using var answer = await client.GetAsync(new Uri(Endpoints[endpoint].Path(id), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using (var body = await answer.Content.ReadAsStreamAsync())
            {
                await body.CopyToAsync(Stream.Null);
            }

            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            return answer.IsSuccessStatusCode
                ? new Outcome(endpoint, latency, lag, true, null)
                : new Outcome(endpoint, latency, lag, false, $"HTTP {(int)answer.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Outcome(endpoint, Stopwatch.GetElapsedTime(due).TotalMilliseconds, lag, false, e.GetType().Name + ": " + e.Message);
        }
    }

    private static LatencyRow Row(string name, IReadOnlyCollection<Outcome> outcomes)
    {
        var sorted = outcomes.Select(o => o.LatencyMs).Order().ToArray();
        return new LatencyRow(name, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1], outcomes.Count(o => !o.Ok));
    }

    /// <summary>Nearest rank: the smallest latency at least p of the requests did not exceed.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Report(ApiOptions options, List<DatabaseRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Format(c, "api: {0:N0} households (seed {1}, defect rate {2}), {3} requests/s open loop for {4} s, signed in as {5}",
            runs[0].Households, ImportOptions.DefaultSeed, ImportOptions.DefaultDefectRate, options.Rate, options.Seconds, HostProcess.DemoUser));
        Console.WriteLine(string.Format(c, "{0,-22} {1,9} {2,9} {3,9} {4,9} {5,7}", "name", "requests", "p50 ms", "p99 ms", "max ms", "errors"));
        foreach (var row in runs.SelectMany(r => r.Rows))
        {
            Console.WriteLine(string.Format(c, "{0,-22} {1,9:N0} {2,9:F2} {3,9:F2} {4,9:F2} {5,7:N0}", row.Name, row.Requests, row.P50Ms, row.P99Ms, row.MaxMs, row.Errors));
        }

        Console.WriteLine("latency = scheduled start to last byte of the answer; errors = non-2xx answers and failed requests (10 s timeout).");
        foreach (var run in runs)
        {
            var all = run.Rows[^1];
            Console.WriteLine(string.Format(c, "target: p99 ≤ {0} ms and {1} errors: {2} p99 {3:F2} ms, {4:N0} errors: {5} (host used {6:F2} cores)",
                TargetP99Ms, TargetErrors, run.Name, all.P99Ms, all.Errors, Met(run) ? "met" : "NOT met", run.HostCores));
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "api",
            households = runs[0].Households,
            rate = options.Rate,
            seconds = options.Seconds,
            results = runs.SelectMany(r => r.Rows).Select(r => new
            {
                name = r.Name.Replace(' ', '/'),
                requests = r.Requests,
                p50_ms = Math.Round(r.P50Ms, 2),
                p99_ms = Math.Round(r.P99Ms, 2),
                max_ms = Math.Round(r.MaxMs, 2),
                errors = r.Errors,
            }),
            targets = new { p99_ms = TargetP99Ms, errors = TargetErrors },
            met = new
            {
                sqlite = runs.FirstOrDefault(r => r.Name == "sqlite") is { } s ? Met(s) : (bool?)null,
                postgres = runs.FirstOrDefault(r => r.Name == "postgres") is { } p ? Met(p) : (bool?)null,
            },
        }));
    }

    private static bool Met(DatabaseRun run) => run.Rows[^1].P99Ms <= TargetP99Ms && run.Rows[^1].Errors <= TargetErrors;

    private static async Task ExecuteAdminAsync(string adminConnection, string sql)
    {
        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Endpoint(string Name, Func<long, string> Path);

    private readonly record struct Outcome(int Endpoint, double LatencyMs, double StartLagMs, bool Ok, string? Error);

    private sealed record LatencyRow(string Name, int Requests, double P50Ms, double P99Ms, double MaxMs, int Errors);

    private sealed record DatabaseRun(string Name, long Households, List<LatencyRow> Rows, double HostCores, double MaxStartLagMs);
}
