using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record KabupatenRow(string Code, string Name, int Households, int Members, int FlaggedMembers);

public sealed record RegistryOverview(DtksSnapshot? Snapshot, IReadOnlyList<KabupatenRow> Kabupaten);

/// <summary>
/// Households, members and flags per kabupaten/kota of the latest period, within the user's scope:
/// read from the summary the import wrote (<see cref="RegistrySummary"/>), a few rows, whatever the
/// size of the registry.
/// </summary>
public static class GetRegistryOverview
{
    public static async Task<RegistryOverview> HandleAsync(SejahteraDbContext db, RegionScope scope, CancellationToken ct = default)
    {
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null)
        {
            return new RegistryOverview(null, []);
        }

        var summaries = await db.RegistrySummaries.AsNoTracking().Where(s => s.SnapshotId == snapshot.Id).ToListAsync(ct);
        var rows = summaries
            .Where(s => scope.Allows(s.KabupatenCode))
            .Select(s => new KabupatenRow(s.KabupatenCode, RegionCatalog.Ntt.Find(s.KabupatenCode)?.Name ?? s.KabupatenCode, s.Households, s.Members, s.FlaggedMembers))
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
