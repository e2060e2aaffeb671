using System.Globalization;
using System.Text;
using Npgsql;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>import</c>: generate the synthetic provincial registry once, then import the same file
/// into a fresh database of each provider. Only the import itself is on the clock: creating and
/// migrating the empty database is setup, not what an operator waits for when a new period arrives.
/// </summary>
internal static class ImportScenario
{
    public const int SqliteTargetSeconds = 60;
    public const int PostgresTargetSeconds = 40;

    public static async Task<int> RunAsync(ImportOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sejahtera-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "dtks.csv");
            var results = new List<PhaseResult> { Generate(options, file) };
            Log($"file: {new FileInfo(file).Length / (1024.0 * 1024.0):F1} MB");

            var sqlite = await ImportSqliteAsync(file, folder);
            results.Add(sqlite);

            PhaseResult? postgres = null;
            if (options.PostgresAdmin is null)
            {
                Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<admin connection string>\" or set {ImportOptions.PostgresVariable}.");
            }
            else
            {
                postgres = await ImportPostgresAsync(file, folder, options.PostgresAdmin);
                results.Add(postgres);
            }

            Console.WriteLine();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "import of {0:N0} households (seed {1}, defect rate {2}), file {3:F1} MB",
                options.Households, options.Seed, options.DefectRate, new FileInfo(file).Length / (1024.0 * 1024.0)));
            BenchReport.WriteTable(Console.Out, results);

            var report = new ImportJson(
                "import",
                options.Households,
                results.Select(BenchReport.ToJson).ToList(),
                new ImportRatios(postgres is null ? null : Math.Round(sqlite.Measurement.Seconds / postgres.Measurement.Seconds, 3)),
                new ImportTargets(SqliteTargetSeconds, PostgresTargetSeconds),
                new ImportMet(sqlite.Measurement.Seconds <= SqliteTargetSeconds, postgres is null ? null : postgres.Measurement.Seconds <= PostgresTargetSeconds));
            Console.WriteLine(BenchReport.Serialize(report));
            return 0;
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static PhaseResult Generate(ImportOptions options, string file)
    {
        Log($"generate: {options.Households:N0} households, seed {options.Seed}, defect rate {options.DefectRate}");
        using var meter = PhaseMeter.Start();
        GenerationSummary summary;
        using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            summary = DtksGenerator.Write(new GeneratorOptions(options.Households, options.Seed, options.DefectRate), writer);
        }

        var measured = meter.Stop();
        return new PhaseResult("generate", measured, summary.Rows, summary.Households, summary.Rows, null);
    }

    private static async Task<PhaseResult> ImportSqliteAsync(string file, string folder)
    {
        // Pooling off so the file is closed, and can be deleted, as soon as the import's connection is.
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "sejahtera.db")};Pooling=False");
        await new DatabaseInitializer(settings).InitializeAsync();
        return await ImportAsync("sqlite", settings, file, Path.Combine(folder, "sqlite.rejects.csv"));
    }

    private static async Task<PhaseResult> ImportPostgresAsync(string file, string folder, string adminConnection)
    {
        var name = "sejahtera_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAdminAsync(adminConnection, $"CREATE DATABASE {name}");
        try
        {
            var csb = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, Pooling = false };
            var settings = new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString);
            await new DatabaseInitializer(settings).InitializeAsync();
            return await ImportAsync("postgres", settings, file, Path.Combine(folder, "postgres.rejects.csv"));
        }
        finally
        {
            await ExecuteAdminAsync(adminConnection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<PhaseResult> ImportAsync(string name, DatabaseSettings settings, string file, string rejects)
    {
        Log($"{name}: importing");
        using var commands = new CommandTimings();
        using var meter = PhaseMeter.Start();
        var progress = new RowProgress(name, meter.Clock);
        var summary = await new DtksImporter(settings, TimeProvider.System)
            .ImportAsync(new ImportRequest(file, rejects), progress);
        var measured = meter.Stop();
        Log($"{name}: {summary.Read:N0} rows in {measured.Seconds:F2} s, {summary.FlaggedDuplicates:N0} flagged duplicates");

        // The importer reports progress once more right after the last row, so the time of that
        // report splits the import into the streamed part (prescan, parse, member rows) and the
        // finish (households, rejects, duplicate flagging, commit).
        Log($"{name}: rows streamed by {progress.LastReportAt.TotalSeconds:F2} s, finish took {(measured.Elapsed - progress.LastReportAt).TotalSeconds:F2} s");
        foreach (var (sql, duration) in commands.Slowest(3).Where(c => c.Duration >= TimeSpan.FromMilliseconds(100)))
        {
            Log($"{name}:   {duration.TotalSeconds:F2} s  {(sql.Length <= 110 ? sql : sql[..110] + "…")}");
        }

        return new PhaseResult(name, measured, summary.Read, summary.Households, summary.Members, summary.Rejected);
    }

    private static async Task ExecuteAdminAsync(string adminConnection, string sql)
    {
        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Log($"could not remove {folder}: {e.Message}");
        }
    }

    // Progress and notes go to stderr so stdout stays the table plus the final JSON line.
    private static void Log(FormattableString message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// Reports on the importer's thread rather than through <see cref="Progress{T}"/>, which would
    /// queue a callback to the thread pool for every 50,000 rows; remembers when the last report came.
    /// </summary>
    private sealed class RowProgress(string name, Func<TimeSpan> clock) : IProgress<long>
    {
        private long nextLog = 1_000_000;

        public TimeSpan LastReportAt { get; private set; }

        public void Report(long value)
        {
            LastReportAt = clock();
            if (value >= nextLog)
            {
                Log($"{name}: {value:N0} rows at {LastReportAt.TotalSeconds:F1} s");
                nextLog = (value / 1_000_000 + 1) * 1_000_000;
            }
        }
    }
}
