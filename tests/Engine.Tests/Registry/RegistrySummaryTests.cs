using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Registry;

/// <summary>The per-kabupaten summary the import writes, against a direct count of the rows.</summary>
public sealed class RegistrySummaryTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static DtksImporter Importer(TestDatabase db) => new(db.Settings, TimeProvider.System);

    private static async Task<string> GenerateAsync(TestDatabase db, string name, int households, int seed)
    {
        var path = Path.Combine(db.Folder, name);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        DtksGenerator.Write(new GeneratorOptions(households, Seed: seed, DefectRate: 0.05), writer);
        return path;
    }

    /// <summary>The rows of a period counted one by one, as the overview used to on every request.</summary>
    private static async Task<List<(string Code, int Households, int Members, int Flagged)>> CountedAsync(SejahteraDbContext db, long snapshotId)
    {
        var households = await db.Households.Where(h => h.SnapshotId == snapshotId)
            .GroupBy(h => h.KabupatenCode)
            .Select(g => new { Code = g.Key, Households = g.Count(), Members = g.Sum(h => h.MemberCount) })
            .ToListAsync();
        var members = await db.Members.Where(m => m.SnapshotId == snapshotId)
            .Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => new { h.KabupatenCode, m.Flags })
            .GroupBy(x => x.KabupatenCode)
            .Select(g => new { Code = g.Key, Members = g.Count(), Flagged = g.Count(x => x.Flags != MemberFlags.None) })
            .ToDictionaryAsync(x => x.Code);
        Assert.All(households, h => Assert.Equal(h.Members, members[h.Code].Members));
        return households.Select(h => (h.Code, h.Households, h.Members, members[h.Code].Flagged)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<(string Code, int Households, int Members, int Flagged)>> SummaryAsync(SejahteraDbContext db, long snapshotId) =>
        (await db.RegistrySummaries.AsNoTracking().Where(s => s.SnapshotId == snapshotId).ToListAsync())
            .Select(s => (s.KabupatenCode, s.Households, s.Members, s.FlaggedMembers))
            .OrderBy(r => r.KabupatenCode, StringComparer.Ordinal)
            .ToList();

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_summary_equals_a_direct_count_after_an_import_and_after_a_replacing_import(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = await Importer(db).ImportAsync(new ImportRequest(await GenerateAsync(db, "a.csv", 6_000, seed: 21)));
        await using (var ctx = db.Context())
        {
            var counted = await CountedAsync(ctx, first.SnapshotId);
            Assert.Equal(counted, await SummaryAsync(ctx, first.SnapshotId));
            Assert.Equal(22, counted.Count);
            Assert.True(first.FlaggedDuplicates > 0);
            Assert.True(counted.Sum(c => c.Flagged) > first.FlaggedDuplicates, "Members flagged by NIK/birth date or sex are counted too.");
        }

        var replaced = await Importer(db).ImportAsync(new ImportRequest(await GenerateAsync(db, "b.csv", 4_000, seed: 22), Replace: true));

        await using (var ctx = db.Context())
        {
            Assert.Equal(await CountedAsync(ctx, replaced.SnapshotId), await SummaryAsync(ctx, replaced.SnapshotId));
            Assert.Empty(await SummaryAsync(ctx, first.SnapshotId));
            Assert.Equal(replaced.Households, await ctx.RegistrySummaries.SumAsync(s => s.Households));
            var overview = await GetRegistryOverview.HandleAsync(ctx, RegionScope.Parse("53.07,53.08"));
            Assert.Equal(["53.07", "53.08"], overview.Kabupaten.Select(k => k.Code));
            Assert.Equal(await ctx.Households.CountAsync(h => h.KabupatenCode == "53.07"), overview.Kabupaten[0].Households);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_member_flagged_both_data_ganda_and_by_birth_date_is_counted_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var shared = DtksFile.Nik("530701", "120680", 1);
        var path = new DtksFile()
            .Row("H1", shared, r => r["tanggal_lahir"] = "1980-06-13")
            .Row("H2", shared, r => r["tanggal_lahir"] = "1980-06-13")
            .Row("H3", DtksFile.Nik("530701", "450385", 1))
            .Row("H4", shared, r => r["kode_wilayah"] = "53.08.01.2002")
            .WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        await using var ctx = db.Context();
        Assert.Equal(3, summary.FlaggedDuplicates);
        Assert.Equal([("53.07", 3, 3, 2), ("53.08", 1, 1, 1)], await SummaryAsync(ctx, summary.SnapshotId));
        Assert.Equal(await CountedAsync(ctx, summary.SnapshotId), await SummaryAsync(ctx, summary.SnapshotId));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_migration_fills_the_summary_of_periods_imported_before_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var imported = await Importer(db).ImportAsync(new ImportRequest(await GenerateAsync(db, "a.csv", 3_000, seed: 23)));
        await using var ctx = db.Context();
        var migrator = ctx.GetService<IMigrator>();
        var migrations = ctx.Database.GetMigrations().ToList();
        var summaryMigration = migrations.FindIndex(m => m.EndsWith("_RegistrySummary", StringComparison.Ordinal));

        // Back to the schema before the summary (the table is dropped), then forward again.
        await migrator.MigrateAsync(migrations[summaryMigration - 1]);
        await migrator.MigrateAsync();

        Assert.Equal(await CountedAsync(ctx, imported.SnapshotId), await SummaryAsync(ctx, imported.SnapshotId));
        Assert.Equal(22, (await SummaryAsync(ctx, imported.SnapshotId)).Count);
    }
}
