using Microsoft.AspNetCore.Mvc;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti.Terminasi;

public sealed class BaruModel(SejahteraDbContext db, ProposeTermination propose) : TerminationFormPage(db)
{
    public async Task<IActionResult> OnGetAsync(long penghuni, CancellationToken ct)
    {
        if (!MayPropose)
        {
            return Forbid();
        }

        Resident = await FindResidentAsync(penghuni, ct);
        if (Resident is null)
        {
            return NotFound();
        }

        // What the register already knows: the guardian, and the termination date once the stage was recorded.
        ReceivingFamily = Resident.GuardianName;
        AccountHolder = Resident.GuardianName;
        DestinationAddress = Resident.OriginAddress;
        TerminationOn = Resident.Stage == RehabilitationStages.Termination ? Resident.StageSince : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long penghuni, CancellationToken ct)
    {
        if (!MayPropose)
        {
            return Forbid();
        }

        Resident = await FindResidentAsync(penghuni, ct);
        return Resident is null
            ? NotFound()
            : await SaveAsync(async () => (await propose.HandleAsync(Db, ToRequest(penghuni), User.Identity!.Name!, User.RoleNames(), User.Scope(), ct)).Id);
    }
}
