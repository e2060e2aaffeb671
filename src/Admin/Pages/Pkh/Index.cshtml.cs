using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>
/// The KPM of a period, a page of 50 at a time, sorted by a column, filtered by kabupaten/kota, desa and flag (not in
/// DTKS, graduated, still in PKH) and searched by name, KPM id, NIK or KK; a pendamping sees their own desa only.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadKpm))]
public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    public KpmList List { get; private set; } = KpmList.Empty([], PageRequest.Parse(1, null));

    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "kabupaten")] public string? Kabupaten { get; set; }
    [BindProperty(SupportsGet = true, Name = "desa")] public string? Desa { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "catatan")] public string? Flag { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public bool MayImport => User.May(Permission.ImportKpm);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = await ListKpm.HandleAsync(db, User.KpmAudience(), new KpmQuery(Period, Kabupaten, Desa, Query, Flag: Flag, NumbersAllowed: User.SeesFullNik()), PageRequest.Parse(PageNumber, Sort), ct);
        Response.Headers.Vary = "HX-Request";
        return ListLinks.WantsFragment(Request) ? Partial("_KpmList", this) : Page();
    }
}
