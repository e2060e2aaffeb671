using Hangfire;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>What one computation of a month wrote.</summary>
public sealed record ComputedMonth(int Year, int Month, int Revision, int Indicators);

/// <summary>
/// The monthly computation of the indicators. On the first day of each month at 01:00 WITA
/// (<see cref="Cron"/>) the job snapshots the month just ended for every indicator that has a
/// target or budget that year or is measured from the system's records: month value, year to date,
/// target, ratio, on track. Months missed while the server was down are caught up, oldest first, on
/// the next run and on start. A month already computed is computed again only on request with a
/// reason (a late correction), as the next revision; earlier revisions are never changed.
/// </summary>
public sealed class ComputeIndicators(DatabaseSettings settings, IndicatorRealization realization, TimeProvider time)
{
    public const string JobId = "indicators-monthly";
    public const string Cron = "0 1 1 * *";
    public const string SystemActor = "sistem";

    /// <summary>The office's time zone for the schedule: Asia/Makassar (WITA), or a fixed UTC+8 where the system has no time zone data.</summary>
    public static TimeZoneInfo Wita { get; } = FindWita();

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<IReadOnlyList<ComputedMonth>> RunAsync(CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        return await CatchUpAsync(db, SystemActor, ct);
    }

    /// <summary>The last month that has ended in WITA at this moment.</summary>
    public (int Year, int Month) LastCompleteMonth()
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Wita);
        var previous = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return (previous.Year, previous.Month);
    }

    /// <summary>
    /// Computes every ended month that has no snapshot yet, from the month after the newest snapshot
    /// (or only the last ended month when nothing was ever computed) up to the last ended month.
    /// </summary>
    public async Task<IReadOnlyList<ComputedMonth>> CatchUpAsync(SejahteraDbContext db, string actor, CancellationToken ct = default)
    {
        var (year, month) = LastCompleteMonth();
        var until = new DateOnly(year, month, 1);
        var newest = await db.IndicatorSnapshots.AsNoTracking()
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Month)
            .Select(s => new { s.Year, s.Month }).FirstOrDefaultAsync(ct);
        var next = newest is null ? until : new DateOnly(newest.Year, newest.Month, 1).AddMonths(1);
        var done = new List<ComputedMonth>();
        for (var m = next; m <= until; m = m.AddMonths(1))
        {
            done.Add(await ComputeAsync(db, m.Year, m.Month, actor, reason: null, ct));
        }
        return done;
    }

    /// <summary>
    /// Computes one ended month. A month already computed needs a <paramref name="reason"/> and becomes
    /// the next revision; a month not yet ended is refused.
    /// </summary>
    public async Task<ComputedMonth> ComputeAsync(SejahteraDbContext db, int year, int month, string actor, string? reason, CancellationToken ct = default)
    {
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
        {
            throw new IndicatorRefusedException($"Bulan {year:D4}-{month:D2} tidak sah.");
        }
        var (lastYear, lastMonth) = LastCompleteMonth();
        if (new DateOnly(year, month, 1) > new DateOnly(lastYear, lastMonth, 1))
        {
            throw new IndicatorRefusedException($"Bulan {Indonesian.MonthYear(year, month)} belum selesai (waktu WITA); yang terakhir dapat dihitung adalah {Indonesian.MonthYear(lastYear, lastMonth)}.");
        }
        var previous = await db.IndicatorSnapshots.AsNoTracking().Where(s => s.Year == year && s.Month == month)
            .MaxAsync(s => (int?)s.Revision, ct) ?? 0;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (previous > 0 && reason is null)
        {
            throw new IndicatorRefusedException(
                $"{Indonesian.MonthYear(year, month)} sudah dihitung (revisi {previous}); menghitung ulang memerlukan alasan, misalnya koreksi nilai yang terlambat.");
        }

        var codes = await db.IndicatorYears.AsNoTracking().Where(y => y.Year == year).Select(y => y.IndicatorCode).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => codes.Contains(i.Code) || i.Measure != IndicatorMeasures.Manual)
            .OrderBy(i => i.DisplayOrder).ThenBy(i => i.Code)
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var revision = previous + 1;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var indicator in indicators)
        {
            var r = await realization.ForMonthAsync(db, indicator, year, month, ct);
            db.IndicatorSnapshots.Add(new IndicatorSnapshot
            {
                IndicatorCode = indicator.Code, Year = year, Month = month, Revision = revision,
                MonthValue = r.MonthValue ?? 0, YearToDate = r.YearToDate ?? 0, Target = r.Target, Ratio = r.Ratio, OnTrack = r.OnTrack,
                ComputedAt = now, ComputedBy = actor, Reason = reason,
            });
        }
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor, "indicators.compute", $"{year:D4}-{month:D2}",
            $"revisi {revision}, {indicators.Count} indikator" + (reason is null ? "" : $"; alasan: {reason}"), ct);
        await transaction.CommitAsync(ct);
        return new ComputedMonth(year, month, revision, indicators.Count);
    }

    private static TimeZoneInfo FindWita()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Makassar", TimeSpan.FromHours(8), "WITA", "WITA");
        }
    }
}
