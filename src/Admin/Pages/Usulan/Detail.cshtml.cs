using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Usulan;

public sealed class DetailModel(SejahteraDbContext db, ProposalViews views, FireTrigger fire, TimeProvider time) : PageModel
{
    public ProposalView? View { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    [BindProperty] public string Trigger { get; set; } = "";
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? RowVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        View = await views.DetailsAsync(db, id, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        try
        {
            var proposal = await fire.HandleAsync(db, id, Trigger, Reason, User.Identity!.Name!, User.RoleNames(), User.Scope(), RowVersion, ct);
            Message = $"Usulan kini pada tahap {proposal.State}.";
        }
        catch (ProposalNotFoundException)
        {
            return NotFound();
        }
        catch (ProposalRefusedException e)
        {
            Error = e.Message;
        }

        db.ChangeTracker.Clear();
        return await OnGetAsync(id, ct);
    }
}
