using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Pkh.Browse;

/// <summary>
/// The follow-through of one kabupaten/kota or one pendamping in a period: KPM, KPM evaluated (with
/// a graduation case of the period), graduations by kind (closed cases with a decided kind), open
/// cases, and overdue visits (open tasks of open cases past their due date).
/// </summary>
public sealed record PkhFollowThrough(string Key, int Kpm, int Evaluated, IReadOnlyDictionary<string, int> GraduationsByKind, int OpenCases, int OverdueVisits)
{
    public int Graduations => GraduationsByKind.Values.Sum();
}

/// <summary>The summary of a period per kabupaten/kota and per pendamping, with the yearly graduation target of a pendamping.</summary>
public sealed record PkhSummary(string? Period, IReadOnlyList<string> Periods, IReadOnlyList<PkhFollowThrough> Kabupaten, IReadOnlyList<PkhFollowThrough> Pendamping, int Target);

public static class GetPkhSummary
{
    /// <summary>At least this many graduations a year is what a pendamping is asked for.</summary>
    public const int GraduationTarget = 10;

    /// <summary>The period's summary over the KPM <paramref name="audience"/> may see (the latest period when none is asked for).</summary>
    public static async Task<PkhSummary> HandleAsync(SejahteraDbContext db, KpmAudience audience, string? period, DateOnly today, CancellationToken ct = default)
    {
        var visible = audience.Filter(db.Kpms.AsNoTracking());
        var periods = (await visible.Select(k => k.Period).Distinct().ToListAsync(ct)).OrderDescending(StringComparer.Ordinal).ToList();
        period = string.IsNullOrWhiteSpace(period) ? periods.FirstOrDefault() : period.Trim();
        if (period is null)
        {
            return new PkhSummary(null, periods, [], [], GraduationTarget);
        }

        var kpm = visible.Where(k => k.Period == period);
        var counts = await kpm.GroupBy(k => new { k.KabupatenCode, k.Pendamping })
            .Select(g => new { g.Key.KabupatenCode, g.Key.Pendamping, Count = g.Count() })
            .ToListAsync(ct);
        var cases = await db.GraduationCases.AsNoTracking().Where(g => g.Period == period)
            .Join(kpm, g => g.KpmId, k => k.Id, (g, k) => new { g.ProposalId, k.KabupatenCode, k.Pendamping, g.DecidedKind })
            .Join(db.Proposals.AsNoTracking(), c => c.ProposalId, p => p.Id, (c, p) => new { c.ProposalId, c.KabupatenCode, c.Pendamping, c.DecidedKind, p.Stage })
            .ToListAsync(ct);
        var overdue = (await db.ProposalTasks.AsNoTracking()
                .Where(t => t.CompletedAt == null && t.DueDate != null && t.DueDate < today)
                .Join(db.GraduationCases.AsNoTracking().Where(g => g.Period == period), t => t.ProposalId, g => g.ProposalId, (t, _) => t.ProposalId)
                .ToListAsync(ct))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        var all = cases.Select(c => new Case(c.KabupatenCode, c.Pendamping, c.Stage == StateMeanings.Closed, c.DecidedKind,
            c.Stage == StateMeanings.Closed ? 0 : overdue.GetValueOrDefault(c.ProposalId))).ToList();
        var families = counts.Select(c => (c.KabupatenCode, c.Pendamping, c.Count)).ToList();
        return new PkhSummary(period, periods,
            Rows(families, all, f => f.KabupatenCode, c => c.KabupatenCode),
            Rows(families, all, f => f.Pendamping, c => c.Pendamping),
            GraduationTarget);
    }

    private static List<PkhFollowThrough> Rows(
        List<(string KabupatenCode, string Pendamping, int Count)> families, List<Case> cases,
        Func<(string KabupatenCode, string Pendamping, int Count), string> familyKey, Func<Case, string> caseKey)
    {
        var byKey = cases.ToLookup(caseKey, StringComparer.Ordinal);
        return families.GroupBy(familyKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var mine = byKey[g.Key].ToList();
                var graduations = mine.Where(c => c.Closed && c.DecidedKind is not null)
                    .GroupBy(c => c.DecidedKind!, StringComparer.Ordinal).OrderBy(k => k.Key, StringComparer.Ordinal)
                    .ToDictionary(k => k.Key, k => k.Count(), StringComparer.Ordinal);
                return new PkhFollowThrough(g.Key, g.Sum(f => f.Count), mine.Count, graduations, mine.Count(c => !c.Closed), mine.Sum(c => c.Overdue));
            })
            .ToList();
    }

    private sealed record Case(string KabupatenCode, string Pendamping, bool Closed, string? DecidedKind, int Overdue);
}
