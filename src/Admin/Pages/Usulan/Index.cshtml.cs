using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Usulan;

public sealed class IndexModel(SejahteraDbContext db, ProposalViews views) : PageModel
{
    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];
    public IReadOnlyList<Proposal> Proposals { get; private set; } = [];
    public CaseLabels Labels { get; private set; } = CaseLabels.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queue = await views.QueueAsync(db, User.RoleNames(), User.Scope(), ct);
        Proposals = await views.InScopeAsync(db, User.Scope(), ct);
        Labels = await Api.WorkflowVersions.LabelsAsync(db, ct);
    }
}
