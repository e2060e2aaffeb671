using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pencairan;

/// <summary>The decree (SK) listing the approved beneficiaries of a payment batch, as a printable page.</summary>
[Authorize(Policy = nameof(Permission.ReadDisbursement))]
public sealed class SkModel(SejahteraDbContext db, TimeProvider time) : PageModel
{
    public Decree? Decree { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Decree = await DecreeListing.HandleAsync(db, id, ct);
        return Decree is null ? NotFound() : Page();
    }
}
