using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Panti;

/// <summary>
/// What a home did in a year, for the indicators: residents served (admitted on or before 31
/// December and not terminated before 1 January), residents terminated (the date the stage
/// <c>terminasi</c> was entered, from the stage history), and of those, the ones whose termination
/// assistance was paid (a <c>panti-terminasi</c> case that reached follow-up or closed).
/// </summary>
public sealed record PantiYearCounts(string HomeCode, int Year, int Served, int Terminated, int TerminatedPaid);

/// <summary>
/// The counts of the homes per year (see <see cref="PantiYearCounts"/>), straight from the register
/// and the cases; not limited by any user's scope, so a caller showing them to a person filters
/// the homes first.
/// </summary>
public static class PantiCounts
{
    /// <summary>One row per home and year from <paramref name="fromYear"/> to <paramref name="toYear"/>, every home of <paramref name="homeCodes"/> (all homes when null), zeros included.</summary>
    public static async Task<IReadOnlyList<PantiYearCounts>> CountAsync(
        SejahteraDbContext db, int fromYear, int toYear, IReadOnlyCollection<string>? homeCodes = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromYear, toYear);
        var homes = homeCodes?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            ?? await db.PantiHomes.AsNoTracking().Select(h => h.Code).OrderBy(c => c).ToListAsync(ct);

        var residents = await db.Residents.AsNoTracking()
            .Where(r => homes.Contains(r.HomeCode))
            .Select(r => new { r.Id, r.HomeCode, r.AdmittedOn })
            .ToListAsync(ct);
        var terminations = (await db.ResidentStages.AsNoTracking()
                .Where(s => s.Stage == RehabilitationStages.Termination)
                .Join(db.Residents.Where(r => homes.Contains(r.HomeCode)), s => s.ResidentId, r => r.Id, (s, r) => new { s.ResidentId, s.On })
                .ToListAsync(ct))
            .GroupBy(t => t.ResidentId)
            .ToDictionary(g => g.Key, g => g.Min(t => t.On));
        var paid = (await db.PantiTerminations.AsNoTracking()
                .Join(db.Proposals.AsNoTracking(), t => t.ProposalId, p => p.Id, (t, p) => new { t.ResidentId, p.Program, p.Stage })
                .Where(c => c.Program == CasePrograms.PantiTermination && (c.Stage == StateMeanings.FollowUp || c.Stage == StateMeanings.Closed))
                .Select(c => c.ResidentId)
                .ToListAsync(ct))
            .ToHashSet();

        var byHome = residents.ToLookup(r => r.HomeCode, StringComparer.Ordinal);
        var rows = new List<PantiYearCounts>();
        foreach (var home in homes)
        {
            for (var year = fromYear; year <= toYear; year++)
            {
                var first = new DateOnly(year, 1, 1);
                var last = new DateOnly(year, 12, 31);
                int served = 0, terminated = 0, terminatedPaid = 0;
                foreach (var resident in byHome[home])
                {
                    DateOnly? terminatedOn = terminations.TryGetValue(resident.Id, out var on) ? on : null;
                    if (resident.AdmittedOn <= last && (terminatedOn is null || terminatedOn >= first))
                    {
                        served++;
                    }

                    if (terminatedOn is { } t && t.Year == year)
                    {
                        terminated++;
                        if (paid.Contains(resident.Id))
                        {
                            terminatedPaid++;
                        }
                    }
                }

                rows.Add(new PantiYearCounts(home, year, served, terminated, terminatedPaid));
            }
        }

        return rows;
    }

    /// <summary>Every home's counts of one year.</summary>
    public static Task<IReadOnlyList<PantiYearCounts>> ForYearAsync(SejahteraDbContext db, int year, CancellationToken ct = default) =>
        CountAsync(db, year, year, homeCodes: null, ct);

    /// <summary>One home's counts of one year.</summary>
    public static async Task<PantiYearCounts> ForHomeAsync(SejahteraDbContext db, string homeCode, int year, CancellationToken ct = default) =>
        (await CountAsync(db, year, year, [homeCode], ct))[0];
}
