using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>A manual value as listed (without the evidence's bytes).</summary>
public sealed record ValueInfo(
    long Id, string Code, int Year, int Month, decimal Value, string Note, string? EvidenceFileName, string EnteredBy, DateTimeOffset EnteredAt,
    string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason);

/// <summary>Everything the indicator's page shows: the catalog entry, its years, its monthly snapshots (every revision) and its values.</summary>
public sealed record IndicatorDetail(
    Indicator Indicator, IndicatorProgram? Program, IReadOnlyList<IndicatorYear> Years, IReadOnlyList<IndicatorSnapshot> Snapshots,
    IReadOnlyList<ValueInfo> Values, MeasureInfo? Measure);

/// <summary>Reads an indicator for its page and the API, and the values waiting for a Kepala Bidang.</summary>
public static class IndicatorDetails
{
    public static async Task<IndicatorDetail> GetAsync(SejahteraDbContext db, string code, CancellationToken ct = default)
    {
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct) ?? throw new IndicatorNotFoundException(code);
        var program = await db.IndicatorPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.Code == indicator.ProgramCode, ct);
        var years = await db.IndicatorYears.AsNoTracking().Where(y => y.IndicatorCode == code).OrderBy(y => y.Year).ToListAsync(ct);
        var snapshots = await db.IndicatorSnapshots.AsNoTracking().Where(s => s.IndicatorCode == code)
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Month).ThenByDescending(s => s.Revision).Take(120).ToListAsync(ct);
        var values = await Info(db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorCode == code)
            .OrderByDescending(v => v.Year).ThenByDescending(v => v.Month).ThenByDescending(v => v.Id).Take(200)).ToListAsync(ct);
        var measure = IndicatorMeasures.Known.GetValueOrDefault(IndicatorMeasures.Parse(indicator.Measure).Name);
        return new IndicatorDetail(indicator, program, years, snapshots, values, measure);
    }

    /// <summary>Values waiting for verification, oldest first; of one bidang when <paramref name="bidangCode"/> is given.</summary>
    public static async Task<IReadOnlyList<ValueInfo>> PendingAsync(SejahteraDbContext db, string? bidangCode, CancellationToken ct = default)
    {
        var codes = db.Indicators.Where(i => bidangCode == null || i.BidangCode == bidangCode).Select(i => i.Code);
        return await Info(db.IndicatorValues.AsNoTracking().Where(v => v.Status == IndicatorValueStatus.Entered && codes.Contains(v.IndicatorCode))
            .OrderBy(v => v.Id).Take(500)).ToListAsync(ct);
    }

    /// <summary>The evidence file of a value, or null.</summary>
    public static async Task<(string FileName, string ContentType, byte[] Content)?> EvidenceAsync(SejahteraDbContext db, long valueId, CancellationToken ct = default) =>
        await db.IndicatorValues.AsNoTracking().Where(v => v.Id == valueId && v.Evidence != null)
            .Select(v => new { v.EvidenceFileName, v.EvidenceContentType, v.Evidence }).SingleOrDefaultAsync(ct) is { } e
            ? (e.EvidenceFileName!, e.EvidenceContentType!, e.Evidence!)
            : null;

    private static readonly System.Linq.Expressions.Expression<Func<IndicatorValue, ValueInfo>> Project = v => new ValueInfo(
        v.Id, v.IndicatorCode, v.Year, v.Month, v.Value, v.Note, v.EvidenceFileName, v.EnteredBy, v.EnteredAt, v.Status, v.DecidedBy, v.DecidedAt, v.DecisionReason);

    private static readonly Func<IndicatorValue, ValueInfo> Compiled = Project.Compile();

    /// <summary>A value as listed, from the entity.</summary>
    public static ValueInfo Info(IndicatorValue value) => Compiled(value);

    private static IQueryable<ValueInfo> Info(IQueryable<IndicatorValue> values) => values.Select(Project);
}
