namespace Sejahtera.Bench;

/// <summary>
/// Load benchmarks for the engine: <c>dotnet run -c Release --project bench -- &lt;scenario&gt; [options]</c>.
/// Each scenario is a verb so more (screen, dry-run) can be added beside <c>import</c>. The last line of
/// stdout is always the scenario's JSON result (docs/performance-targets.md), so scripts can read it with <c>tail -n 1</c>.
/// </summary>
internal static class Program
{
    /// <summary>Exit code for an unknown scenario or bad arguments.</summary>
    public const int UsageError = 2;

    private const string Usage =
        """
        usage: Sejahtera.Bench <scenario> [options]

        scenarios:
          import [--households N] [--seed S] [--defect-rate R] [--postgres "<admin connection string>"]
              Generates the synthetic DTKS file, then imports it into a fresh SQLite database and,
              when an admin connection string is given (or SEJAHTERA_BENCH_POSTGRES is set), into a
              fresh PostgreSQL database that the bench creates and drops.
          transitions [--proposals N] [--postgres "<admin connection string>"]
              End-to-end workflow transitions per second, one client: KUBE proposals walked from
              draft to closed on SQLite and, when given, PostgreSQL.
          api [--households N] [--rate R] [--seconds S] [--postgres "<admin connection string>"]
              The built admin host (a separate process, demo mode, signed in as a province-wide user)
              on the synthetic registry (default full scale), on SQLite and, when given, PostgreSQL:
              GET household, household eligibility, proposals and registry in turn at R requests/s
              (default 200) open loop for S seconds (default 60); p50, p99, max latency and errors.
          eval [--households N]
              Single-household evaluation with full explanations by every household rule set
              (default 100,000 households): reused sessions on one thread, on all cores, and
              naive NRules (a new session per evaluation) as the peer.
          screen [--households N] [--subset N]
              Every household of the synthetic registry (default full scale) by every household rule set
              as of 2024-05-01, on all cores, every path on every household: NRules with compact
              explanations (ours), the old eager explanations, the fast path, the same criteria
              hand-written in C#, Microsoft RulesEngine and naive NRules; then where the time goes on the
              first --subset households (default 50,000).
          screen-db [--households N]
              The same end to end from SQLite with decisions written back: import (not timed), then one
              screening run for program "all", then a retry of the same run and a check of its row count.
          screen-incremental [--households N]
              A new period with one household in twenty changed: the incremental run (unchanged decisions
              carried from the full run of the period before) against a full run of the new period, on
              SQLite and, with --postgres or its variable, PostgreSQL; every decision compared.
          export-screening [--households N]
              The screening results of the whole synthetic registry (default full scale) with their reasons,
              exported as .xlsx and as CSV the way the API streams them: time and peak working set of each.
          dry-run [--households N] [--subset N]
              Impact of lowering bansos-sembako's desil_maks from 4 to 3 over the registry: published vs
              draft by the fast path, and by Evaluate (on the first --subset households, default all).
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return UsageError;
        }

        try
        {
            return args[0] switch
            {
                "transitions" => await TransitionsScenario.RunAsync(args[1..]),
                "pkh-evaluate" => await PkhEvaluateScenario.RunAsync(args[1..]),
                "api" => await ApiScenario.RunAsync(ApiOptions.Parse(args.AsSpan(1))),
                "import" => await ImportScenario.RunAsync(ImportOptions.Parse(args.AsSpan(1))),
                "screen" => await ScreenScenario.RunAsync(ScenarioOptions.Parse(args.AsSpan(1))),
                "dry-run" => await DryRunScenario.RunAsync(ScenarioOptions.Parse(args.AsSpan(1))),
                "screen-db" => await ScreenDbScenario.RunAsync(ScenarioOptions.Parse(args.AsSpan(1))),
                "screen-incremental" => await ScreenIncrementalScenario.RunAsync(ScenarioOptions.Parse(args.AsSpan(1))),
                "export-screening" => await ExportScreeningScenario.RunAsync(ScenarioOptions.Parse(args.AsSpan(1))),
                "eval" => await EvalScenario.RunAsync(args.Length > 2 && args[1] == "--households" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
                "-h" or "--help" or "help" => await PrintUsageAsync(Console.Out, 0),
                _ => await UnknownAsync(args[0]),
            };
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {e.Message}");
            await Console.Error.WriteLineAsync(Usage);
            return UsageError;
        }
    }

    private static async Task<int> UnknownAsync(string scenario)
    {
        await Console.Error.WriteLineAsync($"unknown scenario '{scenario}'");
        return await PrintUsageAsync(Console.Error, UsageError);
    }

    private static async Task<int> PrintUsageAsync(TextWriter writer, int code)
    {
        await writer.WriteLineAsync(Usage);
        return code;
    }
}

/// <summary>Bad command-line input; reported on stderr with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
