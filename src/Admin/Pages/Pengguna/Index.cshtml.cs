using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pengguna;

/// <summary>The staff accounts, a page of 50 at a time, sorted by a column, filtered by role and kabupaten/kota, searched by name or user name (admin only).</summary>
[Authorize(Policy = nameof(Permission.ReadUsersAndAudit))]
public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    public UserList List { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "peran")] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "kabupaten")] public string? Kabupaten { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    /// <summary>Whether any filter or search narrows the list (an empty list then says so, not that there are no accounts).</summary>
    public bool Filtered => !string.IsNullOrWhiteSpace(Role) || !string.IsNullOrWhiteSpace(Kabupaten) || !string.IsNullOrWhiteSpace(Query);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = await ListUsers.HandleAsync(db, new UserFilter(Role, Kabupaten, Query), PageRequest.Parse(PageNumber, Sort), ct);
        Response.Headers.Vary = "HX-Request";
        return ListLinks.WantsFragment(Request) ? Partial("_UserList", this) : Page();
    }

    /// <summary>A region scope as users read it: the whole province, or the names of its kabupaten/kota.</summary>
    public static string Scope(string scope) => scope == "*"
        ? "seluruh NTT"
        : string.Join(", ", scope.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Engine.Regions.RegionCatalog.Ntt.Find(c)?.Name ?? c));
}
