using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti;

/// <summary>Which homes a user may see: those in the user's region, and for UPT staff only their own home.</summary>
internal static class PantiScope
{
    public static bool Allows(this RegionScope scope, PantiHome home) => scope.Allows(home.KabupatenCode, home.Code);

    public static async Task<IReadOnlyList<PantiHome>> HomesAsync(SejahteraDbContext db, RegionScope scope, CancellationToken ct)
    {
        var homes = await db.PantiHomes.AsNoTracking().OrderBy(h => h.Code).ToListAsync(ct);
        return homes.Where(scope.Allows).OrderBy(h => Catalogued(h.Code)).ThenBy(h => h.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The home, when it exists and the user may see it.</summary>
    public static async Task<PantiHome?> HomeAsync(SejahteraDbContext db, RegionScope scope, string code, CancellationToken ct)
    {
        var home = await db.PantiHomes.AsNoTracking().FirstOrDefaultAsync(h => h.Code == code, ct);
        return home is not null && scope.Allows(home) ? home : null;
    }

    /// <summary>The resident and their home, when the user may see them (another home's resident is as good as missing).</summary>
    public static async Task<(Resident Resident, PantiHome Home)?> ResidentAsync(SejahteraDbContext db, RegionScope scope, long id, CancellationToken ct)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        var home = resident is null ? null : await HomeAsync(db, scope, resident.HomeCode, ct);
        return home is null ? null : (resident!, home);
    }

    /// <summary>Homes in the order of the shipped list (children, elderly, disability), others after.</summary>
    private static int Catalogued(string code)
    {
        var index = PantiHomeCatalog.All.Select(h => h.Code).ToList().IndexOf(code);
        return index < 0 ? int.MaxValue : index;
    }
}
