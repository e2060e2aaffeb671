using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages.Registri;

public sealed class RumahTanggaModel(SejahteraDbContext db) : PageModel
{
    public HouseholdDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await GetHouseholdDetails.HandleAsync(db, User.Scope(), id, ct);
        return Details is null ? NotFound() : Page();
    }
}
