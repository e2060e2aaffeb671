using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening;

/// <summary>Which decisions of a run to list: one program, one outcome, one kabupaten/kota, or all of them.</summary>
public sealed record ScreeningResultFilter(long RunId, string? Program = null, string? Outcome = null, string? Kabupaten = null);

/// <summary>One household's decision by one program, with the reasons a person reads.</summary>
public sealed record ScreeningResultRow(
    long ResultId, long HouseholdId, string IdDtks, string KabupatenCode, string KabupatenName, string RegionCode, string DesaName,
    string HeadName, string Program, string Outcome, decimal? Amount, string Failed, string Reasons);

public sealed record ScreeningResultPage(ScreeningResultFilter Filter, int Page, int PageSize, int Total, IReadOnlyList<ScreeningResultRow> Rows);

/// <summary>
/// The households of a screening run per program, outcome and kabupaten/kota with their reasons: a
/// page at a time for the run's page, or every row in the same order for download. Only households of
/// the user's kabupaten/kota are listed. Reasons are rendered on read from the compact decisions.
/// </summary>
public static class ListScreeningResults
{
    public const int PageSize = 50;

    /// <summary>What a decision in which every criterion held says instead of reasons.</summary>
    public const string AllCriteriaMet = RunDecisions.AllCriteriaMet;

    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("ID DTKS", 16), new("Kabupaten/kota", 20), new("Kode desa/kelurahan", 16), new("Desa/Kelurahan", 22), new("Kepala rumah tangga", 28),
        new("Program", 14), new("Hasil", 14), new("Jumlah bantuan", 14, Number: true), new("Kriteria tidak terpenuhi", 28), new("Alasan", 80),
    ];

    public static async Task<ScreeningResultPage> PageAsync(SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter, int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var query = Query(db, scope, filter);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new ScreeningResultPage(filter, page, PageSize, total, rows.Select(r => ToRow(decisions, r)).ToList());
    }

    /// <summary>Every row of the filter, read one at a time in the page's order.</summary>
    public static IAsyncEnumerable<ScreeningResultRow> AllAsync(SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter) =>
        Query(db, scope, filter).AsAsyncEnumerable().Select(r => ToRow(decisions, r));

    /// <summary>The download of <see cref="AllAsync"/>.</summary>
    public static ExportTable Export(SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter)
    {
        var name = string.Join('-', new[] { $"penyaringan-{filter.RunId}", filter.Program, filter.Outcome, filter.Kabupaten }.Where(p => !string.IsNullOrEmpty(p)));
        return new ExportTable(name, Columns, AllAsync(db, decisions, scope, filter).Select(r => new object?[]
        {
            r.IdDtks, r.KabupatenName, r.RegionCode, r.DesaName, r.HeadName, Cases.CasePrograms.Label(r.Program), r.Outcome, r.Amount, r.Failed, r.Reasons,
        }));
    }

    private sealed record Raw(long Id, long HouseholdId, string IdDtks, string KabupatenCode, string RegionCode, string? Head, string Program, string Outcome, decimal? Amount, long PassedMask, byte[] SentenceValues);

    private static IQueryable<Raw> Query(SejahteraDbContext db, RegionScope scope, ScreeningResultFilter filter)
    {
        var results = ScreeningRunResults.Of(db, filter.RunId);
        if (!string.IsNullOrWhiteSpace(filter.Program))
        {
            results = results.Where(r => r.Program == filter.Program);
        }

        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            results = results.Where(r => r.Outcome == filter.Outcome);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kabupaten))
        {
            results = results.Where(r => r.KabupatenCode == filter.Kabupaten);
        }

        if (!scope.IsAll)
        {
            var codes = scope.Codes.ToList();
            results = results.Where(r => codes.Contains(r.KabupatenCode));
        }

        return results
            .Join(db.Households.AsNoTracking(), r => r.HouseholdId, h => h.Id, (r, h) => new { r, h })
            .OrderBy(x => x.r.Id)
            .Select(x => new Raw(
                x.r.Id, x.h.Id, x.h.IdDtks, x.r.KabupatenCode, x.h.RegionCode,
                db.Members.Where(m => m.HouseholdId == x.h.Id).OrderBy(m => m.Relation).ThenBy(m => m.LineNumber).Select(m => m.Name).FirstOrDefault(),
                x.r.Program, x.r.Outcome, x.r.Amount, x.r.PassedMask, x.r.SentenceValues));
    }

    private static ScreeningResultRow ToRow(RunDecisions decisions, Raw r)
    {
        var decision = decisions.Render(r.IdDtks, r.Program, r.Outcome, r.Amount, r.PassedMask, r.SentenceValues);
        return new(
            r.Id, r.HouseholdId, r.IdDtks, r.KabupatenCode, RegionCatalog.Ntt.Find(r.KabupatenCode)?.Name ?? r.KabupatenCode, r.RegionCode,
            RegionCatalog.Ntt.Find(r.RegionCode)?.Name ?? r.RegionCode, r.Head ?? "-", r.Program, r.Outcome, r.Amount,
            decisions.Failed(r.Program, r.PassedMask), decisions.Reasons(decision));
    }
}
