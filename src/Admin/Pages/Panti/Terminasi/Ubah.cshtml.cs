using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Panti.Terminasi;

public sealed class UbahModel(SejahteraDbContext db, EditTermination edit) : TerminationFormPage(db)
{
    [BindProperty] public int RowVersion { get; set; }

    public long Id { get; private set; }

    /// <summary>The case's panti part and its resident, when the user may see them.</summary>
    private async Task<PantiTermination?> LoadAsync(long id, CancellationToken ct)
    {
        Id = id;
        var termination = await Db.PantiTerminations.AsNoTracking().SingleOrDefaultAsync(t => t.ProposalId == id, ct);
        Resident = termination is null ? null : await FindResidentAsync(termination.ResidentId, ct);
        return Resident is null ? null : termination;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!MayPropose)
        {
            return Forbid();
        }

        if (await LoadAsync(id, ct) is not { } termination)
        {
            return NotFound();
        }

        var proposal = await CaseService.FindAsync(Db, id, User.Scope(), null, ct);
        Fill(termination, proposal);
        RowVersion = proposal.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!MayPropose)
        {
            return Forbid();
        }

        if (await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }

        try
        {
            return await SaveAsync(async () =>
                (await edit.HandleAsync(Db, id, ToRequest(Resident!.Id), RowVersion, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct)).Id);
        }
        catch (ProposalNotFoundException)
        {
            return NotFound();
        }
    }
}
