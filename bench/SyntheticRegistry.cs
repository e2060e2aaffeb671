using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>
/// The synthetic NTT registry the evaluation scenarios share: generated (seed 2020, defect rate 0.01),
/// imported through the real importer into a temporary SQLite file, so the facts carry exactly what
/// an import yields (duplicate and NIK flags included) rather than what the generator meant to write.
/// Setup only; none of it is on a scenario's clock. Deleting the object removes the folder.
/// </summary>
internal sealed class SyntheticRegistry : IAsyncDisposable
{
    public static readonly DateOnly AsOf = new(2024, 5, 1);

    private readonly (string Admin, string Database)? postgres;

    private SyntheticRegistry(string folder, DatabaseSettings settings, ImportSummary import, (string Admin, string Database)? postgres = null)
    {
        Folder = folder;
        Settings = settings;
        Import = import;
        this.postgres = postgres;
    }

    public string Folder { get; }

    public DatabaseSettings Settings { get; }

    public ImportSummary Import { get; }

    /// <summary>
    /// The synthetic registry imported into a fresh SQLite file or, given an admin connection string,
    /// into a fresh PostgreSQL database that <see cref="DisposeAsync"/> drops.
    /// </summary>
    public static async Task<SyntheticRegistry> CreateAsync(string scenario, int households, string? postgresAdmin = null)
    {
        var folder = Directory.CreateTempSubdirectory($"sejahtera-bench-{scenario}-").FullName;
        var csv = Path.Combine(folder, "dtks.csv");
        await using (var writer = new StreamWriter(csv))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: ImportOptions.DefaultSeed, DefectRate: ImportOptions.DefaultDefectRate), writer);
        }

        DatabaseSettings settings;
        (string Admin, string Database)? postgres = null;
        if (postgresAdmin is null)
        {
            // Pooling off so the file is closed, and can be deleted, as soon as the last connection is.
            settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")};Pooling=False");
        }
        else
        {
            var name = "sejahtera_bench_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync(postgresAdmin, $"CREATE DATABASE {name}");
            postgres = (postgresAdmin, name);
            settings = new DatabaseSettings(DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString);
        }

        await new DatabaseInitializer(settings).InitializeAsync();
        var import = await new DtksImporter(settings, TimeProvider.System).ImportAsync(new ImportRequest(csv));
        File.Delete(csv);
        return new SyntheticRegistry(folder, settings, import, postgres) { GeneratedHouseholds = households };
    }

    private static async Task AdminAsync(string adminConnection, string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(adminConnection);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The next period: the same registry under <paramref name="period"/> (the generator's rows, their
    /// period column rewritten: generated for another period, every birth date would move), with one household
    /// in <paramref name="changeOneIn"/> (chosen by a hash of its ID DTKS) changed: every member's
    /// occupation moved on by one. Imported through the real importer; returns the import and the
    /// number of households changed.
    /// </summary>
    public async Task<(ImportSummary Import, int Changed)> ImportChangedPeriodAsync(string period, int changeOneIn)
    {
        var generated = Path.Combine(Folder, "dtks-next-generated.csv");
        var csv = Path.Combine(Folder, "dtks-next.csv");
        await using (var writer = new StreamWriter(generated))
        {
            DtksGenerator.Write(new GeneratorOptions(GeneratedHouseholds, Seed: ImportOptions.DefaultSeed, DefectRate: ImportOptions.DefaultDefectRate), writer);
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new StreamReader(generated))
        await using (var writer = new StreamWriter(csv))
        {
            var header = (await reader.ReadLineAsync())!;
            await writer.WriteLineAsync(header);
            var columns = header.Split(',');
            var (id, occupation, periodColumn) = (Array.IndexOf(columns, "id_dtks"), Array.IndexOf(columns, "pekerjaan"), Array.IndexOf(columns, "periode"));
            while (await reader.ReadLineAsync() is { } line)
            {
                var fields = line.Split(',');
                if (fields.Length == columns.Length)
                {
                    fields[periodColumn] = period;
                    if (StableHash(fields[id]) % (uint)changeOneIn == 0 && int.TryParse(fields[occupation], System.Globalization.CultureInfo.InvariantCulture, out var o))
                    {
                        fields[occupation] = ((o + 1) % 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        changed.Add(fields[id]);
                    }

                    line = string.Join(',', fields);
                }

                await writer.WriteLineAsync(line);
            }
        }

        File.Delete(generated);
        var import = await new DtksImporter(Settings, TimeProvider.System).ImportAsync(new ImportRequest(csv));
        File.Delete(csv);
        return (import, changed.Count);
    }

    private int GeneratedHouseholds { get; init; }

    /// <summary>FNV-1a over the characters: the same choice of households in every run.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>Every imported household as the fact the rules see, in registry id order.</summary>
    public async Task<List<Fact.Household>> LoadFactsAsync()
    {
        await using var db = Settings.CreateContext();
        var members = (await db.Members.AsNoTracking().ToListAsync()).ToLookup(m => m.HouseholdId);
        return (await db.Households.AsNoTracking().OrderBy(h => h.Id).ToListAsync())
            .Select(h => HouseholdFacts.From(h, members[h.Id]))
            .ToList();
    }

    /// <summary>The default rule sets whose subject is a household (the bansos programs).</summary>
    public static List<CompiledRuleSet> HouseholdRuleSets() => DefaultRuleSets.All
        .Select(r => RuleSetCompiler.Compile(r.Yaml, r.Name))
        .Where(r => r.SubjectType == typeof(Fact.Household))
        .OrderBy(r => r.Program, StringComparer.Ordinal)
        .ToList();

    public async ValueTask DisposeAsync()
    {
        if (postgres is { } pg)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            // An autovacuum worker busy on the database cannot be ended by a role that is not a superuser: wait for it.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AdminAsync(pg.Admin, $"DROP DATABASE IF EXISTS {pg.Database} WITH (FORCE)");
                    break;
                }
                catch (Npgsql.PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 30)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not remove {Folder}: {e.Message}");
        }
    }
}
