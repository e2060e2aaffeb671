using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>One family: components, commitments, DTKS link, the yearly assistance and its graduation cases; another desa's family answers 404 to a pendamping.</summary>
[Authorize(Policy = nameof(Permission.ReadKpm))]
public sealed class KpmModel(SejahteraDbContext db, GetKpmDetails details, TimeProvider time) : PageModel
{
    public KpmDetails? Result { get; private set; }
    public CaseLabels Labels { get; private set; } = CaseLabels.None;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Result = await details.HandleAsync(db, User.KpmAudience(), id, PkhApi.Today(time), ct);
        Labels = await WorkflowVersions.LabelsAsync(db, ct);
        return Result is null ? NotFound() : Page();
    }
}
