using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>The KPM of a period, filtered by kabupaten/kota and desa and searched by name or KPM id; a pendamping sees their own desa only.</summary>
[Authorize(Policy = nameof(Permission.ReadKpm))]
public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    public KpmList List { get; private set; } = new(null, [], 0, 1, ListKpm.PageSize, []);

    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "kabupaten")] public string? Kabupaten { get; set; }
    [BindProperty(SupportsGet = true, Name = "desa")] public string? Desa { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int PageNumber { get; set; } = 1;

    public bool MayImport => User.May(Permission.ImportKpm);

    public async Task OnGetAsync(CancellationToken ct) =>
        List = await ListKpm.HandleAsync(db, User.KpmAudience(), new KpmQuery(Period, Kabupaten, Desa, Query, PageNumber), ct);
}
