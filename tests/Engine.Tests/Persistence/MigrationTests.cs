using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Tests.Persistence;

public sealed class MigrationTests
{
    private static SejahteraDbContext Context(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new DatabaseSettings(provider, "Data Source=unused.db").CreateContext(),
        DatabaseProvider.Postgres => new DatabaseSettings(provider, "Host=localhost;Database=unused").CreateContext(),
        _ => new DatabaseSettings(provider, "Server=localhost;Database=unused;TrustServerCertificate=true").CreateContext(),
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Each_provider_has_migrations_that_match_the_model(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration.");
    }

    [Fact]
    public void The_SQL_Server_migration_script_is_generated_without_a_server()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [members]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [households]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_dtks_snapshots_source_sha256]", script, StringComparison.Ordinal);
        Assert.Contains("[asp_net_users]", script, StringComparison.Ordinal);
    }
}
