using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti;

/// <summary>The homes with their counts; UPT staff, who have one home, go straight to it.</summary>
[Authorize(Policy = nameof(Permission.ReadResidents))]
public sealed class IndexModel(SejahteraDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<HomeOverview> Homes { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "tahun")]
    public int? Year { get; set; }

    public bool MayImport => User.May(Permission.ManageResidents);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Scope().Home is { } home)
        {
            return Redirect($"/panti/rumah/{Uri.EscapeDataString(home)}");
        }

        Year = Year is >= 1900 and <= 2100 ? Year : time.GetLocalNow().Year;
        Homes = await ListHomes.HandleAsync(db, User.Scope(), Year.Value, ct);
        return Page();
    }
}
