using Microsoft.AspNetCore.Mvc;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Usulan;

public sealed class BaruModel(SejahteraDbContext db, CreateKubeProposal create, TimeProvider time) : ProposalFormPage(db, time)
{
    public IActionResult OnGet() => User.May(Permission.ManageProposals) ? Page() : Forbid();

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
            var proposal = await create.HandleAsync(Db, request, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
            TempData[DetailModel.SavedKey] = "Usulan tersimpan sebagai draf. Ajukan ke verifikasi berkas bila sudah lengkap.";
            return Redirect($"/usulan/{proposal.Id}");
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            return Page();
        }
    }
}
