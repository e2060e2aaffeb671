using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti.Browse;

/// <summary>A home with the residents it has now (not yet terminated) and its counts of one year.</summary>
public sealed record HomeOverview(PantiHome Home, int CurrentResidents, PantiYearCounts Counts);

/// <summary>The homes a user may see, with their counts.</summary>
public static class ListHomes
{
    public static async Task<IReadOnlyList<HomeOverview>> HandleAsync(SejahteraDbContext db, RegionScope scope, int year, CancellationToken ct = default)
    {
        var homes = await PantiScope.HomesAsync(db, scope, ct);
        var codes = homes.Select(h => h.Code).ToList();
        var counts = (await PantiCounts.CountAsync(db, year, year, codes, ct)).ToDictionary(c => c.HomeCode, StringComparer.Ordinal);
        var current = await CurrentResidentsAsync(db, codes, ct);
        return homes.Select(h => new HomeOverview(h, current.GetValueOrDefault(h.Code), counts[h.Code])).ToList();
    }

    /// <summary>Residents per home whose stage comes before termination.</summary>
    internal static async Task<Dictionary<string, int>> CurrentResidentsAsync(SejahteraDbContext db, IReadOnlyCollection<string> homeCodes, CancellationToken ct)
    {
        string[] left = [RehabilitationStages.Termination, RehabilitationStages.FollowUp];
        return await db.Residents.AsNoTracking()
            .Where(r => homeCodes.Contains(r.HomeCode) && !left.Contains(r.Stage))
            .GroupBy(r => r.HomeCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
    }
}
