using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sejahtera.Bench;

/// <summary>One line of the human table; the JSON keeps only the columns docs/performance-targets.md names.</summary>
internal sealed record PhaseResult(string Name, PhaseMeasurement Measurement, long Rows, long? Households, long? Members, long? Rejected)
{
    public double PerSecond => Measurement.Seconds > 0 ? Rows / Measurement.Seconds : 0;
}

// The JSON shape of docs/performance-targets.md, with names spelled out rather than derived from a naming policy so a
// rename in C# can never silently change what scripts read.
internal sealed record JsonResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("per_second")] double PerSecond,
    [property: JsonPropertyName("peak_mb")] double PeakMb);

internal sealed record ImportRatios([property: JsonPropertyName("postgres_vs_sqlite")] double? PostgresVsSqlite);

internal sealed record ImportTargets(
    [property: JsonPropertyName("sqlite_seconds")] int SqliteSeconds,
    [property: JsonPropertyName("postgres_seconds")] int PostgresSeconds);

/// <summary>Whether each target was met; null for a database that was skipped.</summary>
internal sealed record ImportMet(
    [property: JsonPropertyName("sqlite")] bool? Sqlite,
    [property: JsonPropertyName("postgres")] bool? Postgres);

internal sealed record ImportJson(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("households")] int Households,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonResult> Results,
    [property: JsonPropertyName("ratios")] ImportRatios Ratios,
    [property: JsonPropertyName("targets")] ImportTargets Targets,
    [property: JsonPropertyName("met")] ImportMet Met);

internal static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static JsonResult ToJson(PhaseResult r) => new(
        r.Name,
        Math.Round(r.Measurement.Seconds, 3),
        Math.Round(r.PerSecond, 0),
        Math.Round(r.Measurement.PeakWorkingSetMb, 1));

    public static string Serialize(ImportJson report) => JsonSerializer.Serialize(report, Json);

    public static void WriteTable(TextWriter output, IEnumerable<PhaseResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "{0,-17} {1,9} {2,12} {3,9} {4,11} {5,11} {6,11} {7,11}",
            "name", "seconds", "rows/s", "peak MB", "heap MB", "households", "members", "rejected"));
        foreach (var r in results)
        {
            output.WriteLine(string.Format(c, "{0,-17} {1,9:F2} {2,12:N0} {3,9:F1} {4,11:F1} {5,11} {6,11} {7,11}",
                r.Name, r.Measurement.Seconds, r.PerSecond, r.Measurement.PeakWorkingSetMb, r.Measurement.PeakManagedMb,
                Count(r.Households), Count(r.Members), Count(r.Rejected)));
        }

        output.WriteLine("peak MB = highest working set sampled every 100 ms during the phase; heap MB = highest GC.GetTotalMemory.");
    }

    private static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>
/// The docs/performance-targets.md line of the evaluation scenarios. Ratios are each peer's seconds ÷ sejahtera's, both
/// for the full registry: a peer measured on a subset is projected from its per-second rate, and
/// <c>measured_on</c> says how many households it actually ran.
/// </summary>
internal sealed record ScenarioJson(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("households")] int Households,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonResult> Results,
    [property: JsonPropertyName("ratios")] IReadOnlyDictionary<string, double> Ratios,
    [property: JsonPropertyName("measured_on")] IReadOnlyDictionary<string, long> MeasuredOn,
    [property: JsonPropertyName("target_seconds")] double TargetSeconds,
    [property: JsonPropertyName("target_mb")] double? TargetMb,
    [property: JsonPropertyName("met")] bool Met)
{
    /// <param name="targeted">The result the target is about, when not the reference (dry-run's fast path).</param>
    /// <param name="targetMb">The peak working set the target allows, if it names one.</param>
    /// <param name="beats">Peers the target must finish before.</param>
    public static ScenarioJson From(string scenario, int households, IReadOnlyList<PhaseResult> results, string reference, double targetSeconds,
        string? targeted = null, double? targetMb = null, IReadOnlyList<string>? beats = null)
    {
        var ours = results.Single(r => r.Name == reference);
        var target = results.Single(r => r.Name == (targeted ?? reference));
        var full = (double)households;
        return new ScenarioJson(
            scenario,
            households,
            results.Select(BenchReport.ToJson).ToList(),
            results.Where(r => r.Name != reference)
                .ToDictionary(r => r.Name, r => Math.Round(full / r.PerSecond / (full / ours.PerSecond), 3)),
            results.ToDictionary(r => r.Name, r => r.Rows),
            targetSeconds,
            targetMb,
            target.Measurement.Seconds <= targetSeconds
                && (targetMb is not { } mb || target.Measurement.PeakWorkingSetMb <= mb)
                && (beats ?? []).All(peer => results.Single(r => r.Name == peer).Measurement.Seconds > target.Measurement.Seconds));
    }

    public string Serialize() => JsonSerializer.Serialize(this);
}
