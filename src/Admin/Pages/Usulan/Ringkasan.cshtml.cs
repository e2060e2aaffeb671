using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Usulan;

/// <summary>The proposal summary as a printable page with the office's letterhead; anyone who may see the proposal may print it.</summary>
public sealed class RingkasanModel(SejahteraDbContext db, ProposalViews views, TimeProvider time) : PageModel
{
    public ProposalView? View { get; private set; }
    public IReadOnlyList<Payment> Payments { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        View = await views.DetailsAsync(db, id, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        if (View is null)
        {
            return NotFound();
        }

        Payments = await PaymentBatches.OfProposalAsync(db, id, ct);
        return Page();
    }
}
