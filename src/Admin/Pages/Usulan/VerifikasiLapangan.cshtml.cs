using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Pages.Usulan;

/// <summary>
/// The field-verification report (berita acara verifikasi lapangan) of a proposal, as a printable page:
/// the visit evidence (documents of kind <c>kunjungan</c>) and the step that recorded the visit — the
/// transition out of the state in which the evidence was attached, whatever the definition calls it.
/// </summary>
public sealed class VerifikasiLapanganModel(SejahteraDbContext db, ProposalViews views, TimeProvider time) : PageModel
{
    public const string VisitKind = "kunjungan";

    public ProposalView? View { get; private set; }
    public IReadOnlyList<DocumentInfo> Evidence { get; private set; } = [];

    /// <summary>The step that recorded the visit, or null while the visit is not recorded yet.</summary>
    public Sejahtera.Engine.Proposals.ProposalTransition? Visit { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        View = await views.DetailsAsync(db, id, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        if (View is null)
        {
            return NotFound();
        }

        Evidence = View.Documents.Where(d => d.Kind == VisitKind).ToList();
        if (Evidence.Count == 0)
        {
            return NotFound();
        }

        var first = Evidence[0];
        Visit = View.Timeline.FirstOrDefault(t => t.From == first.State && t.At >= first.UploadedAt);
        return Page();
    }
}
