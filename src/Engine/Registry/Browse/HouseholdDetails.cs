using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record HouseholdDetails(
    Household Household,
    DtksSnapshot Snapshot,
    IReadOnlyList<Region> Location,
    IReadOnlyList<Member> Members,
    IReadOnlyList<ImportReject> Rejects);

/// <summary>
/// One household with its members, flags and the rejected lines of its id_dtks. A household outside
/// the user's scope is reported exactly like a missing one, so its existence does not leak.
/// </summary>
public static class GetHouseholdDetails
{
    public static async Task<HouseholdDetails?> HandleAsync(SejahteraDbContext db, RegionScope scope, long id, CancellationToken ct = default)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null || !scope.Allows(household.KabupatenCode))
        {
            return null;
        }

        var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Id == household.SnapshotId, ct);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.HouseholdId == id)
            .OrderBy(m => m.Relation).ThenBy(m => m.LineNumber)
            .ToListAsync(ct);
        var rejects = await db.ImportRejects.AsNoTracking()
            .Where(r => r.SnapshotId == household.SnapshotId && r.IdDtks == household.IdDtks)
            .OrderBy(r => r.LineNumber)
            .ToListAsync(ct);

        var location = new List<Region>(4);
        for (var code = household.RegionCode; code is not null;)
        {
            var region = RegionCatalog.Ntt.Find(code);
            if (region is null)
            {
                break;
            }

            location.Insert(0, region);
            code = region.ParentCode;
        }

        return new HouseholdDetails(household, snapshot, location, members, rejects);
    }
}
