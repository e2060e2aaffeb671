using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Alur;

/// <summary>Publishes a new workflow version from pasted JSON; a refusal keeps the text so it can be fixed in place.</summary>
public sealed class TerbitkanModel(SejahteraDbContext db, PublishWorkflowDefinition publish) : PageModel
{
    [BindProperty] public string? Json { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.May(Permission.AdministerWorkflows))
        {
            return Forbid();
        }

        // The latest KUBE version is the usual starting point: change it and raise the version number.
        Json = (await WorkflowVersions.FindAsync(db, DefaultWorkflows.KubeProposalKey, null, ct))?.Json ?? DefaultWorkflows.KubeProposalJson;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.May(Permission.AdministerWorkflows))
        {
            return Forbid();
        }

        try
        {
            var stored = await publish.HandleAsync(db, Json ?? "", ct);
            return Redirect($"/alur/{stored.Key}/{stored.Version}");
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            return Page();
        }
    }
}
