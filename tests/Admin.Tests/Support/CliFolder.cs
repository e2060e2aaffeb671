using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// A test class's own folder with a CLI on a SQLite database in it, removed afterwards.
/// </summary>
public abstract class CliFolder : IDisposable
{
    protected CliFolder(string databaseName = "cli.db")
    {
        Directory.CreateDirectory(Folder);
        Database = PathOf(databaseName);
        Cli = new CliRunner(Database);
    }

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite file the CLI works on.</summary>
    protected string Database { get; }

    protected CliRunner Cli { get; }

    /// <summary>The same database, opened by the test itself.</summary>
    protected DatabaseSettings Settings => new(DatabaseProvider.Sqlite, $"Data Source={Database};Pooling=False");

    protected string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }

        GC.SuppressFinalize(this);
    }
}
