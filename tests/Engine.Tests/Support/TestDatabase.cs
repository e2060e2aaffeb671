using Npgsql;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Tests.Support;

/// <summary>
/// A real, empty, migrated database for one test: a SQLite file in a temp folder, or a fresh
/// database on the PostgreSQL server named by SEJAHTERA_TEST_POSTGRES (skipped, saying so, when unset).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SEJAHTERA_TEST_POSTGRES";

    private readonly Func<Task> cleanup;

    private TestDatabase(DatabaseSettings settings, string folder, Func<Task> cleanup)
    {
        Settings = settings;
        Folder = folder;
        this.cleanup = cleanup;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>A scratch folder for input and rejects files, removed with the database.</summary>
    public string Folder { get; }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteAsync(),
        DatabaseProvider.Postgres => PostgresAsync(),
        _ => throw new NotSupportedException("SQL Server has no server on this machine."),
    };

    public static async Task<TestDatabase> SqliteAsync()
    {
        var folder = NewFolder();
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "sejahtera.db")};Pooling=False");
        await new DatabaseInitializer(settings).InitializeAsync();
        return new TestDatabase(settings, folder, () => Task.CompletedTask);
    }

    public static string? PostgresAdminConnection => Environment.GetEnvironmentVariable(PostgresVariable);

    public static async Task<TestDatabase> PostgresAsync()
    {
        Skip.If(string.IsNullOrEmpty(PostgresAdminConnection),
            $"PostgreSQL test skipped: set {PostgresVariable} (scripts/test.sh does) to run it against a real server.");
        var name = "sejahtera_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresAdminConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        // A generous connect timeout: the suite opens many connections at once on a two-core machine.
        var csb = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = name, Pooling = false, Timeout = 60 };
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString);
        await new DatabaseInitializer(settings).InitializeAsync();
        return new TestDatabase(settings, NewFolder(), async () =>
        {
            await using var admin = new NpgsqlConnection(PostgresAdminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException e) when (e.SqlState == "42501" && attempt < 20)
                {
                    // An autovacuum worker (a superuser's backend) on the new database cannot be
                    // terminated by the test role; it ends by itself within moments.
                    await Task.Delay(250);
                }
            }
        });
    }

    public SejahteraDbContext Context() => Settings.CreateContext();

    public async ValueTask DisposeAsync()
    {
        await cleanup();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a killed process; the temp folder is cleaned by the OS.
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
