using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti.Browse;

/// <summary>What narrows a home's residents: a category (anak, lansia, disabilitas), a rehabilitation stage, and a search by name or NIK.</summary>
/// <param name="NumbersAllowed">Whether the user may search by NIK (roles that see NIKs in full).</param>
public sealed record ResidentFilter(string? Category = null, string? Stage = null, string? Q = null, bool NumbersAllowed = true);

/// <summary>
/// A page of a home's residents (filtered and sorted), with the home's counts of one year; <paramref name="SearchProblem"/>
/// says why the search text was not used.
/// </summary>
public sealed record HomeResidents(PantiHome Home, int CurrentResidents, PantiYearCounts Counts, ResidentFilter Filter, Paged<Resident> Residents, string? SearchProblem)
{
    /// <summary>The search text used, if any.</summary>
    public string? Query => SearchProblem is null ? SearchText.Normalize(Filter.Q) : null;
}

public static class ListResidents
{
    /// <summary>NIK prefixes shorter than this are not searched (the first digits only name the region).</summary>
    public const int MinimumNikDigits = 6;

    /// <summary>Sort keys: name (the default), NIK, admission date, stage, stage date; ties broken by the resident's id.</summary>
    public static readonly SortKeys<Resident> Sorts = new SortKeys<Resident>(r => r.Id, "nama")
        .Add("nama", r => r.Name)
        .Add("nik", r => r.Nik)
        .Add("masuk", r => r.AdmittedOn)
        .Add("tahap", r => r.Stage)
        .Add("sejak", r => r.StageSince);

    /// <summary>
    /// A page of the residents of one home. The search text is a NIK (all digits: exactly, or at least
    /// <see cref="MinimumNikDigits"/> of its first digits) or at least <see cref="SearchText.MinimumLength"/> letters
    /// found anywhere in the name. Null when the home does not exist or is not the user's to see (the same answer for both).
    /// </summary>
    public static async Task<HomeResidents?> HandleAsync(
        SejahteraDbContext db, RegionScope scope, string homeCode, ResidentFilter filter, PageRequest request, int year, CancellationToken ct = default)
    {
        if (await PantiScope.HomeAsync(db, scope, homeCode, ct) is not { } home)
        {
            return null;
        }

        var residents = db.Residents.AsNoTracking().Where(r => r.HomeCode == home.Code);
        if (filter.Category is { Length: > 0 } category)
        {
            residents = residents.Where(r => r.Category == category);
        }

        if (filter.Stage is { Length: > 0 } stage)
        {
            residents = residents.Where(r => r.Stage == stage);
        }

        string? problem = null;
        if (SearchText.Normalize(filter.Q) is { } q)
        {
            if (SearchText.IsNumber(q))
            {
                if (!filter.NumbersAllowed)
                {
                    problem = "Pencarian dengan NIK tidak tersedia untuk peran Anda.";
                }
                else if (q.Length < MinimumNikDigits)
                {
                    problem = $"Ketik sedikitnya {MinimumNikDigits} angka NIK.";
                }
                else
                {
                    var high = SearchText.UpperBound(q);
                    residents = residents.Where(r => string.Compare(r.Nik, q) >= 0 && string.Compare(r.Nik, high) < 0);
                }
            }
            else if (q.Length < SearchText.MinimumLength)
            {
                problem = $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama atau {MinimumNikDigits} angka NIK.";
            }
            else
            {
                var lower = q.ToLowerInvariant();
                residents = residents.Where(r => r.Name.ToLower().Contains(lower));
            }
        }

        var page = await Sorts.PageAsync(residents, request, ct);
        var counts = await PantiCounts.ForHomeAsync(db, home.Code, year, ct);
        var current = await ListHomes.CurrentResidentsAsync(db, [home.Code], ct);
        return new HomeResidents(home, current.GetValueOrDefault(home.Code), counts, filter, page, problem);
    }
}
