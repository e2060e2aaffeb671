using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Registry.Import;

/// <summary>
/// What makes a multi-million-row load fast on each provider, done inside the import's transaction.
/// SQLite: maintaining the member indexes row by row costs more than the rows, and SQLite DDL is
/// transactional, so they are dropped and rebuilt. PostgreSQL: fresh statistics afterwards, or the
/// planner scans millions of rows for the data ganda update.
/// </summary>
internal static class BulkLoadTuning
{
    private static readonly string[] SqliteMemberIndexes =
    [
        "CREATE INDEX \"IX_members_household_id\" ON \"members\" (\"household_id\")",
        "CREATE INDEX \"IX_members_snapshot_id_nik\" ON \"members\" (\"snapshot_id\", \"nik\")",
        "CREATE INDEX \"IX_members_snapshot_id_name\" ON \"members\" (\"snapshot_id\", \"name\")",
    ];

    public static async Task BeforeAsync(SejahteraDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_members_household_id\"", ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_members_snapshot_id_nik\"", ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_members_snapshot_id_name\"", ct);
        }
    }

    public static async Task AfterAsync(SejahteraDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                foreach (var sql in SqliteMemberIndexes)
                {
                    await db.Database.ExecuteSqlRawAsync(sql, ct);
                }

                break;
            case DatabaseProvider.Postgres:
                await db.Database.ExecuteSqlRawAsync("ANALYZE members; ANALYZE households", ct);
                break;
        }
    }
}
