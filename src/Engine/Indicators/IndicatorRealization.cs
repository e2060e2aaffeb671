using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>An indicator's realization for a month: the month's value, the year to date, and how it stands against the year's target.</summary>
public sealed record MonthRealization(string Code, int Year, int Month, decimal? MonthValue, decimal? YearToDate, decimal? Target, int? Ratio, bool? OnTrack);

/// <summary>
/// Finds an indicator's realization: from its measure over the system's records, or from the
/// verified monthly values of a manual indicator (the newest verified entry of each month counts;
/// entries waiting for verification or rejected do not). A manual indicator with no verified value
/// has no realization (a dash), never zero.
/// </summary>
public sealed class IndicatorRealization(IndicatorMeasures measures)
{
    public const string Sum = "sum";

    /// <summary>The measures this realization reads.</summary>
    public IndicatorMeasures Measures => measures;
    public const string Last = "last";

    public async Task<MonthRealization> ForMonthAsync(SejahteraDbContext db, Indicator indicator, int year, int month, CancellationToken ct = default)
    {
        var target = await db.IndicatorYears.AsNoTracking()
            .Where(y => y.IndicatorCode == indicator.Code && y.Year == year).Select(y => y.Target).FirstOrDefaultAsync(ct);
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        decimal? monthValue, yearToDate;
        if (indicator.Measure == IndicatorMeasures.Manual)
        {
            var values = await VerifiedByMonthAsync(db, indicator.Code, year, ct);
            monthValue = values.TryGetValue(month, out var v) ? v : null;
            yearToDate = Aggregate(indicator.Aggregation, values.Where(kv => kv.Key <= month).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList());
        }
        else
        {
            monthValue = await measures.CountAsync(db, indicator.Measure, first, last, ct);
            yearToDate = await measures.CountAsync(db, indicator.Measure, new DateOnly(year, 1, 1), last, ct);
        }

        return new MonthRealization(indicator.Code, year, month, monthValue, yearToDate, target,
            IndicatorRatio.Of(yearToDate, target), OnTrack(indicator.Aggregation, yearToDate, target, month));
    }

    /// <summary>The year's realization (to December, or to <paramref name="toMonth"/>), or null when a manual indicator has no verified value.</summary>
    public async Task<decimal?> ForYearAsync(SejahteraDbContext db, Indicator indicator, int year, int toMonth = 12, CancellationToken ct = default) =>
        (await SeriesAsync(db, indicator, year, toMonth, ct))[^1];

    /// <summary>The year to date at the end of each month from January to <paramref name="throughMonth"/>: the cumulative line of the dashboard's chart.</summary>
    public async Task<IReadOnlyList<decimal?>> SeriesAsync(SejahteraDbContext db, Indicator indicator, int year, int throughMonth, CancellationToken ct = default)
    {
        var months = Enumerable.Range(1, throughMonth).ToList();
        if (indicator.Measure == IndicatorMeasures.Manual)
        {
            var values = await VerifiedByMonthAsync(db, indicator.Code, year, ct);
            return months.Select(m => Aggregate(indicator.Aggregation, values.Where(kv => kv.Key <= m).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList())).ToList();
        }
        var ends = months.Select(m => new DateOnly(year, m, 1).AddMonths(1).AddDays(-1)).ToList();
        return (await measures.CumulativeAsync(db, indicator.Measure, new DateOnly(year, 1, 1), ends, ct)).Select(v => (decimal?)v).ToList();
    }

    /// <summary>On track when the year to date reaches the share of the target the months elapsed call for (a level: the whole target); unknown without a target or without any value.</summary>
    public static bool? OnTrack(string aggregation, decimal? yearToDate, decimal? target, int month)
    {
        if (target is not { } t || t <= 0 || yearToDate is null)
        {
            return null;
        }
        var expected = aggregation == Last ? t : t * month / 12m;
        return yearToDate >= expected;
    }

    private static decimal? Aggregate(string aggregation, IReadOnlyList<decimal> values) =>
        values.Count == 0 ? null : aggregation == Last ? values[^1] : values.Sum();

    private static async Task<Dictionary<int, decimal>> VerifiedByMonthAsync(SejahteraDbContext db, string code, int year, CancellationToken ct) =>
        (await db.IndicatorValues.AsNoTracking()
            .Where(v => v.IndicatorCode == code && v.Year == year && v.Status == IndicatorValueStatus.Verified)
            .Select(v => new { v.Month, v.Id, v.Value })
            .ToListAsync(ct))
        .GroupBy(v => v.Month)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.Id).First().Value);
}

/// <summary>The ratio as the office prints it: realization ÷ target × 100, rounded half up to a whole number (44 of 75 → 59; 176 of 105 → 168). No target (a dash) or a zero target gives no ratio.</summary>
public static class IndicatorRatio
{
    public static int? Of(decimal? realization, decimal? target) =>
        realization is { } r && target is { } t && t > 0
            ? (int)Math.Round(r * 100m / t, 0, MidpointRounding.AwayFromZero)
            : null;
}
