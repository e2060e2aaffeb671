using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Browse;

public sealed record HouseholdSummary(long Id, string IdDtks, string RegionCode, string DesaName, string HeadName, int Desil, int MemberCount, bool Flagged);

public sealed record HouseholdPage(string KabupatenCode, string KabupatenName, int Page, int PageSize, int Total, IReadOnlyList<HouseholdSummary> Households);

/// <summary>
/// Lists households of one kabupaten/kota (a page at a time), or finds them by NIK or KK number.
/// Outside the user's scope there is nothing to list: the answer is the same as for an unknown code.
/// </summary>
public static class ListHouseholds
{
    public const int PageSize = 50;

    public static async Task<HouseholdPage?> ByKabupatenAsync(SejahteraDbContext db, RegionScope scope, string kabupatenCode, int page, CancellationToken ct = default)
    {
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        if (snapshot is null || !scope.Allows(kabupatenCode) || RegionCatalog.Ntt.Find(kabupatenCode) is not { Level: RegionLevel.KabupatenKota } kabupaten)
        {
            return null;
        }

        page = Math.Max(1, page);
        var query = db.Households.Where(h => h.SnapshotId == snapshot.Id && h.KabupatenCode == kabupatenCode);
        var total = await query.CountAsync(ct);
        var households = await Summaries(db, query.OrderBy(h => h.RegionCode).ThenBy(h => h.IdDtks).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new HouseholdPage(kabupatenCode, kabupaten.Name, page, PageSize, total, households);
    }

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
