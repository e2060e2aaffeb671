using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Usulan;

/// <summary>The operator edits a draft, new or returned; the row version keeps a stale form from overwriting.</summary>
public sealed class UbahModel(SejahteraDbContext db, EditKubeProposal edit, TimeProvider time) : ProposalFormPage(db, time)
{
    [FromRoute] public long Id { get; set; }

    [BindProperty] public int RowVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        var proposal = await Db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, ct);
        if (proposal is null || !User.Scope().Allows(proposal.KabupatenCode))
        {
            return NotFound();
        }

        Fill(proposal);
        RowVersion = proposal.RowVersion;
        if (proposal.Stage != Sejahtera.Workflows.Definitions.StateMeanings.Draft)
        {
            Error = $"Usulan pada tahap {proposal.State} tidak dapat diubah; hanya draf (baru atau dikembalikan) yang dapat diubah.";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        if (ToRequest() is not { } request)
        {
            return Page();
        }

        try
        {
            await edit.HandleAsync(Db, Id, request, RowVersion, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
            TempData[DetailModel.SavedKey] = "Perubahan usulan tersimpan.";
            return Redirect($"/usulan/{Id}");
        }
        catch (ProposalNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            return Page();
        }
    }
}
