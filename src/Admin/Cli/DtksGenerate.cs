using System.Diagnostics;
using System.Text;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Admin.Cli;

/// <summary>`dtks generate`: writes a synthetic DTKS file calibrated to the seed's figures.</summary>
internal static class DtksGenerate
{
    public static int Run(CliArgs cli)
    {
        var households = cli.Number("households", DtksGenerator.FullScaleHouseholds);
        var seed = cli.Number("seed", 2020);
        var defects = cli.Number("defects", 0.0);
        var period = cli.Option("period") ?? "2020-10";
        var output = cli.Required("out");
        if (households < 1)
        {
            throw new CliUsageException("--households harus minimal 1.");
        }

        if (defects is < 0 or > 1)
        {
            throw new CliUsageException("--defects adalah proporsi 0–1, misalnya 0.01.");
        }

        if (period.Length != 7 || period[4] != '-')
        {
            throw new CliUsageException("--period berformat yyyy-mm, misalnya 2020-10.");
        }

        var watch = Stopwatch.StartNew();
        GenerationSummary summary;
        using (var writer = new StreamWriter(output, append: false, new UTF8Encoding(false), 1 << 16))
        {
            summary = DtksGenerator.Write(new GeneratorOptions(households, seed, defects, period), writer, CliApp.Progress("rumah tangga"));
        }

        CliApp.EndProgress();
        CliApp.Emit(new
        {
            verb = "dtks generate",
            file = Path.GetFullPath(output),
            households = summary.Households,
            rows = summary.Rows,
            defective_rows = summary.DefectiveRows,
            duplicate_niks = summary.DuplicateNiks,
            defects = summary.DefectsByKind,
            seed,
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
        });
        return 0;
    }
}
