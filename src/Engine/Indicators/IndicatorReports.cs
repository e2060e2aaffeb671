using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>One indicator in one year of T-C.23: target, realization and ratio (null where the table prints a dash).</summary>
public sealed record Tc23Row(
    string Code, string ProgramCode, string ProgramName, string Kegiatan, string Name, string Unit, int Year, decimal? Target, decimal? Realization, int? Ratio);

/// <summary>One kegiatan (or a program's total when <see cref="Kegiatan"/> is null) in one year of T-C.24.</summary>
public sealed record Tc24Row(
    string ProgramCode, string ProgramName, string? Kegiatan, int Year, decimal? Budget, string? BudgetPrinted,
    decimal? MeasuredBudget, decimal? Realization, int? Ratio, IReadOnlyList<string> MeasuredIndicators);

/// <summary>An indicator on the dashboard: where it stands in the year and its cumulative monthly line.</summary>
public sealed record DashboardIndicator(
    Indicator Indicator, decimal? Target, decimal? YearToDate, int? Ratio, bool? OnTrack, int ThroughMonth, IReadOnlyList<decimal?> Cumulative);

/// <summary>
/// The office's reports from the catalog and the realizations as they stand now (verified manual values
/// and the measures over the records): T-C.23 (performance per indicator and year), T-C.24 (budget and
/// its realization per program and kegiatan, realization from payments made where the kegiatan is
/// measured by payments) and the dashboard per program. The monthly snapshots keep what was known at
/// each month's end; the reports always show what is known now.
/// </summary>
public sealed class IndicatorReports(IndicatorRealization realization, IndicatorMeasures measures, TimeProvider time)
{
    public async Task<IReadOnlyList<Tc23Row>> Tc23Async(SejahteraDbContext db, int fromYear, int toYear, CancellationToken ct = default)
    {
        CheckRange(fromYear, toYear);
        var (programs, indicators, years) = await CatalogAsync(db, fromYear, toYear, ct);
        var rows = new List<Tc23Row>();
        foreach (var indicator in indicators)
        {
            var mine = years[indicator.Code];
            if (!mine.Any())
            {
                continue;
            }
            for (var year = fromYear; year <= toYear; year++)
            {
                var target = mine.FirstOrDefault(y => y.Year == year)?.Target;
                var real = await realization.ForYearAsync(db, indicator, year, ThroughMonth(year), ct);
                rows.Add(new Tc23Row(indicator.Code, indicator.ProgramCode, programs.GetValueOrDefault(indicator.ProgramCode)?.Name ?? indicator.ProgramCode,
                    indicator.Kegiatan, indicator.Name, indicator.Unit, year, target, real, IndicatorRatio.Of(real, target)));
            }
        }
        return rows;
    }

    public async Task<IReadOnlyList<Tc24Row>> Tc24Async(SejahteraDbContext db, int fromYear, int toYear, CancellationToken ct = default)
    {
        CheckRange(fromYear, toYear);
        var (programs, indicators, years) = await CatalogAsync(db, fromYear, toYear, ct);
        var rows = new List<Tc24Row>();
        foreach (var program in indicators.GroupBy(i => i.ProgramCode))
        {
            var programName = programs.GetValueOrDefault(program.Key)?.Name ?? program.Key;
            for (var year = fromYear; year <= toYear; year++)
            {
                var lines = new List<Tc24Row>();
                foreach (var kegiatan in program.GroupBy(i => i.Kegiatan))
                {
                    var budgets = kegiatan.Select(i => (Indicator: i, Year: years[i.Code].FirstOrDefault(y => y.Year == year))).Where(x => x.Year is not null).ToList();
                    if (budgets.Count == 0)
                    {
                        continue;
                    }
                    decimal? budget = budgets.All(b => b.Year!.BudgetIdr is null) ? null : budgets.Sum(b => b.Year!.BudgetIdr ?? 0);
                    var printed = string.Join("; ", budgets.Where(b => b.Year!.BudgetPrinted is not null).Select(b => $"{b.Indicator.Code}: {b.Year!.BudgetPrinted}"));
                    decimal? measuredBudget = null, real = null;
                    var measured = new List<string>();
                    foreach (var (indicator, row) in budgets)
                    {
                        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, ThroughMonth(year), 1).AddMonths(1).AddDays(-1));
                        if (await measures.AmountPaidAsync(db, indicator.Measure, first, last, ct) is { } paid)
                        {
                            real = (real ?? 0) + paid;
                            measuredBudget = (measuredBudget ?? 0) + (row!.BudgetIdr ?? 0);
                            measured.Add(indicator.Code);
                        }
                    }
                    lines.Add(new Tc24Row(program.Key, programName, kegiatan.Key, year, budget, printed.Length == 0 ? null : printed,
                        measuredBudget, real, IndicatorRatio.Of(real, measuredBudget), measured));
                }
                if (lines.Count == 0)
                {
                    continue;
                }
                decimal? Total(Func<Tc24Row, decimal?> of) => lines.All(l => of(l) is null) ? null : lines.Sum(l => of(l) ?? 0);
                var total = new Tc24Row(program.Key, programName, null, year, Total(l => l.Budget),
                    lines.Any(l => l.BudgetPrinted is not null) ? "sebagian anggaran tercetak tidak terbaca" : null,
                    Total(l => l.MeasuredBudget), Total(l => l.Realization), IndicatorRatio.Of(Total(l => l.Realization), Total(l => l.MeasuredBudget)),
                    lines.SelectMany(l => l.MeasuredIndicators).ToList());
                rows.Add(total);
                rows.AddRange(lines);
            }
        }
        return rows;
    }

    /// <summary>The indicators of a program (all programs when null; only <paramref name="code"/> when given) with a target in <paramref name="year"/>: off track first.</summary>
    public async Task<IReadOnlyList<DashboardIndicator>> DashboardAsync(
        SejahteraDbContext db, int year, string? programCode, CancellationToken ct = default, string? code = null)
    {
        CheckRange(year, year);
        var (_, indicators, years) = await CatalogAsync(db, year, year, ct);
        var through = ThroughMonth(year);
        var rows = new List<DashboardIndicator>();
        foreach (var indicator in indicators.Where(i => (programCode is null || i.ProgramCode == programCode) && (code is null || i.Code == code)))
        {
            var row = years[indicator.Code].FirstOrDefault(y => y.Year == year);
            if (row is null && indicator.Measure == IndicatorMeasures.Manual)
            {
                continue;
            }
            var series = await realization.SeriesAsync(db, indicator, year, through, ct);
            var ytd = series[^1];
            rows.Add(new DashboardIndicator(indicator, row?.Target, ytd, IndicatorRatio.Of(ytd, row?.Target),
                IndicatorRealization.OnTrack(indicator.Aggregation, ytd, row?.Target, through), through, series));
        }
        // Off track first, then the rest in catalog order; those without a target last.
        return rows.OrderBy(r => r.OnTrack switch { false => 0, true => 1, null => 2 }).ThenBy(r => r.Indicator.DisplayOrder).ToList();
    }

    /// <summary>The years that have a target or budget in the catalog, ascending.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(SejahteraDbContext db, CancellationToken ct = default) =>
        await db.IndicatorYears.AsNoTracking().Select(y => y.Year).Distinct().OrderBy(y => y).ToListAsync(ct);

    /// <summary>December for past years, the current month (WITA) for this year.</summary>
    private int ThroughMonth(int year)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), ComputeIndicators.Wita);
        return year < local.Year ? 12 : year == local.Year ? local.Month : 12;
    }

    private static void CheckRange(int fromYear, int toYear)
    {
        if (fromYear is < 2000 or > 2100 || toYear is < 2000 or > 2100 || fromYear > toYear || toYear - fromYear > 10)
        {
            throw new IndicatorRefusedException($"Rentang tahun {fromYear}–{toYear} tidak sah: tahun 2000–2100, dari ≤ sampai, paling banyak 11 tahun.");
        }
    }

    private static async Task<(Dictionary<string, IndicatorProgram> Programs, List<Indicator> Indicators, ILookup<string, IndicatorYear> Years)> CatalogAsync(
        SejahteraDbContext db, int fromYear, int toYear, CancellationToken ct)
    {
        var programs = await db.IndicatorPrograms.AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.DisplayOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var years = (await db.IndicatorYears.AsNoTracking().Where(y => y.Year >= fromYear && y.Year <= toYear).ToListAsync(ct))
            .ToLookup(y => y.IndicatorCode, StringComparer.Ordinal);
        return (programs, indicators, years);
    }
}
