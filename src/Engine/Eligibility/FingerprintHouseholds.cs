using NpgsqlTypes;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Persistence.Bulk;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// Writes the <see cref="HouseholdFingerprint"/> of every household of a period, in the caller's
/// transaction and through its bulk writer: the import's last step, once the data ganda flags are set.
/// </summary>
internal static class FingerprintHouseholds
{
    private const int BatchSize = 8_192;

    private static readonly BulkTable<HouseholdFingerprint> Table = new("household_fingerprints",
    [
        new("household_id", NpgsqlDbType.Bigint, f => f.HouseholdId),
        new("facts_hash", NpgsqlDbType.Bigint, f => f.FactsHash),
        new("birth_days", NpgsqlDbType.Bytea, f => f.BirthDays),
    ]);

    public static async Task WriteAsync(SejahteraDbContext db, BulkWriter bulk, long snapshotId, CancellationToken ct)
    {
        await foreach (var batch in HouseholdBatches.ReadAsync(db, snapshotId, HouseholdBatches.Of(db, snapshotId), BatchSize, ct))
        {
            var rows = new HouseholdFingerprint[batch.Facts.Length];
            Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = ct },
                i => rows[i] = HouseholdFingerprint.Of(batch.Households[i].Id, batch.Facts[i]));
            await bulk.WriteAllAsync(Table, rows, ct);
        }
    }
}
