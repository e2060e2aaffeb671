using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages.Registri;

/// <summary>
/// The households of one kabupaten/kota, 50 a page: filtered by kecamatan, desil and flags, searched by name, NIK,
/// KK or desa as the user types (htmx asks for the table alone; without script the form is submitted as usual).
/// </summary>
public sealed class KabupatenModel(SejahteraDbContext db) : PageModel
{
    public HouseholdList? Result { get; private set; }

    [BindProperty(SupportsGet = true, Name = "kecamatan")] public string? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true, Name = "desil")] public int? Desil { get; set; }
    [BindProperty(SupportsGet = true, Name = "bertanda")] public bool FlaggedOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public IReadOnlyList<Region> KecamatanChoices(string kabupatenCode) =>
        RegionCatalog.Ntt.All.Where(r => r.Level == RegionLevel.Kecamatan && r.Code.StartsWith(kabupatenCode + ".", StringComparison.Ordinal)).ToList();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Result = await ListHouseholds.ListAsync(db, User.Scope(), code, new HouseholdFilter(Kecamatan, Desil, FlaggedOnly, Q, User.May(Engine.Identity.Permission.LookUpByNik)), PageRequest.Parse(PageNumber, Sort), ct);
        if (Result is null)
        {
            return NotFound();
        }

        Response.Headers.Vary = "HX-Request";
        return ListLinks.WantsFragment(Request) ? Partial("_HouseholdList", Result) : Page();
    }
}
