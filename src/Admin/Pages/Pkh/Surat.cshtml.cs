using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>The graduation letter (surat keterangan graduasi) of a decided case, as a printable page; anyone who may see the case may print it.</summary>
public sealed class SuratModel(SejahteraDbContext db, ProposalViews views) : PageModel
{
    public ProposalView? View { get; private set; }

    public GraduationView Graduation => View!.Graduation!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        View = await views.DetailsAsync(db, id, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        return View is { Graduation.Graduation.LetterNumber: not null } ? Page() : NotFound();
    }
}
