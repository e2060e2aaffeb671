using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>The office's follow-through of a period: per kabupaten/kota and per pendamping, with the yearly graduation target.</summary>
[Authorize(Policy = nameof(Permission.ReadKpm))]
public sealed class RingkasanModel(SejahteraDbContext db, TimeProvider time) : PageModel
{
    public PkhSummary Summary { get; private set; } = new(null, [], [], [], GetPkhSummary.GraduationTarget);

    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Summary = await GetPkhSummary.HandleAsync(db, User.KpmAudience(), Period, PkhApi.Today(time), ct);
}
