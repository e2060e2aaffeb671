using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record KabupatenRow(string Code, string Name, int Households, int Members, int FlaggedMembers);

public sealed record RegistryOverview(DtksSnapshot? Snapshot, IReadOnlyList<KabupatenRow> Kabupaten);

/// <summary>Households, members and flags per kabupaten/kota of the latest period, within the user's scope.</summary>
public static class GetRegistryOverview
{
    public static async Task<RegistryOverview> HandleAsync(SejahteraDbContext db, RegionScope scope, CancellationToken ct = default)
    {
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null)
        {
            return new RegistryOverview(null, []);
        }

        var households = scope.Filter(db.Households.Where(h => h.SnapshotId == snapshot.Id));
        var counts = await households
            .GroupBy(h => h.KabupatenCode)
            .Select(g => new { Code = g.Key, Households = g.Count(), Members = g.Sum(h => h.MemberCount) })
            .ToListAsync(ct);
        var flagged = await db.Members
            .Where(m => m.SnapshotId == snapshot.Id && m.Flags != MemberFlags.None)
            .Join(households, m => m.HouseholdId, h => h.Id, (m, h) => h.KabupatenCode)
            .GroupBy(code => code)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Code, x => x.Count, ct);

        var rows = counts
            .Select(c => new KabupatenRow(c.Code, RegionCatalog.Ntt.Find(c.Code)?.Name ?? c.Code, c.Households, c.Members, flagged.GetValueOrDefault(c.Code)))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        return new RegistryOverview(snapshot, rows);
    }
}

internal static class LatestSnapshot
{
    public static Task<DtksSnapshot?> FindAsync(SejahteraDbContext db, CancellationToken ct) =>
        db.Snapshots.AsNoTracking().OrderByDescending(s => s.Period).FirstOrDefaultAsync(ct);
}
