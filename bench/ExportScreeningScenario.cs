using System.Globalization;
using System.Text.Json;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>export-screening</c>: the download of a whole province's screening results with their
/// reasons, as the API streams it. Setup (not timed): the synthetic registry imported into SQLite and
/// screened for program "all". Then the results are exported as <c>.xlsx</c> and as CSV, each to a file
/// through the same <see cref="ExportTable"/> the endpoint writes to the response body, with the time
/// and the peak working set of each; the workbook is opened again and its rows counted, which must be
/// the results of the run plus the header. The working set includes what the screening left in the
/// process; the managed heap shows that the export itself holds no list.
/// </summary>
internal static class ExportScreeningScenario
{
    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("export-screening", options.Households);
        var settings = registry.Settings;
        BenchLog.Write($"{registry.Import.Households:N0} households imported for period {registry.Import.Period}; screening (not timed)");
        long runId;
        await using (var db = settings.CreateContext())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress())
                .HandleAsync(db, new ScreeningRequest(registry.Import.Period, StartScreening.All, SyntheticRegistry.AsOf, null, "bench"))).Id;
        }

        var summary = await new RunScreening(settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System).HandleAsync(runId);
        BenchLog.Write($"run {runId}: {summary.Decisions:N0} decisions; exporting");

        var folder = Path.Combine(Path.GetTempPath(), "sejahtera-bench", "export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var results = new List<PhaseResult>();
            var sizes = new Dictionary<string, long>();
            var rows = new Dictionary<string, long>();
            foreach (var format in new[] { ExportFormat.Xlsx, ExportFormat.Csv })
            {
                var name = format == ExportFormat.Xlsx ? "xlsx" : "csv";
                var path = Path.Combine(folder, "penyaringan." + name);
                PhaseMeasurement measured;
                using (var meter = PhaseMeter.Start())
                {
                    await using var db = settings.CreateContext();
                    await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
                    var decisions = (await new ScreeningDecisions(new RuleSetCatalog()).ForRunAsync(db, runId))!;
                    rows[name] = await ListScreeningResults.Export(db, decisions, RegionScope.All, new ScreeningResultFilter(runId)).WriteAsync(file, format);
                    measured = meter.Stop();
                }

                sizes[name] = new FileInfo(path).Length;
                results.Add(new PhaseResult(name, measured, rows[name], summary.Households, null, null));
                BenchLog.Write($"{name}: {rows[name]:N0} rows, {sizes[name] / 1048576.0:F1} MB in {measured.Seconds:F2} s, peak {measured.PeakWorkingSetMb:F0} MB");
            }

            // The read-back loads the whole workbook: checked only where that is cheap.
            long? readBack = null;
            if (summary.Decisions <= 200_000)
            {
                await using var input = File.OpenRead(Path.Combine(folder, "penyaringan.xlsx"));
                readBack = XlsxReadBack.Sheets(input).Values.Single().Count - 1;
            }

            var ok = rows.Values.All(r => r == summary.Decisions) && (readBack is null || readBack == summary.Decisions);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine(string.Format(c, "export-screening: {0:N0} households, {1:N0} decisions with reasons, SQLite, written to files as the API streams them",
                summary.Households, summary.Decisions));
            BenchReport.WriteTable(Console.Out, results);
            Console.WriteLine(string.Format(c, "rows check: xlsx {0:N0}, csv {1:N0}, workbook read back {2}, expected {3:N0}: {4}",
                rows["xlsx"], rows["csv"], readBack?.ToString("N0", c) ?? "skipped (large)", summary.Decisions, ok ? "OK" : "FAILED"));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "export-screening",
                households = summary.Households,
                decisions = summary.Decisions,
                results = results.Select(BenchReport.ToJson).ToList(),
                peak_heap_mb = results.ToDictionary(r => r.Name, r => Math.Round(r.Measurement.PeakManagedMb, 1)),
                bytes = sizes,
                rows,
                ok,
            }));
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
