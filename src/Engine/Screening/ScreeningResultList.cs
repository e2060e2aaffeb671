using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Which decisions of a run to list: one program, one outcome, one kabupaten/kota, or all of them; and a search
/// (<see cref="ListScreeningResults.ListAsync"/> says what it matches).
/// </summary>
/// <param name="NumbersAllowed">Whether the user may search by NIK or KK number (as in the registry list).</param>
public sealed record ScreeningResultFilter(long RunId, string? Program = null, string? Outcome = null, string? Kabupaten = null, string? Q = null, bool NumbersAllowed = true);

/// <summary>One household's decision by one program, with the reasons a person reads.</summary>
public sealed record ScreeningResultRow(
    long ResultId, long HouseholdId, string IdDtks, string KabupatenCode, string KabupatenName, string RegionCode, string DesaName,
    string HeadName, string Program, string Outcome, decimal? Amount, string Failed, string Reasons);

public sealed record ScreeningResultPage(ScreeningResultFilter Filter, int Page, int PageSize, int Total, IReadOnlyList<ScreeningResultRow> Rows);

/// <summary>A page of a run's decisions, sorted; <paramref name="SearchProblem"/> says why the search text was not used.</summary>
public sealed record ScreeningResultList(ScreeningResultFilter Filter, Paged<ScreeningResultRow> Rows, string? SearchProblem);

/// <summary>
/// The households of a screening run per program, outcome and kabupaten/kota with their reasons: a
/// page at a time for the run's page, or every row in the same order for download. Only households of
/// the user's kabupaten/kota are listed. Reasons are rendered on read from the compact decisions.
/// </summary>
public static class ListScreeningResults
{
    public const int PageSize = 50;

    /// <summary>How every ID DTKS starts; a search text starting so is an ID DTKS.</summary>
    public const string IdDtksPrefix = "DTKS";

    /// <summary>What a decision in which every criterion held says instead of reasons.</summary>
    public const string AllCriteriaMet = RunDecisions.AllCriteriaMet;

    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("ID DTKS", 16), new("Kabupaten/kota", 20), new("Kode desa/kelurahan", 16), new("Desa/Kelurahan", 22), new("Kepala rumah tangga", 28),
        new("Program", 14), new("Hasil", 14), new("Jumlah bantuan", 14, Number: true), new("Kriteria tidak terpenuhi", 28), new("Alasan", 80),
    ];

    /// <summary>
    /// Sort keys: the order the run wrote its decisions (the default), ID DTKS, desa (then ID DTKS), outcome and
    /// amount; ties broken by the decision's id. The ID DTKS and desa keys follow the household indexes; outcome and
    /// amount sort the filtered decisions of the run (one kabupaten/kota's at most for a regional user).
    /// </summary>
    public static readonly SortKeys<Joined> Sorts = new SortKeys<Joined>(x => x.Result.Id, "nomor")
        .Add("id_dtks", x => x.Household.IdDtks)
        .Add("desa", x => x.Household.RegionCode, x => x.Household.IdDtks)
        .Add("hasil", x => x.Result.Outcome)
        .Add("jumlah", x => x.Result.Amount);

    /// <summary>A decision with its household, the shape the list is filtered and sorted in.</summary>
    public sealed class Joined
    {
        public required ScreeningResult Result { get; init; }
        public required Household Household { get; init; }
    }

    public static async Task<ScreeningResultPage> PageAsync(SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter, int page, CancellationToken ct = default)
    {
        var list = await ListAsync(db, decisions, scope, filter, new PageRequest(Math.Max(1, page), PageSize: PageSize), ct);
        return new ScreeningResultPage(filter, list.Rows.Page, PageSize, (int)list.Rows.Total, list.Rows.Items);
    }

    /// <summary>
    /// A page of the decisions, filtered and sorted in the database. The search text is an ID DTKS or its start
    /// ("DTKS-5307-00012"), a member's NIK or the household's KK number (16 digits, exactly), or at least
    /// <see cref="SearchText.MinimumLength"/> letters matching the start of a household member's name or part of the
    /// name of a desa in the user's region. NIK and name are looked up in the run's registry period on the indexes of
    /// members by period and NIK or name; no search scans the members table.
    /// </summary>
    public static async Task<ScreeningResultList> ListAsync(
        SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var query = Filtered(db, scope, filter);
        string? problem = null;
        if (SearchText.Normalize(filter.Q) is { } q)
        {
            (query, problem) = await SearchAsync(db, scope, filter, query, q, ct);
        }

        var (key, descending) = Sorts.Resolve(request);
        var total = await query.LongCountAsync(ct);
        var rows = await Project(db, Sorts.Apply(query, key, descending).Skip(request.Skip).Take(request.PageSize)).ToListAsync(ct);
        return new ScreeningResultList(filter, new Paged<ScreeningResultRow>(rows.Select(r => ToRow(decisions, r)).ToList(), request.Page, request.PageSize, total, key, descending), problem);
    }

    /// <summary>Every row of the filter (and its search, when it can be used), read one at a time in the default order of the page.</summary>
    public static async IAsyncEnumerable<ScreeningResultRow> AllAsync(
        SejahteraDbContext db, RunDecisions decisions, RegionScope scope, ScreeningResultFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = Filtered(db, scope, filter);
        if (SearchText.Normalize(filter.Q) is { } q)
        {
            (query, _) = await SearchAsync(db, scope, filter, query, q, ct);
        }

        await foreach (var r in Project(db, query.OrderBy(x => x.Result.Id)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return ToRow(decisions, r);
        }
    }

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

    private static IQueryable<Joined> Filtered(SejahteraDbContext db, RegionScope scope, ScreeningResultFilter filter)
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

        return results.Join(db.Households.AsNoTracking(), r => r.HouseholdId, h => h.Id, (r, h) => new Joined { Result = r, Household = h });
    }

    private static async Task<(IQueryable<Joined> Query, string? Problem)> SearchAsync(
        SejahteraDbContext db, RegionScope scope, ScreeningResultFilter filter, IQueryable<Joined> query, string q, CancellationToken ct)
    {
        if (q.StartsWith(IdDtksPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var id = q.ToUpperInvariant();
            var high = SearchText.UpperBound(id);
            return (query.Where(x => string.Compare(x.Household.IdDtks, id) >= 0 && string.Compare(x.Household.IdDtks, high) < 0), null);
        }

        if (SearchText.IsNumber(q))
        {
            if (!filter.NumbersAllowed)
            {
                return (query, "Pencarian dengan NIK atau nomor KK tidak tersedia untuk peran Anda.");
            }

            if (q.Length != 16)
            {
                return (query, "Ketik NIK atau nomor KK lengkap (16 angka), atau ID DTKS (DTKS-…).");
            }

            var nikPeriod = await SnapshotOfRunAsync(db, filter.RunId, ct);
            var byNik = db.Members.Where(m => m.SnapshotId == nikPeriod && m.Nik == q).Select(m => m.HouseholdId);
            return (query.Where(x => x.Household.NoKk == q || byNik.Contains(x.Household.Id)), null);
        }

        if (q.Length < SearchText.MinimumLength)
        {
            return (query, $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama atau desa, ID DTKS, atau NIK/nomor KK lengkap.");
        }

        var snapshotId = await SnapshotOfRunAsync(db, filter.RunId, ct);
        var byName = ListHouseholds.MembersNamed(db, snapshotId, q).Select(m => m.HouseholdId);
        var desa = RegionCatalog.Ntt.Kabupaten.Where(k => scope.Allows(k.Code) && (string.IsNullOrEmpty(filter.Kabupaten) || k.Code == filter.Kabupaten))
            .SelectMany(k => ListHouseholds.DesaOf(k.Code, d => d.Name.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (query.Where(x => byName.Contains(x.Household.Id) || desa.Contains(x.Household.RegionCode)), null);
    }

    /// <summary>The id of the registry period a run screened (-1 when it is gone).</summary>
    private static async Task<long> SnapshotOfRunAsync(SejahteraDbContext db, long runId, CancellationToken ct)
    {
        var period = await db.ScreeningRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Period).FirstOrDefaultAsync(ct);
        return await db.Snapshots.AsNoTracking().Where(s => s.Period == period).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct) ?? -1;
    }

    private static IQueryable<Raw> Project(SejahteraDbContext db, IQueryable<Joined> query) =>
        query.Select(x => new Raw(
            x.Result.Id, x.Household.Id, x.Household.IdDtks, x.Result.KabupatenCode, x.Household.RegionCode,
            db.Members.Where(m => m.HouseholdId == x.Household.Id).OrderBy(m => m.Relation).ThenBy(m => m.LineNumber).Select(m => m.Name).FirstOrDefault(),
            x.Result.Program, x.Result.Outcome, x.Result.Amount, x.Result.PassedMask, x.Result.SentenceValues));

    private static ScreeningResultRow ToRow(RunDecisions decisions, Raw r)
    {
        var decision = decisions.Render(r.IdDtks, r.Program, r.Outcome, r.Amount, r.PassedMask, r.SentenceValues);
        return new(
            r.Id, r.HouseholdId, r.IdDtks, r.KabupatenCode, RegionCatalog.Ntt.Find(r.KabupatenCode)?.Name ?? r.KabupatenCode, r.RegionCode,
            RegionCatalog.Ntt.Find(r.RegionCode)?.Name ?? r.RegionCode, r.Head ?? "-", r.Program, r.Outcome, r.Amount,
            decisions.Failed(r.Program, r.PassedMask), decisions.Reasons(decision));
    }
}
