using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti;

/// <summary>
/// One home's residents with their stage, a page at a time, sorted, filtered by category and stage, searched by name or
/// NIK; another home's page answers 404 to UPT staff.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadResidents))]
public sealed class RumahModel(SejahteraDbContext db, TimeProvider time) : PageModel
{
    public HomeResidents? Result { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "tahun")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "kategori")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "tahap")] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public bool MayImport => User.May(Permission.ManageResidents);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Year = Year is >= 1900 and <= 2100 ? Year : time.GetLocalNow().Year;
        Result = await ListResidents.HandleAsync(db, User.Scope(), code, new ResidentFilter(Category, Stage, Query, User.SeesFullNik()), PageRequest.Parse(PageNumber, Sort), Year.Value, ct);
        if (Result is null)
        {
            return NotFound();
        }

        Response.Headers.Vary = "HX-Request";
        return ListLinks.WantsFragment(Request) ? Partial("_ResidentList", this) : Page();
    }
}
