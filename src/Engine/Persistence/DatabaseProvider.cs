using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Sejahtera.Engine.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Which database to use: <c>Database:Provider</c> and <c>ConnectionStrings:Sejahtera</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/sejahtera.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = providerText?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported; use sqlite, postgres or sqlserver."),
        };
        var connectionString = configuration.GetConnectionString("Sejahtera");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException($"ConnectionStrings:Sejahtera is required for provider {provider}.");
        }

        return new DatabaseSettings(provider, connectionString);
    }

    internal DbContextOptions<TContext> Options<TContext>()
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder);
        return builder.Options;
    }

    internal void Configure(DbContextOptionsBuilder builder)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString),
            DatabaseProvider.Postgres => builder.UseNpgsql(ConnectionString),
            DatabaseProvider.SqlServer => builder.UseSqlServer(ConnectionString),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>A context outside of dependency injection (CLI verbs, tests, the bench).</summary>
    public SejahteraDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteSejahteraDbContext(Options<SqliteSejahteraDbContext>()),
        DatabaseProvider.Postgres => new PostgresSejahteraDbContext(Options<PostgresSejahteraDbContext>()),
        DatabaseProvider.SqlServer => new SqlServerSejahteraDbContext(Options<SqlServerSejahteraDbContext>()),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Makes sure the folder of a SQLite file exists before the first connection.</summary>
    public void EnsureStorageFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(folder) && csb.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}

// Design-time factories: `dotnet ef migrations add X --context <Provider>SejahteraDbContext`.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSejahteraDbContext>
{
    public SqliteSejahteraDbContext CreateDbContext(string[] args) =>
        new(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db").Options<SqliteSejahteraDbContext>());
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSejahteraDbContext>
{
    public PostgresSejahteraDbContext CreateDbContext(string[] args) =>
        new(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=design").Options<PostgresSejahteraDbContext>());
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerSejahteraDbContext>
{
    public SqlServerSejahteraDbContext CreateDbContext(string[] args) =>
        new(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=localhost;Database=design;TrustServerCertificate=true").Options<SqlServerSejahteraDbContext>());
}
