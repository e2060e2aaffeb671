using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti.Browse;

/// <summary>A home's residents (all of them, or those whose name holds <see cref="Query"/>), with the home's counts of one year.</summary>
public sealed record HomeResidents(PantiHome Home, int CurrentResidents, PantiYearCounts Counts, string? Query, IReadOnlyList<Resident> Residents);

public static class ListResidents
{
    /// <summary>Null when the home does not exist or is not the user's to see (the same answer for both).</summary>
    public static async Task<HomeResidents?> HandleAsync(
        SejahteraDbContext db, RegionScope scope, string homeCode, string? nameQuery, int year, CancellationToken ct = default)
    {
        if (await PantiScope.HomeAsync(db, scope, homeCode, ct) is not { } home)
        {
            return null;
        }

        var query = string.IsNullOrWhiteSpace(nameQuery) ? null : nameQuery.Trim();
        var residents = db.Residents.AsNoTracking().Where(r => r.HomeCode == home.Code);
        if (query is not null)
        {
            var lower = query.ToLowerInvariant();
            residents = residents.Where(r => r.Name.ToLower().Contains(lower));
        }

        var list = await residents.OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
        var counts = await PantiCounts.ForHomeAsync(db, home.Code, year, ct);
        var current = await ListHomes.CurrentResidentsAsync(db, [home.Code], ct);
        return new HomeResidents(home, current.GetValueOrDefault(home.Code), counts, query, list);
    }
}
