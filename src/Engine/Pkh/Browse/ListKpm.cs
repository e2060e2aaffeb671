using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Pkh.Browse;

/// <summary>
/// What to list: a period, optionally one kabupaten/kota or desa, a flag (<see cref="KpmFlags"/>), a search (name, KPM
/// id, NIK or KK) and a page (the page of the request wins where both are given).
/// </summary>
/// <param name="NumbersAllowed">Whether the user may search by NIK or KK number (roles that see NIKs in full).</param>
public sealed record KpmQuery(string? Period, string? KabupatenCode = null, string? DesaCode = null, string? Search = null, int Page = 1, string? Flag = null, bool NumbersAllowed = true);

/// <summary>The flags the list can be narrowed to.</summary>
public static class KpmFlags
{
    /// <summary>Families whose KK is not in the DTKS period.</summary>
    public const string NotInDtks = "bukan-dtks";

    /// <summary>Families that left PKH through graduation from their period or earlier.</summary>
    public const string Graduated = "graduasi";

    /// <summary>Families still in PKH (not graduated).</summary>
    public const string Active = "aktif";

    public static IReadOnlyList<string> All { get; } = [NotInDtks, Graduated, Active];

    public static string Label(string flag) => flag switch
    {
        NotInDtks => "tidak ada di DTKS",
        Graduated => "sudah graduasi",
        Active => "masih di PKH",
        _ => flag,
    };
}

/// <summary>A KPM as the list shows it, with its flags (not in DTKS, already graduated).</summary>
public sealed record KpmListItem(Kpm Kpm, bool NotInDtks, bool Graduated);

/// <summary>A page of KPM of one period and the periods there are; <paramref name="SearchProblem"/> says why the search text was not used.</summary>
public sealed record KpmList(string? Period, IReadOnlyList<string> Periods, Paged<KpmListItem> Kpm, string? SearchProblem = null)
{
    public int Total => (int)Kpm.Total;

    public int Page => Kpm.Page;

    public int PageSize => Kpm.PageSize;

    public IReadOnlyList<KpmListItem> Items => Kpm.Items;

    public static KpmList Empty(IReadOnlyList<string> periods, PageRequest request) =>
        new(null, periods, new Paged<KpmListItem>([], request.Page, request.PageSize, 0, ListKpm.Sorts.Resolve(request).Key, ListKpm.Sorts.Resolve(request).Descending));
}

/// <summary>
/// The PKH families of a period that the audience may see, a page at a time, filtered and sorted in the database. The
/// search text is a caretaker's NIK or KK number (16 digits, exactly: both indexed or within the period's desa range),
/// or at least <see cref="SearchText.MinimumLength"/> characters found in the caretaker's name or the KPM id.
/// </summary>
public static class ListKpm
{
    public const int PageSize = PageRequest.DefaultPageSize;

    /// <summary>Sort keys: desa then caretaker (the default), caretaker, KPM id, year of entry, desil, pendamping; ties broken by id.</summary>
    public static readonly SortKeys<Kpm> Sorts = new SortKeys<Kpm>(k => k.Id, "desa")
        .Add("desa", k => k.DesaCode, k => k.CaretakerName)
        .Add("nama", k => k.CaretakerName)
        .Add("kpm", k => k.KpmCode)
        .Add("tahun", k => k.YearOfEntry)
        .Add("desil", k => k.Desil)
        .Add("pendamping", k => k.Pendamping);

    public static Task<KpmList> HandleAsync(SejahteraDbContext db, KpmAudience audience, KpmQuery query, CancellationToken ct = default) =>
        HandleAsync(db, audience, query, PageRequest.Parse(query.Page, null), ct);

    /// <summary>The KPM of the period (the latest when none is asked for) that <paramref name="audience"/> may see.</summary>
    public static async Task<KpmList> HandleAsync(SejahteraDbContext db, KpmAudience audience, KpmQuery query, PageRequest request, CancellationToken ct = default)
    {
        var visible = audience.Filter(db.Kpms.AsNoTracking());
        var periods = await visible.Select(k => k.Period).Distinct().ToListAsync(ct);
        periods = periods.OrderDescending(StringComparer.Ordinal).ToList();
        var period = string.IsNullOrWhiteSpace(query.Period) ? periods.FirstOrDefault() : query.Period.Trim();
        if (period is null)
        {
            return KpmList.Empty(periods, request);
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

        kpm = query.Flag switch
        {
            KpmFlags.NotInDtks => kpm.Where(k => k.HouseholdId == null),
            KpmFlags.Graduated => kpm.Where(k => db.KpmExits.Any(e => e.KpmCode == k.KpmCode && string.Compare(e.FromPeriod, k.Period) <= 0)),
            KpmFlags.Active => kpm.Where(k => !db.KpmExits.Any(e => e.KpmCode == k.KpmCode && string.Compare(e.FromPeriod, k.Period) <= 0)),
            _ => kpm,
        };

        string? problem = null;
        if (SearchText.Normalize(query.Search) is { } text)
        {
            if (SearchText.IsNumber(text) && !query.NumbersAllowed)
            {
                problem = "Pencarian dengan NIK atau nomor KK tidak tersedia untuk peran Anda.";
            }
            else if (SearchText.IsNumber(text) && text.Length == 16)
            {
                kpm = kpm.Where(k => k.CaretakerNik == text || k.KkNumber == text);
            }
            else if (text.Length < SearchText.MinimumLength)
            {
                problem = $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama pengurus atau ID KPM, atau NIK/nomor KK lengkap (16 angka).";
            }
            else
            {
                var lower = text.ToLowerInvariant();
                kpm = kpm.Where(k => k.CaretakerName.ToLower().Contains(lower) || k.KpmCode.ToLower().Contains(lower));
            }
        }

        var page = await Sorts.PageAsync(kpm, request, ct);
        var graduated = await GraduatedAsync(db, page.Items, ct);
        return new KpmList(period, periods, page.Map(k => new KpmListItem(k, k.HouseholdId is null, graduated.Contains(k.KpmCode))), problem);
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
