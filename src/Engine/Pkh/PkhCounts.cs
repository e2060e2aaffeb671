using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Pkh;

/// <summary>
/// What PKH did in a year, for indicator LJ-06: KPM evaluated for graduation (graduation cases
/// opened that year, WITA) and graduations by kind (closed cases with a decided kind, counted in the
/// year of their decision letter, or of the case when it has no letter date).
/// </summary>
public sealed record PkhYearCounts(int Year, int Evaluated, IReadOnlyDictionary<string, int> GraduationsByKind)
{
    public int Graduations => GraduationsByKind.Values.Sum();
}

/// <summary>
/// The PKH counts per year (see <see cref="PkhYearCounts"/>), straight from the graduation cases;
/// not limited by any user's scope, so a caller showing them to a person narrows them first.
/// </summary>
public static class PkhCounts
{
    /// <summary>The office's time zone (WITA, UTC+8): a case opened on 31 December at 20:00 WITA counts in that year.</summary>
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    /// <summary>One row per year from <paramref name="fromYear"/> to <paramref name="toYear"/>, zeros included.</summary>
    public static async Task<IReadOnlyList<PkhYearCounts>> EvaluatedPerYearAsync(SejahteraDbContext db, int fromYear, int toYear, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromYear, toYear);
        var cases = await db.GraduationCases.AsNoTracking()
            .Join(db.Proposals.AsNoTracking(), g => g.ProposalId, p => p.Id, (g, p) => new { p.CreatedAt, p.Stage, g.DecidedKind, g.LetterDate })
            .ToListAsync(ct);

        var rows = new List<PkhYearCounts>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var evaluated = cases.Count(c => c.CreatedAt.ToOffset(Wita).Year == year);
            var graduations = cases
                .Where(c => c.Stage == StateMeanings.Closed && c.DecidedKind is not null && (c.LetterDate?.Year ?? c.CreatedAt.ToOffset(Wita).Year) == year)
                .GroupBy(c => c.DecidedKind!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            rows.Add(new PkhYearCounts(year, evaluated, graduations));
        }

        return rows;
    }
}
