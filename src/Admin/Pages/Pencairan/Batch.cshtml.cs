using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Microsoft.AspNetCore.Authorization;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;

namespace Sejahtera.Admin.Pages.Pencairan;

[Authorize(Policy = nameof(Permission.ReadDisbursement))]
/// <summary>One batch: its payments a page at a time (sorted, filtered by status, searched), the bank file, the reconciliation.</summary>
public sealed class BatchModel(SejahteraDbContext db, PaymentBatches batches) : PageModel
{
    public PaymentBatch? Batch { get; private set; }
    public PaymentList Payments { get; private set; } = null!;
    public bool MayPay => User.May(Permission.PayBatches);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public IFormFile? BankFile { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Batch = await DisbursementApi.FindAsync(db, id, ct);
        if (Batch is null)
        {
            return NotFound();
        }

        Payments = await ListPayments.OfBatchAsync(db, id, new PaymentFilter(StatusFilter, Q: Q), PageRequest.Parse(PageNumber, Sort), ct);
        Response.Headers.Vary = "HX-Request";
        return HttpMethods.IsGet(Request.Method) && ListLinks.WantsFragment(Request) ? Partial("_PaymentList", this) : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!MayPay)
        {
            return Forbid();
        }

        if (BankFile is null || BankFile.Length == 0)
        {
            Error = "Pilih berkas rekonsiliasi dari bank (CSV) terlebih dahulu.";
        }
        else
        {
            try
            {
                await using var file = BankFile.OpenReadStream();
                var result = await DisbursementApi.ReconcileAsync(db, batches, id, file, User, ct);
                Message = $"Rekonsiliasi diterima: {result.Paid} dibayar, {result.Failed} gagal, {result.Unchanged} tidak berubah."
                    + (result.Corrections.Count > 0 ? $" {result.Corrections.Count} usulan dikembalikan ke operator untuk koreksi rekening." : "");
            }
            catch (Exception e) when (Refusals.IsRefusal(e))
            {
                Error = e.Message;
            }
        }

        db.ChangeTracker.Clear();
        return await OnGetAsync(id, ct);
    }
}
