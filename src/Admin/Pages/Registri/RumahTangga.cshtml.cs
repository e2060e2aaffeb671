using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Pages.Registri;

public sealed class RumahTanggaModel(SejahteraDbContext db, HouseholdEligibility eligibility, HouseholdScreening screening, TimeProvider time) : PageModel
{
    /// <summary>The latest finished screening's decisions of the household, rendered from their compact form (null when none decided it).</summary>
    public HouseholdScreeningDecisions? Screening { get; private set; }

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
        Screening = await screening.LatestAsync(db, User.Scope(), id, ct);
        return Page();
    }
}
