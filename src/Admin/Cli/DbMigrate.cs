using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>`db migrate`: applies migrations and loads the reference data.</summary>
internal static class DbMigrate
{
    public static async Task<int> RunAsync(DatabaseSettings settings, CancellationToken ct)
    {
        var result = await new DatabaseInitializer(settings).InitializeAsync(ct);
        CliApp.Emit(new
        {
            verb = "db migrate",
            provider = settings.Provider.ToString().ToLowerInvariant(),
            applied_migrations = result.AppliedMigrations,
            regions_added = result.RegionsAdded,
        });
        return 0;
    }
}
