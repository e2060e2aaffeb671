using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.RuleLifecycle;

public sealed record RegistryFact(long HouseholdId, string KabupatenCode, Fact.Household Fact);

/// <summary>
/// The latest registry period as facts, loaded once and kept until another period is imported, so a
/// dry run over the whole province does not read millions of rows each time an admin tries an edit.
/// </summary>
public sealed class RegistryFacts
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (long SnapshotId, IReadOnlyList<RegistryFact> Facts)? cached;

    public async Task<IReadOnlyList<RegistryFact>> GetAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var latest = await LatestSnapshot.FindAsync(db, ct);
        if (latest is null)
        {
            return [];
        }

        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } c && c.SnapshotId == latest.Id)
            {
                return c.Facts;
            }

            var facts = new List<RegistryFact>((int)latest.Households);
            await foreach (var batch in HouseholdBatches.ReadAsync(db, latest.Id, HouseholdBatches.Of(db, latest.Id), 50_000, ct))
            {
                for (var i = 0; i < batch.Facts.Length; i++)
                {
                    facts.Add(new RegistryFact(batch.Households[i].Id, batch.Households[i].KabupatenCode, batch.Facts[i]));
                }
            }

            cached = (latest.Id, facts);
            return facts;
        }
        finally
        {
            gate.Release();
        }
    }
}
