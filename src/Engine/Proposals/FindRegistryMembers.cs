using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Proposals;

/// <summary>A person of the registry as the member picker shows them, with what the operator should notice before adding them.</summary>
public sealed record MemberCandidate(
    string Nik, string Name, DateOnly BirthDate, int Desil, long HouseholdId, string KabupatenCode, string RegionCode, string DesaName,
    MemberFlags Flags, bool Pkh, bool Bpnt, int PriorKubeGrants)
{
    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>The kecamatan (dotted, 8 characters) of the member's desa.</summary>
    public string KecamatanCode => RegionCode.Length >= 8 ? RegionCode[..8] : RegionCode;
}

/// <summary>The people found, at most <see cref="FindRegistryMembers.Limit"/>; <paramref name="More"/> when there were more.</summary>
public sealed record MemberSearch(string? Query, IReadOnlyList<MemberCandidate> Members, bool More, string? Problem);

/// <summary>
/// The member picker of the KUBE form: people of the latest registry period in the user's scope (their
/// kabupaten/kota; a pendamping's desa), found by NIK (16 digits, or at least 6 as a prefix), by the start of their
/// name or by their desa (at least 3 letters). Every search is a range on an indexed column; the few found carry
/// desil, birth date, flags, PKH/BPNT and the KUBE grants already received.
/// </summary>
public static class FindRegistryMembers
{
    public const int Limit = 20;

    public static async Task<MemberSearch> HandleAsync(SejahteraDbContext db, RegionScope scope, string? query, CancellationToken ct = default)
    {
        var q = SearchText.Normalize(query);
        if (q is null)
        {
            return new MemberSearch(null, [], false, null);
        }

        var snapshot = await db.Snapshots.AsNoTracking().OrderByDescending(s => s.Period).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return new MemberSearch(q, [], false, "Registri DTKS belum diimpor.");
        }

        var members = db.Members.AsNoTracking().Where(m => m.SnapshotId == snapshot.Id);
        List<Row> found;
        if (SearchText.IsNumber(q))
        {
            if (q.Length < ListHouseholds.MinimumNumberLength || q.Length > 16)
            {
                return new MemberSearch(q, [], false, $"Ketik sedikitnya {ListHouseholds.MinimumNumberLength} angka NIK (paling banyak 16).");
            }

            var high = SearchText.UpperBound(q);
            found = await Rows(db, scope, q.Length == 16
                ? members.Where(m => m.Nik == q)
                : members.Where(m => string.Compare(m.Nik, q) >= 0 && string.Compare(m.Nik, high) < 0), ct);
        }
        else if (q.Length < SearchText.MinimumLength)
        {
            return new MemberSearch(q, [], false, $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama atau desa, atau 6 angka NIK.");
        }
        else
        {
            found = await Rows(db, scope, ListHouseholds.MembersNamed(db, snapshot.Id, q), ct);
            var desa = RegionCatalog.Ntt.All
                .Where(r => r.Level == RegionLevel.DesaKelurahan && scope.Allows(r.Code[..5], null, r.Code) && r.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Code).ToList();
            if (desa.Count > 0)
            {
                var households = db.Households.Where(h => h.SnapshotId == snapshot.Id && desa.Contains(h.RegionCode)).Select(h => h.Id);
                found.AddRange(await Rows(db, scope, members.Where(m => households.Contains(m.HouseholdId)), ct));
            }
        }

        var rows = found.DistinctBy(r => r.Member.Id).Where(r => scope.Allows(r.KabupatenCode, null, r.RegionCode))
            .OrderBy(r => r.Member.Name, StringComparer.Ordinal).ThenBy(r => r.Member.Id).ToList();
        var shown = rows.Take(Limit).ToList();
        var grants = await PriorGrantsAsync(db, shown.Select(r => r.Member.Nik).ToList(), ct);
        return new MemberSearch(q, shown.Select(r => new MemberCandidate(
            r.Member.Nik, r.Member.Name, r.Member.BirthDate, r.Desil, r.Member.HouseholdId, r.KabupatenCode, r.RegionCode,
            RegionCatalog.Ntt.Find(r.RegionCode)?.Name ?? r.RegionCode, r.Member.Flags, r.Member.Pkh, r.Member.Bpnt, grants.GetValueOrDefault(r.Member.Nik))).ToList(),
            rows.Count > Limit, null);
    }

    private sealed record Row(Member Member, int Desil, string KabupatenCode, string RegionCode);

    /// <summary>The first matches (one more than shown, to know there are more) whose household is in the scope, in name order.</summary>
    private static async Task<List<Row>> Rows(SejahteraDbContext db, RegionScope scope, IQueryable<Member> members, CancellationToken ct) =>
        (await members
            .Join(scope.Filter(db.Households.AsNoTracking()), m => m.HouseholdId, h => h.Id, (m, h) => new { Member = m, h.Desil, h.KabupatenCode, h.RegionCode })
            .OrderBy(r => r.Member.Name).ThenBy(r => r.Member.Id)
            .Take(Limit + 1)
            .ToListAsync(ct))
        .Select(r => new Row(r.Member, r.Desil, r.KabupatenCode, r.RegionCode)).ToList();

    /// <summary>KUBE grants already received (the proposal reached payment), counted as the proposal form counts them.</summary>
    private static async Task<Dictionary<string, int>> PriorGrantsAsync(SejahteraDbContext db, IReadOnlyList<string> niks, CancellationToken ct)
    {
        if (niks.Count == 0)
        {
            return [];
        }

        var granted = await db.Proposals.AsNoTracking()
            .Where(p => p.Stage != null && StateMeanings.Granted.Contains(p.Stage))
            .Select(p => p.MembersJson).ToListAsync(ct);
        return niks.ToDictionary(n => n, n => granted.Count(json => json.Contains(n, StringComparison.Ordinal)));
    }
}
