using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record RegistryStats(string? Period, long Households, long Members, long Flagged, long DataGanda, long Rejected, int Periods);

/// <summary>Totals of the latest period, for `dtks stats` and the health of the registry.</summary>
public static class GetRegistryStats
{
    public static async Task<RegistryStats> HandleAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        var periods = await db.Snapshots.CountAsync(ct);
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null)
        {
            return new RegistryStats(null, 0, 0, 0, 0, 0, periods);
        }

        var members = db.Members.Where(m => m.SnapshotId == snapshot.Id);
        return new RegistryStats(
            snapshot.Period,
            await db.Households.CountAsync(h => h.SnapshotId == snapshot.Id, ct),
            await members.CountAsync(ct),
            await members.CountAsync(m => m.Flags != MemberFlags.None, ct),
            await members.CountAsync(m => ((int)m.Flags & (int)MemberFlags.DataGanda) != 0, ct),
            await db.ImportRejects.CountAsync(r => r.SnapshotId == snapshot.Id, ct),
            periods);
    }
}
