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
            long lastId = 0;
            while (true)
            {
                var households = await db.Households.AsNoTracking().Where(h => h.SnapshotId + 0 == latest.Id && h.Id > lastId)
                    .OrderBy(h => h.Id).Take(50_000).ToListAsync(ct);
                if (households.Count == 0)
                {
                    break;
                }

                var (min, max) = (households[0].Id, households[^1].Id);
                lastId = max;
                var members = (await db.Members.AsNoTracking()
                    .Where(m => m.HouseholdId >= min && m.HouseholdId <= max && m.SnapshotId + 0 == latest.Id).ToListAsync(ct)).ToLookup(m => m.HouseholdId);
                facts.AddRange(households.Select(h => new RegistryFact(h.Id, h.KabupatenCode, HouseholdFacts.From(h, members[h.Id]))));
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
