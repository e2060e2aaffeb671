using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Microsoft.AspNetCore.Authorization;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;

namespace Sejahtera.Admin.Pages.Pencairan;

[Authorize(Policy = nameof(Permission.ReadDisbursement))]
public sealed class IndexModel(SejahteraDbContext db, PaymentBatches batches) : PageModel
{
    public IReadOnlyList<Proposal> Ready { get; private set; } = [];
    public BatchList Batches { get; private set; } = null!;
    public bool MayPay => User.May(Permission.PayBatches);
    public string? Error { get; private set; }
    public long? CreatedBatch { get; private set; }

    [BindProperty] public IReadOnlyList<long> ProposalIds { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "program")] public string? ProgramFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.Headers.Vary = "HX-Request";
        return ListLinks.WantsFragment(Request) ? Partial("_BatchList", this) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayPay)
        {
            return Forbid();
        }

        try
        {
            var created = await DisbursementApi.CreateAsync(db, batches, ProposalIds, User.Identity!.Name!, ct);
            if (created.LeftOut.Count == 0)
            {
                return Redirect($"/pencairan/{created.Batch.Id}");
            }

            // One bad account never holds up the batch: it is made, and the page says who was left out and why.
            CreatedBatch = created.Batch.Id;
            Error = "Tidak dimasukkan ke batch: " + string.Join("; ", created.LeftOut.Select(l => $"usulan {l.ProposalId}: {l.Reason}")) + ".";
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Ready = await batches.ReadyAsync(db, ct);
        Batches = await ListPayments.BatchesAsync(db, new PaymentFilter(StatusFilter, ProgramFilter, Q), PageRequest.Parse(PageNumber, Sort), ct);
    }
}
