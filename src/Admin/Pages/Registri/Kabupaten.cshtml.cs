using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages.Registri;

public sealed class KabupatenModel(SejahteraDbContext db) : PageModel
{
    public HouseholdPage? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "halaman")] int page, CancellationToken ct)
    {
        Result = await ListHouseholds.ByKabupatenAsync(db, User.Scope(), code, page, ct);
        return Result is null ? NotFound() : Page();
    }
}
