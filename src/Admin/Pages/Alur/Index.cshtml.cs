using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Alur;

public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    internal IReadOnlyList<WorkflowVersions.Usage> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Versions = await WorkflowVersions.ListAsync(db, ct);

    public static string StatusLabel(string status) => status == "published" ? "terbit" : status;
}
