using System.Diagnostics;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Admin.Cli;

/// <summary>`dtks import FILE`: one period of the registry, all or nothing.</summary>
internal static class DtksImport
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var file = cli.Word(2) ?? throw new CliUsageException("Sebutkan berkas yang diimpor: dtks import BERKAS.csv");
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        var watch = Stopwatch.StartNew();
        var summary = await new DtksImporter(settings, TimeProvider.System)
            .ImportAsync(new ImportRequest(file, cli.Option("rejects"), cli.Flag("replace")), CliApp.Progress("baris dibaca"), ct);
        CliApp.EndProgress();
        CliApp.Emit(new
        {
            verb = "dtks import",
            file = summary.File,
            period = summary.Period,
            already_imported = summary.AlreadyImported,
            read = summary.Read,
            households = summary.Households,
            members = summary.Members,
            rejected = summary.Rejected,
            flagged_duplicates = summary.FlaggedDuplicates,
            rejects_file = summary.RejectsFile,
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
        });
        return 0;
    }
}
