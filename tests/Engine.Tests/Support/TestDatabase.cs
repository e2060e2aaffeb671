using Npgsql;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Tests.Support;

/// <summary>
/// A real, empty, migrated database for one test: a SQLite file in a temp folder, or a fresh
/// database on the PostgreSQL server named by SEJAHTERA_TEST_POSTGRES (skipped, saying so, when unset).
/// Migrations and reference data are applied once per test run to a template (a SQLite file, a
/// PostgreSQL template database) and each test gets a copy of it: the same schema and data the
/// initializer writes, without running it more than once per provider.
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
        var file = Path.Combine(folder, "sejahtera.db");
        File.Copy(await SqliteTemplate.Value, file);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        return new TestDatabase(settings, folder, () => Task.CompletedTask);
    }

    /// <summary>A migrated SQLite file with the reference data, made once per test run.</summary>
    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var file = Path.Combine(NewFolder(), "template.db");
        await new DatabaseInitializer(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False")).InitializeAsync();
        return file;
    });

    /// <summary>A migrated PostgreSQL database with the reference data, made once per test run and dropped when it ends.</summary>
    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var name = "sejahtera_template_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync($"CREATE DATABASE {name}");
        var csb = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = name, Pooling = false, Timeout = 60 };
        await new DatabaseInitializer(new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString)).InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(name).GetAwaiter().GetResult();
        return name;
    });

    public static string? PostgresAdminConnection => Environment.GetEnvironmentVariable(PostgresVariable);

    public static async Task<TestDatabase> PostgresAsync()
    {
        Skip.If(string.IsNullOrEmpty(PostgresAdminConnection),
            $"PostgreSQL test skipped: set {PostgresVariable} (scripts/test.sh does) to run it against a real server.");
        var template = await PostgresTemplate.Value;
        var name = "sejahtera_test_" + Guid.NewGuid().ToString("N")[..12];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminAsync($"CREATE DATABASE {name} TEMPLATE {template}");
                break;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 40)
            {
                // Another copy of the template is being made at this moment; copies wait for each other.
                await Task.Delay(100);
            }
        }

        // A generous connect timeout: the suite opens many connections at once on a two-core machine.
        var csb = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = name, Pooling = false, Timeout = 60 };
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString);
        return new TestDatabase(settings, NewFolder(), () => DropAsync(name));
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(PostgresAdminConnection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == "42501" && attempt < 240)
            {
                // An autovacuum worker (a superuser's backend) on the new database cannot be
                // terminated by the test role; it ends by itself, after a large import and on a
                // loaded machine only after several seconds.
                await Task.Delay(250);
            }
        }
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
