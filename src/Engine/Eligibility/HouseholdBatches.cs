using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Eligibility;

/// <summary>Households of a period with their members, as registry rows and as facts, in id order.</summary>
internal sealed record HouseholdBatch(List<Household> Households, Fact.Household[] Facts);

/// <summary>
/// Reads the households of a period a batch at a time with their members, as facts. One way for every
/// reader of a whole period (screening, fingerprints, the dry run's registry). Lists of ids go to the
/// database as one array parameter (<c>EF.Parameter</c>), not one parameter per id: a batch holds
/// thousands, more than SQL Server takes, and each length would be a statement of its own.
/// </summary>
internal static class HouseholdBatches
{
    /// <summary>
    /// The households of a period. "+ 0" keeps the planner off the snapshot indexes: one period holds
    /// most rows, and a batch is found by its id range (the primary key), not by scanning the period for every batch.
    /// </summary>
    public static IQueryable<Household> Of(SejahteraDbContext db, long snapshotId) =>
        db.Households.AsNoTracking().Where(h => h.SnapshotId + 0 == snapshotId);

    /// <summary>
    /// Streams <paramref name="households"/> (households of period <paramref name="snapshotId"/>, from
    /// <see cref="Of"/>, maybe narrowed) in id order with their members.
    /// </summary>
    public static async IAsyncEnumerable<HouseholdBatch> ReadAsync(
        SejahteraDbContext db, long snapshotId, IQueryable<Household> households, int batchSize, [EnumeratorCancellation] CancellationToken ct)
    {
        long lastId = 0;
        while (true)
        {
            var batch = await households.Where(h => h.Id > lastId).OrderBy(h => h.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                yield break;
            }

            lastId = batch[^1].Id;
            yield return await WithMembersAsync(db, snapshotId, batch, ct);
        }
    }

    /// <summary>
    /// Streams the households of <paramref name="ids"/> (in id order) among <paramref name="households"/>,
    /// with their members: a few of a period, found by id rather than by reading the period.
    /// </summary>
    public static async IAsyncEnumerable<HouseholdBatch> ReadAsync(
        SejahteraDbContext db, long snapshotId, IQueryable<Household> households, IReadOnlyList<long> ids, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(batchSize))
        {
            var batch = await households.Where(h => EF.Parameter(chunk).Contains(h.Id)).OrderBy(h => h.Id).ToListAsync(ct);
            if (batch.Count > 0)
            {
                yield return await WithMembersAsync(db, snapshotId, batch, ct);
            }
        }
    }

    /// <summary>
    /// The batch's households with their members as facts. When the households are spread thin over
    /// their id range (the others were left out), their members are read by id rather than by range,
    /// so the members of the households left out are not read.
    /// </summary>
    private static async Task<HouseholdBatch> WithMembersAsync(SejahteraDbContext db, long snapshotId, List<Household> batch, CancellationToken ct)
    {
        var (min, max) = (batch[0].Id, batch[^1].Id);
        var members = db.Members.AsNoTracking();
        if (max - min + 1 > 2L * batch.Count)
        {
            var ids = batch.Select(h => h.Id).ToList();
            members = members.Where(m => EF.Parameter(ids).Contains(m.HouseholdId));
        }
        else
        {
            members = members.Where(m => m.HouseholdId >= min && m.HouseholdId <= max && m.SnapshotId + 0 == snapshotId);
        }

        var byHousehold = (await members.ToListAsync(ct)).ToLookup(m => m.HouseholdId);
        var facts = new Fact.Household[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            facts[i] = HouseholdFacts.From(batch[i], byHousehold[batch[i].Id]);
        }

        return new HouseholdBatch(batch, facts);
    }
}
