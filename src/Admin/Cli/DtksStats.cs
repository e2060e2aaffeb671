using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Cli;

/// <summary>`dtks stats`: totals of the latest period.</summary>
internal static class DtksStats
{
    public static async Task<int> RunAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var stats = await GetRegistryStats.HandleAsync(db, ct);
        CliApp.Emit(new
        {
            verb = "dtks stats",
            period = stats.Period,
            periods = stats.Periods,
            households = stats.Households,
            members = stats.Members,
            flagged = stats.Flagged,
            data_ganda = stats.DataGanda,
            rejected = stats.Rejected,
        });
        return 0;
    }
}
