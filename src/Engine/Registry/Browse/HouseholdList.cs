using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record HouseholdSummary(long Id, string IdDtks, string RegionCode, string DesaName, string HeadName, int Desil, int MemberCount, bool Flagged);

public sealed record HouseholdPage(string KabupatenCode, string KabupatenName, int Page, int PageSize, int Total, IReadOnlyList<HouseholdSummary> Households);

/// <summary>
/// What narrows the households of a kabupaten/kota: a kecamatan, a desil, only flagged households, and a search
/// (<see cref="ListHouseholds.ListAsync"/> says what the search text matches).
/// </summary>
/// <param name="NumbersAllowed">Whether the user may search by NIK or KK number (roles that work with identity documents).</param>
public sealed record HouseholdFilter(string? Kecamatan = null, int? Desil = null, bool FlaggedOnly = false, string? Q = null, bool NumbersAllowed = true);

/// <summary>A page of the filtered households; <paramref name="SearchProblem"/> says why the search text was not used (too short).</summary>
public sealed record HouseholdList(string KabupatenCode, string KabupatenName, HouseholdFilter Filter, Paged<HouseholdSummary> Households, string? SearchProblem);

/// <summary>
/// Lists households of one kabupaten/kota (a page at a time), or finds them by NIK or KK number.
/// Outside the user's scope there is nothing to list: the answer is the same as for an unknown code.
/// </summary>
public static class ListHouseholds
{
    public const int PageSize = PageRequest.DefaultPageSize;

    /// <summary>NIK and KK prefixes shorter than this are not searched (the first digits only name the kabupaten/kota).</summary>
    public const int MinimumNumberLength = 6;

    /// <summary>
    /// Sort keys of the list: desa (then ID DTKS, the default), ID DTKS, desil and member count; ties are broken by
    /// the household id.
    /// </summary>
    public static readonly SortKeys<Household> Sorts = new SortKeys<Household>(h => h.Id, "desa")
        .Add("desa", h => h.RegionCode, h => h.IdDtks)
        .Add("id_dtks", h => h.IdDtks)
        .Add("desil", h => h.Desil)
        .Add("anggota", h => h.MemberCount);

    public static async Task<HouseholdPage?> ByKabupatenAsync(SejahteraDbContext db, RegionScope scope, string kabupatenCode, int page, CancellationToken ct = default) =>
        await ListAsync(db, scope, kabupatenCode, new HouseholdFilter(), PageRequest.Parse(page, null), ct) is { } list
            ? new HouseholdPage(list.KabupatenCode, list.KabupatenName, list.Households.Page, list.Households.PageSize, (int)list.Households.Total, list.Households.Items)
            : null;

    /// <summary>
    /// A page of the households of one kabupaten/kota in the latest period, filtered and sorted. The search text is
    /// a NIK or KK number (16 digits exact; at least <see cref="MinimumNumberLength"/> digits as a prefix), or at
    /// least <see cref="SearchText.MinimumLength"/> letters matching the start of a member's name or part of a desa
    /// name. Name and number searches are ranges on indexed columns (members by period and name or NIK, households by
    /// KK number), never a scan of the members table. Null where the page answers 404 (unknown code, outside the
    /// user's scope, no registry yet).
    /// </summary>
    public static async Task<HouseholdList?> ListAsync(
        SejahteraDbContext db, RegionScope scope, string kabupatenCode, HouseholdFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null || !scope.Allows(kabupatenCode) || RegionCatalog.Ntt.Find(kabupatenCode) is not { Level: RegionLevel.KabupatenKota } kabupaten)
        {
            return null;
        }

        var query = db.Households.AsNoTracking().Where(h => h.SnapshotId == snapshot.Id && h.KabupatenCode == kabupatenCode);
        if (filter.Kecamatan is { Length: > 0 } kecamatan)
        {
            var desa = DesaOf(kabupatenCode, d => d.Code.StartsWith(kecamatan + ".", StringComparison.Ordinal));
            query = query.Where(h => desa.Contains(h.RegionCode));
        }

        if (filter.Desil is { } desil)
        {
            query = query.Where(h => h.Desil == desil);
        }

        if (filter.FlaggedOnly)
        {
            query = query.Where(h => db.Members.Any(m => m.HouseholdId == h.Id && m.Flags != MemberFlags.None));
        }

        string? problem = null;
        if (SearchText.Normalize(filter.Q) is { } q)
        {
            (query, problem) = SearchText.IsNumber(q) && !filter.NumbersAllowed
                ? (query, "Pencarian dengan NIK atau nomor KK tidak tersedia untuk peran Anda.")
                : Search(db, snapshot.Id, kabupatenCode, query, q);
        }

        var (key, descending) = Sorts.Resolve(request);
        var total = await query.LongCountAsync(ct);
        var rows = await Summaries(db, Sorts.Apply(query, key, descending).Skip(request.Skip).Take(request.PageSize), ct);
        return new HouseholdList(kabupatenCode, kabupaten.Name, filter, new Paged<HouseholdSummary>(rows, request.Page, request.PageSize, total, key, descending), problem);
    }

    private static (IQueryable<Household> Query, string? Problem) Search(SejahteraDbContext db, long snapshotId, string kabupatenCode, IQueryable<Household> query, string q)
    {
        if (SearchText.IsNumber(q))
        {
            if (q.Length == 16)
            {
                var byNik = db.Members.Where(m => m.SnapshotId == snapshotId && m.Nik == q).Select(m => m.HouseholdId);
                return (query.Where(h => h.NoKk == q || byNik.Contains(h.Id)), null);
            }

            if (q.Length < MinimumNumberLength || q.Length > 16)
            {
                return (query, $"Ketik sedikitnya {MinimumNumberLength} angka NIK atau nomor KK (paling banyak 16).");
            }

            var high = SearchText.UpperBound(q);
            var byNikPrefix = db.Members.Where(m => m.SnapshotId == snapshotId && string.Compare(m.Nik, q) >= 0 && string.Compare(m.Nik, high) < 0)
                .Select(m => m.HouseholdId);
            return (query.Where(h => (string.Compare(h.NoKk, q) >= 0 && string.Compare(h.NoKk, high) < 0) || byNikPrefix.Contains(h.Id)), null);
        }

        if (q.Length < SearchText.MinimumLength)
        {
            return (query, $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama atau desa.");
        }

        var byName = MembersNamed(db, snapshotId, q).Select(m => m.HouseholdId);
        var desa = DesaOf(kabupatenCode, d => d.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        return (query.Where(h => byName.Contains(h.Id) || desa.Contains(h.RegionCode)), null);
    }

    /// <summary>
    /// Members of a period whose name starts with <paramref name="prefix"/> (as typed, in capitals or in title case):
    /// one range per spelling on the index of members by period and name.
    /// </summary>
    public static IQueryable<Member> MembersNamed(SejahteraDbContext db, long snapshotId, string prefix)
    {
        var v = SearchText.NameVariants(prefix);
        string a = v[0], b = v.Count > 1 ? v[1] : v[0], c = v.Count > 2 ? v[2] : v[0];
        string aHigh = SearchText.UpperBound(a), bHigh = SearchText.UpperBound(b), cHigh = SearchText.UpperBound(c);
        return db.Members.AsNoTracking().Where(m => m.SnapshotId == snapshotId && (
            (string.Compare(m.Name, a) >= 0 && string.Compare(m.Name, aHigh) < 0)
            || (string.Compare(m.Name, b) >= 0 && string.Compare(m.Name, bHigh) < 0)
            || (string.Compare(m.Name, c) >= 0 && string.Compare(m.Name, cHigh) < 0)));
    }

    /// <summary>The codes of the desa of a kabupaten/kota that match, from the region catalog (no database).</summary>
    public static List<string> DesaOf(string kabupatenCode, Func<Region, bool> match) =>
        RegionCatalog.Ntt.DesaByKabupaten.GetValueOrDefault(kabupatenCode, []).Where(match).Select(d => d.Code).ToList();

    /// <summary>Search by a 16-digit NIK or KK number within the latest period and the user's scope.</summary>
    public static async Task<IReadOnlyList<HouseholdSummary>> SearchAsync(SejahteraDbContext db, RegionScope scope, string number, CancellationToken ct = default)
    {
        number = number.Trim();
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null || number.Length != 16 || !number.All(char.IsAsciiDigit))
        {
            return [];
        }

        var byNik = db.Members.Where(m => m.SnapshotId == snapshot.Id && m.Nik == number).Select(m => m.HouseholdId);
        var query = scope.Filter(db.Households.Where(h => h.SnapshotId == snapshot.Id && (h.NoKk == number || byNik.Contains(h.Id))));
        return await Summaries(db, query.OrderBy(h => h.IdDtks).Take(PageSize), ct);
    }

    /// <summary>
    /// Every household of one kabupaten/kota in the order of its pages, for the download of the list:
    /// null when the page itself would be (unknown code, outside the user's scope, no registry yet).
    /// </summary>
    public static async Task<(string KabupatenName, IAsyncEnumerable<HouseholdSummary> Rows)?> AllOfKabupatenAsync(
        SejahteraDbContext db, RegionScope scope, string kabupatenCode, CancellationToken ct = default)
    {
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null || !scope.Allows(kabupatenCode) || RegionCatalog.Ntt.Find(kabupatenCode) is not { Level: RegionLevel.KabupatenKota } kabupaten)
        {
            return null;
        }

        var query = db.Households.AsNoTracking().Where(h => h.SnapshotId == snapshot.Id && h.KabupatenCode == kabupatenCode);
        return (kabupaten.Name, Rows(db, query.OrderBy(h => h.RegionCode).ThenBy(h => h.IdDtks)).AsAsyncEnumerable().Select(ToSummary));
    }

    private static async Task<IReadOnlyList<HouseholdSummary>> Summaries(SejahteraDbContext db, IQueryable<Household> query, CancellationToken ct) =>
        (await Rows(db, query).ToListAsync(ct)).Select(ToSummary).ToList();

    private sealed record Row(long Id, string IdDtks, string RegionCode, int Desil, int MemberCount, string? Head, bool Flagged);

    private static IQueryable<Row> Rows(SejahteraDbContext db, IQueryable<Household> query) =>
        query.Select(h => new Row(
            h.Id, h.IdDtks, h.RegionCode, h.Desil, h.MemberCount,
            db.Members.Where(m => m.HouseholdId == h.Id).OrderBy(m => m.Relation).ThenBy(m => m.LineNumber).Select(m => m.Name).FirstOrDefault(),
            db.Members.Any(m => m.HouseholdId == h.Id && m.Flags != MemberFlags.None)));

    private static HouseholdSummary ToSummary(Row r) =>
        new(r.Id, r.IdDtks, r.RegionCode, RegionCatalog.Ntt.Find(r.RegionCode)?.Name ?? r.RegionCode, r.Head ?? "-", r.Desil, r.MemberCount, r.Flagged);
}
