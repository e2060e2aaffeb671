using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages;

public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    public RegistryOverview Overview { get; private set; } = new(null, []);

    public async Task OnGetAsync(CancellationToken ct) =>
        Overview = await GetRegistryOverview.HandleAsync(db, User.Scope(), ct);
}
