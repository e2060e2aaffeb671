using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>screen-incremental</c>: a new DTKS period in which one household in twenty changed,
/// screened incrementally after a full screening of the period before, against a full screening of
/// the new period (every household decided again) in the same process, on SQLite and (given an admin
/// connection string) PostgreSQL. Setup, not on the clock: both imports (the second one's time is
/// printed: it writes the fingerprints the carry compares) and the full screening of the first
/// period. Then the incremental run and the full run of the new period are compared row for row:
/// every decision must be the same.
/// </summary>
internal static class ScreenIncrementalScenario
{
    public const double TargetShare = 0.15;
    private const int ChangeOneIn = 20;

    private sealed record Outcome(string Database, PhaseResult Incremental, PhaseResult Full, double ImportSeconds, long Carried, long Decisions, long Mismatches, int Changed);

    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        var outcomes = new List<Outcome> { await RunOnAsync("sqlite", options.Households, null) };
        if (options.Postgres is null)
        {
            Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<admin connection string>\" or set {ImportOptions.PostgresVariable}.");
        }
        else
        {
            outcomes.Add(await RunOnAsync("postgres", options.Households, options.Postgres));
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Format(c, "screen-incremental: {0:N0} households × 3 rule sets as of {1:yyyy-MM-dd}, a new period with one household in {2} changed", outcomes[0].Full.Rows, SyntheticRegistry.AsOf, ChangeOneIn));
        BenchReport.WriteTable(Console.Out, [.. outcomes.SelectMany(o => new[] { o.Incremental, o.Full })]);
        foreach (var o in outcomes)
        {
            Console.WriteLine(string.Format(c,
                "{0}: incremental {1:F2} s = {2:P1} of the full run ({3:F2} s), target ≤ {4:P0}; {5:N0} of {6:N0} decisions carried ({7:N0} households changed); "
                + "differences from the full run: {8:N0}; import of the new period {9:F2} s",
                o.Database, o.Incremental.Measurement.Seconds, Share(o), o.Full.Measurement.Seconds, TargetShare, o.Carried, o.Decisions, o.Changed, o.Mismatches, o.ImportSeconds));
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "screen-incremental",
            households = outcomes[0].Full.Rows,
            results = outcomes.SelectMany(o => new[] { BenchReport.ToJson(o.Incremental), BenchReport.ToJson(o.Full) }).ToArray(),
            ratios = outcomes.ToDictionary(o => o.Database, o => Math.Round(Share(o), 4)),
            carried = outcomes.ToDictionary(o => o.Database, o => o.Carried),
            mismatches = outcomes.ToDictionary(o => o.Database, o => o.Mismatches),
            import_seconds = outcomes.ToDictionary(o => o.Database, o => Math.Round(o.ImportSeconds, 2)),
            target_share = TargetShare,
            met = outcomes.All(o => Share(o) <= TargetShare),
        }));
        return outcomes.All(o => o.Mismatches == 0) ? 0 : 1;
    }

    private static double Share(Outcome o) => o.Incremental.Measurement.Seconds / o.Full.Measurement.Seconds;

    private static async Task<Outcome> RunOnAsync(string database, int households, string? postgres)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("screen-incremental", households, postgres);
        var settings = registry.Settings;
        var catalog = new RuleSetCatalog();
        BenchLog.Write($"{database}: {registry.Import.Households:N0} households imported for period {registry.Import.Period}");
        var before = await ScreenAsync(settings, catalog, registry.Import.Period, redecideAll: true);
        BenchLog.Write($"{database}: full run {before.RunId} of {registry.Import.Period} in {before.Seconds:F2} s");

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (next, changed) = await registry.ImportChangedPeriodAsync("2020-11", ChangeOneIn);
        var importSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        BenchLog.Write($"{database}: period {next.Period} imported ({changed:N0} households changed) in {importSeconds:F2} s (generation and rewrite included)");

        ScreeningSummary incremental;
        PhaseMeasurement incrementalTime;
        using (var meter = PhaseMeter.Start())
        {
            incremental = await ScreenAsync(settings, catalog, next.Period, redecideAll: false);
            incrementalTime = meter.Stop();
        }

        BenchLog.Write($"{database}: incremental run {incremental.RunId}: {incremental.CarriedDecisions:N0} of {incremental.Decisions:N0} decisions carried in {incrementalTime.Seconds:F2} s ({Phases(incremental)})");

        ScreeningSummary full;
        PhaseMeasurement fullTime;
        using (var meter = PhaseMeter.Start())
        {
            full = await ScreenAsync(settings, catalog, next.Period, redecideAll: true);
            fullTime = meter.Stop();
        }

        BenchLog.Write($"{database}: full run {full.RunId} in {fullTime.Seconds:F2} s ({Phases(full)})");
        var mismatches = await DifferencesAsync(settings, incremental.RunId, full.RunId);
        BenchLog.Write($"{database}: decisions compared: {mismatches:N0} differences");

        return new Outcome(database,
            new PhaseResult($"incremental-{database}", incrementalTime, incremental.Households, incremental.Households, null, null),
            new PhaseResult($"full-{database}", fullTime, full.Households, full.Households, null, null),
            importSeconds, incremental.CarriedDecisions, incremental.Decisions, mismatches, changed);
    }

    /// <summary>
    /// Decisions that differ between two runs (in outcome, amount, criteria or values; or held by one
    /// run only), every decision of both read through <see cref="ScreeningRunResults"/> in household
    /// order and compared as they stream; and the runs' counts, compared as stored.
    /// </summary>
    private static async Task<long> DifferencesAsync(DatabaseSettings settings, long a, long b)
    {
        await using var left = settings.CreateContext();
        await using var right = settings.CreateContext();
        await using var ea = Rows(left, a).GetAsyncEnumerator();
        await using var eb = Rows(right, b).GetAsyncEnumerator();
        long differences = 0;
        var (hasA, hasB) = (await ea.MoveNextAsync(), await eb.MoveNextAsync());
        while (hasA || hasB)
        {
            var order = !hasA ? 1 : !hasB ? -1 : Compare(ea.Current, eb.Current);
            if (order != 0 || !Same(ea.Current, eb.Current))
            {
                differences++;
            }

            if (order <= 0)
            {
                hasA = await ea.MoveNextAsync();
            }

            if (order >= 0)
            {
                hasB = await eb.MoveNextAsync();
            }
        }

        // On a context of its own: both readers are still open on theirs.
        await using var runs = settings.CreateContext();
        var counts = await runs.ScreeningRuns.Where(r => r.Id == a || r.Id == b).Select(r => r.CountsJson).ToListAsync();
        var (ca, cb) = (CountsOf(counts[0]), CountsOf(counts[1]));
        return differences + (ca == cb ? 0 : 1);

        static IAsyncEnumerable<ScreeningResult> Rows(SejahteraDbContext db, long runId)
        {
            // Millions of decisions in one ordered read: longer than a page's query may take.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            return ScreeningRunResults.Of(db, runId).OrderBy(r => r.HouseholdId).ThenBy(r => r.Program).AsAsyncEnumerable();
        }

        static int Compare(ScreeningResult x, ScreeningResult y) =>
            x.HouseholdId != y.HouseholdId ? x.HouseholdId.CompareTo(y.HouseholdId) : string.CompareOrdinal(x.Program, y.Program);

        static bool Same(ScreeningResult x, ScreeningResult y) =>
            x.KabupatenCode == y.KabupatenCode && x.Outcome == y.Outcome && x.Amount == y.Amount && x.PassedMask == y.PassedMask && x.SentenceValues.AsSpan().SequenceEqual(y.SentenceValues);
    }

    /// <summary>A run's stored counts, every object's keys in order and amounts without trailing zeros.</summary>
    private static string CountsOf(string? json)
    {
        static System.Text.Json.Nodes.JsonNode? Sorted(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            System.Text.Json.Nodes.JsonValue v => System.Text.Json.Nodes.JsonValue.Create(v.GetValue<decimal>().ToString("0.############", CultureInfo.InvariantCulture)),
            _ => node?.DeepClone(),
        };
        return json is null ? "" : Sorted(System.Text.Json.Nodes.JsonNode.Parse(json))!.ToJsonString();
    }

    private static string Phases(ScreeningSummary summary) =>
        string.Join(", ", summary.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F2} s")));

    private static async Task<ScreeningSummary> ScreenAsync(DatabaseSettings settings, RuleSetCatalog catalog, string period, bool redecideAll)
    {
        long runId;
        await using (var db = settings.CreateContext())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress())
                .HandleAsync(db, new ScreeningRequest(period, StartScreening.All, SyntheticRegistry.AsOf, null, "bench", redecideAll))).Id;
        }

        return await new RunScreening(settings, catalog, new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System).HandleAsync(runId);
    }
}
