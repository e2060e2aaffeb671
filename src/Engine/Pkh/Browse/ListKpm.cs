using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Pkh.Browse;

/// <summary>What to list: a period, optionally one kabupaten/kota or desa, a name or KPM id, and a page of 100.</summary>
public sealed record KpmQuery(string? Period, string? KabupatenCode = null, string? DesaCode = null, string? Search = null, int Page = 1);

/// <summary>A KPM as the list shows it, with its flags (not in DTKS, already graduated).</summary>
public sealed record KpmListItem(Kpm Kpm, bool NotInDtks, bool Graduated);

/// <summary>A page of KPM of one period, the periods there are, and how many KPM match.</summary>
public sealed record KpmList(string? Period, IReadOnlyList<string> Periods, int Total, int Page, int PageSize, IReadOnlyList<KpmListItem> Items);

public static class ListKpm
{
    public const int PageSize = 100;

    /// <summary>The KPM of the period (the latest when none is asked for) that <paramref name="audience"/> may see.</summary>
    public static async Task<KpmList> HandleAsync(SejahteraDbContext db, KpmAudience audience, KpmQuery query, CancellationToken ct = default)
    {
        var visible = audience.Filter(db.Kpms.AsNoTracking());
        var periods = await visible.Select(k => k.Period).Distinct().ToListAsync(ct);
        periods = periods.OrderDescending(StringComparer.Ordinal).ToList();
        var period = string.IsNullOrWhiteSpace(query.Period) ? periods.FirstOrDefault() : query.Period.Trim();
        if (period is null)
        {
            return new KpmList(null, periods, 0, 1, PageSize, []);
        }

        var kpm = visible.Where(k => k.Period == period);
        if (!string.IsNullOrWhiteSpace(query.KabupatenCode))
        {
            var kabupaten = query.KabupatenCode.Trim();
            kpm = kpm.Where(k => k.KabupatenCode == kabupaten);
        }

        if (!string.IsNullOrWhiteSpace(query.DesaCode))
        {
            var desa = query.DesaCode.Trim();
            kpm = kpm.Where(k => k.DesaCode == desa);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim().ToLowerInvariant();
            kpm = kpm.Where(k => k.CaretakerName.ToLower().Contains(text) || k.KpmCode.ToLower().Contains(text));
        }

        var total = await kpm.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await kpm.OrderBy(k => k.DesaCode).ThenBy(k => k.CaretakerName).ThenBy(k => k.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var graduated = await GraduatedAsync(db, rows, ct);
        return new KpmList(period, periods, total, page, PageSize,
            rows.Select(k => new KpmListItem(k, k.HouseholdId is null, graduated.Contains(k.KpmCode))).ToList());
    }

    /// <summary>The KPM ids among <paramref name="rows"/> that left PKH through graduation from their period or earlier.</summary>
    internal static async Task<HashSet<string>> GraduatedAsync(SejahteraDbContext db, IReadOnlyList<Kpm> rows, CancellationToken ct)
    {
        var codes = rows.Select(k => k.KpmCode).Distinct().ToList();
        var exits = await db.KpmExits.AsNoTracking().Where(e => codes.Contains(e.KpmCode)).Select(e => new { e.KpmCode, e.FromPeriod }).ToListAsync(ct);
        var from = exits.ToDictionary(e => e.KpmCode, e => e.FromPeriod, StringComparer.Ordinal);
        return rows.Where(k => from.TryGetValue(k.KpmCode, out var p) && string.CompareOrdinal(p, k.Period) <= 0).Select(k => k.KpmCode).ToHashSet(StringComparer.Ordinal);
    }
}
