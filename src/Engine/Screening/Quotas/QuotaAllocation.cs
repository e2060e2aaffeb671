using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening.Quotas;

/// <summary>
/// How a kabupaten's quota of one program is used by one screening run: the households with
/// <c>layak</c> (desil 1–2) take slots first, and may exceed the quota (they stay eligible; the office
/// sees it); the households with <c>layak-dalam-kuota</c> (desil 3) get the slots left in rank order,
/// the others wait.
/// </summary>
public sealed record QuotaUse(string Program, string KabupatenCode, string KabupatenName, int Quota, long Eligible, long WithinQuota, long Given, long Waiting)
{
    /// <summary>Slots taken by desil 1–2 (at most the quota).</summary>
    public long UsedByEligible => Math.Min(Eligible, Quota);

    /// <summary>More desil 1–2 households than the quota: all stay eligible, no slot is left for desil 3.</summary>
    public bool Exceeded => Eligible > Quota;
}

/// <summary>One desil-3 household's place in the quota: its rank counts the desil 1–2 households ahead of it.</summary>
public sealed record QuotaPlace(long Rank, bool In, long HouseholdId, string IdDtks, string RegionCode, string DesaName, int Desil, int Members, decimal? Amount)
{
    public string Status => In ? QuotaAllocation.InLabel : QuotaAllocation.WaitingLabel;
}

public sealed record QuotaPlacePage(QuotaUse Use, int Page, int PageSize, long Total, IReadOnlyList<QuotaPlace> Places);

/// <summary>
/// The allocation of a run's results to the quotas, computed on read from the stored results: counts
/// per kabupaten in one grouped query, and the desil-3 households ranked by the database (desil, then
/// the tie-break the rule set states, then the household id), a page at a time.
/// </summary>
public static class QuotaAllocation
{
    public const string InLabel = "masuk kuota";
    public const string WaitingLabel = "menunggu";
    public const int PageSize = 50;

    /// <summary>The use of every quota of <paramref name="program"/> in the run's kabupaten/kota within the user's scope.</summary>
    public static async Task<IReadOnlyList<QuotaUse>> UsesAsync(SejahteraDbContext db, RegionScope scope, long runId, string program, CancellationToken ct = default)
    {
        var quotas = await db.ScreeningQuotas.AsNoTracking().Where(q => q.Program == program).ToListAsync(ct);
        quotas = quotas.Where(q => scope.Allows(q.KabupatenCode)).OrderBy(q => q.KabupatenCode).ToList();
        if (quotas.Count == 0)
        {
            return [];
        }

        var counts = await ScreeningRunResults.Of(db, runId)
            .Where(r => r.Program == program && (r.Outcome == QuotaPrograms.Eligible || r.Outcome == QuotaPrograms.EligibleWithinQuota))
            .GroupBy(r => new { r.KabupatenCode, r.Outcome })
            .Select(g => new { g.Key.KabupatenCode, g.Key.Outcome, Count = g.LongCount() })
            .ToListAsync(ct);
        var inRun = await ScreeningRunResults.Of(db, runId).Where(r => r.Program == program)
            .Select(r => r.KabupatenCode).Distinct().ToListAsync(ct);
        return quotas.Where(q => inRun.Contains(q.KabupatenCode)).Select(q =>
        {
            long Count(string outcome) => counts.Where(c => c.KabupatenCode == q.KabupatenCode && c.Outcome == outcome).Sum(c => c.Count);
            return Use(q, Count(QuotaPrograms.Eligible), Count(QuotaPrograms.EligibleWithinQuota));
        }).ToList();
    }

    /// <summary>The use of one quota, or null when the program has no quota there (or the kabupaten is outside the user's scope).</summary>
    public static async Task<QuotaUse?> UseAsync(SejahteraDbContext db, RegionScope scope, long runId, string program, string kabupaten, CancellationToken ct = default)
    {
        if (!scope.Allows(kabupaten))
        {
            return null;
        }

        var quota = await db.ScreeningQuotas.AsNoTracking().SingleOrDefaultAsync(q => q.Program == program && q.KabupatenCode == kabupaten, ct);
        if (quota is null)
        {
            return null;
        }

        var results = ScreeningRunResults.Of(db, runId).Where(r => r.Program == program && r.KabupatenCode == kabupaten);
        return Use(quota,
            await results.LongCountAsync(r => r.Outcome == QuotaPrograms.Eligible, ct),
            await results.LongCountAsync(r => r.Outcome == QuotaPrograms.EligibleWithinQuota, ct));
    }

    /// <summary>The desil-3 households of one quota in rank order, a page at a time; null when there is no quota.</summary>
    public static async Task<QuotaPlacePage?> PlacesAsync(SejahteraDbContext db, RegionScope scope, long runId, string program, string kabupaten, int page, CancellationToken ct = default)
    {
        var use = await UseAsync(db, scope, runId, program, kabupaten, ct);
        if (use is null)
        {
            return null;
        }

        page = Math.Max(1, page);
        var skip = (page - 1) * PageSize;
        var rows = await Ranked(db, runId, program, kabupaten).Skip(skip).Take(PageSize).ToListAsync(ct);
        var places = rows.Select((r, i) =>
        {
            var rank = use.Eligible + skip + i + 1;
            return new QuotaPlace(rank, rank <= use.Quota, r.HouseholdId, r.IdDtks, r.RegionCode, RegionCatalog.Ntt.Find(r.RegionCode)?.Name ?? r.RegionCode,
                r.Desil, r.Members, r.Amount);
        }).ToList();
        return new QuotaPlacePage(use, page, PageSize, use.WithinQuota, places);
    }

    private static QuotaUse Use(ScreeningQuota q, long eligible, long withinQuota)
    {
        var left = Math.Max(0, q.Quota - eligible);
        var given = Math.Min(withinQuota, left);
        return new QuotaUse(q.Program, q.KabupatenCode, RegionCatalog.Ntt.Find(q.KabupatenCode)?.Name ?? q.KabupatenCode, q.Quota, eligible, withinQuota, given, withinQuota - given);
    }

    private sealed record RankedRow(long HouseholdId, string IdDtks, string RegionCode, int Desil, int Members, decimal? Amount);

    /// <summary>
    /// The rank the rule sets state: the lowest desil first, then the tie-break of the program's YAML —
    /// PBI-JK: the most members who qualify (the amount is the premium times those members, so the
    /// larger amount in one run), Sembako: the most members — then the household id.
    /// </summary>
    private static IQueryable<RankedRow> Ranked(SejahteraDbContext db, long runId, string program, string kabupaten)
    {
        var joined = ScreeningRunResults.Of(db, runId)
            .Where(r => r.Program == program && r.KabupatenCode == kabupaten && r.Outcome == QuotaPrograms.EligibleWithinQuota)
            .Join(db.Households.AsNoTracking(), r => r.HouseholdId, h => h.Id, (r, h) => new { r, h });
        var ordered = program == QuotaPrograms.PbiJk
            ? joined.OrderBy(x => x.h.Desil).ThenByDescending(x => (double?)x.r.Amount).ThenBy(x => x.h.Id)
            : joined.OrderBy(x => x.h.Desil).ThenByDescending(x => x.h.MemberCount).ThenBy(x => x.h.Id);
        return ordered.Select(x => new RankedRow(x.h.Id, x.h.IdDtks, x.h.RegionCode, x.h.Desil, x.h.MemberCount, x.r.Amount));
    }
}
