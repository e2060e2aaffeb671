using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages.Registri;

public sealed class RumahTanggaModel(SejahteraDbContext db, HouseholdEligibility eligibility, TimeProvider time) : PageModel
{
    public HouseholdDetails? Details { get; private set; }

    public IReadOnlyList<ProgramEligibility> Programs { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "tanggal")]
    public DateOnly? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await GetHouseholdDetails.HandleAsync(db, User.Scope(), id, ct);
        if (Details is null)
        {
            return NotFound();
        }

        AsOf ??= DateOnly.FromDateTime(time.GetLocalNow().Date);
        Programs = await eligibility.HandleAsync(db, User.Scope(), id, AsOf.Value, ct) ?? [];
        return Page();
    }
}
