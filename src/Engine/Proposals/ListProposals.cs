using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// What narrows the list of cases: kabupaten/kota, kecamatan, state (the stage as its definition names it), program,
/// last screening outcome, and a search (<see cref="ListProposals.HandleAsync"/> says what it matches).
/// </summary>
public sealed record ProposalFilter(
    string? Kabupaten = null, string? Kecamatan = null, string? State = null, string? Program = null, string? Outcome = null, string? Q = null);

/// <summary>A page of cases; <paramref name="SearchProblem"/> says why the search text was not used (too short).</summary>
public sealed record ProposalList(ProposalFilter Filter, Paged<Proposal> Proposals, string? SearchProblem);

/// <summary>The values the filters of the list can take, read from the cases in the user's scope.</summary>
public sealed record ProposalFilterOptions(IReadOnlyList<(string Key, int Version, string State)> States, IReadOnlyList<string> Programs, IReadOnlyList<string> Outcomes);

/// <summary>
/// The cases (KUBE proposals, terminations, graduations) in the user's scope, a page at a time, filtered and sorted
/// in the database: the region, home and desa of the scope are conditions of the query, not a filter of its result.
/// </summary>
public static class ListProposals
{
    /// <summary>Sort keys: number (newest first by default), group, stage, kecamatan, program; ties broken by number.</summary>
    public static readonly SortKeys<Proposal> Sorts = new SortKeys<Proposal>(p => p.Id, "nomor", defaultDescending: true)
        .Add("kelompok", p => p.GroupName)
        .Add("tahap", p => p.State)
        .Add("kecamatan", p => p.KecamatanCode)
        .Add("program", p => p.Program);

    /// <summary>
    /// The search text is a case number ("123" or "#123"), a member's 16-digit NIK, or at least
    /// <see cref="SearchText.MinimumLength"/> letters found anywhere in the group's name or in the name of the case's
    /// kecamatan or desa. Group names are matched within the user's kabupaten/kota (index by kabupaten and state), a
    /// NIK by reading the member lists of those cases: both stay within one region's cases.
    /// </summary>
    public static async Task<ProposalList> HandleAsync(
        SejahteraDbContext db, RegionScope scope, ProposalFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var query = InScope(db, scope);
        if (filter.Kabupaten is { Length: > 0 } kabupaten)
        {
            query = query.Where(p => p.KabupatenCode == kabupaten);
        }

        if (filter.Kecamatan is { Length: > 0 } kecamatan)
        {
            query = query.Where(p => p.KecamatanCode == kecamatan);
        }

        if (filter.State is { Length: > 0 } state)
        {
            query = query.Where(p => p.State == state);
        }

        if (filter.Program is { Length: > 0 } program)
        {
            query = query.Where(p => p.Program == program);
        }

        if (filter.Outcome is { Length: > 0 } outcome)
        {
            query = query.Where(p => p.LastOutcome == outcome);
        }

        string? problem = null;
        if (SearchText.Normalize(filter.Q) is { } q)
        {
            (query, problem) = Search(query, scope, q);
        }

        return new ProposalList(filter, await Sorts.PageAsync(query, request, ct), problem);
    }

    /// <summary>The cases the scope allows, as a query: the same rule as <see cref="RegionScope.Allows(string, string?, string?)"/>.</summary>
    public static IQueryable<Proposal> InScope(SejahteraDbContext db, RegionScope scope)
    {
        var query = db.Proposals.AsNoTracking();
        if (!scope.IsAll)
        {
            var codes = scope.Codes.ToList();
            query = query.Where(p => codes.Contains(p.KabupatenCode));
        }

        if (scope.Home is { } home)
        {
            query = query.Where(p => p.HomeCode == home);
        }

        if (scope.Desa is { } desa)
        {
            var desaCodes = desa.ToList();
            query = query.Where(p => p.DesaCode == null || desaCodes.Contains(p.DesaCode));
        }

        return query;
    }

    public static async Task<ProposalFilterOptions> OptionsAsync(SejahteraDbContext db, RegionScope scope, CancellationToken ct = default)
    {
        var query = InScope(db, scope);
        var states = await query.Select(p => new { p.WorkflowKey, p.WorkflowVersion, p.State }).Distinct().ToListAsync(ct);
        var programs = await query.Select(p => p.Program).Distinct().ToListAsync(ct);
        var outcomes = await query.Where(p => p.LastOutcome != null).Select(p => p.LastOutcome!).Distinct().ToListAsync(ct);
        return new ProposalFilterOptions(
            states.Select(s => (s.WorkflowKey, s.WorkflowVersion, s.State)).ToList(),
            programs.Order(StringComparer.Ordinal).ToList(),
            outcomes.Order(StringComparer.Ordinal).ToList());
    }

    private static (IQueryable<Proposal> Query, string? Problem) Search(IQueryable<Proposal> query, RegionScope scope, string q)
    {
        var number = q.TrimStart('#');
        if (SearchText.IsNumber(number))
        {
            if (number.Length == 16)
            {
                return (query.Where(p => p.MembersJson.Contains(number)), null);
            }

            return long.TryParse(number, out var id) ? (query.Where(p => p.Id == id), null) : (query.Where(p => false), null);
        }

        if (q.Length < SearchText.MinimumLength)
        {
            return (query, $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama kelompok, kecamatan atau desa.");
        }

        var lower = q.ToLowerInvariant();
        var regions = RegionCatalog.Ntt.All
            .Where(r => r.Level is RegionLevel.Kecamatan or RegionLevel.DesaKelurahan && scope.Allows(r.Code[..5])
                && r.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var kecamatan = regions.Where(r => r.Level == RegionLevel.Kecamatan).Select(r => r.Code).ToList();
        var desa = regions.Where(r => r.Level == RegionLevel.DesaKelurahan).Select(r => r.Code).ToList();
        // A desa's kecamatan too: a KUBE proposal is filed by kecamatan, its members live in its desa.
        kecamatan.AddRange(desa.Select(d => d[..8]).Distinct());
        return (query.Where(p => p.GroupName.ToLower().Contains(lower) || kecamatan.Contains(p.KecamatanCode) || (p.DesaCode != null && desa.Contains(p.DesaCode))), null);
    }
}
