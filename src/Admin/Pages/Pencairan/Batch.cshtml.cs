using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Microsoft.AspNetCore.Authorization;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Pencairan;

[Authorize(Policy = nameof(Permission.ReadDisbursement))]
public sealed class BatchModel(SejahteraDbContext db, PaymentBatches batches) : PageModel
{
    public PaymentBatch? Batch { get; private set; }
    public IReadOnlyList<Payment> Payments { get; private set; } = [];
    public bool MayPay => User.May(Permission.PayBatches);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public IFormFile? BankFile { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Batch = await DisbursementApi.FindAsync(db, id, ct);
        if (Batch is null)
        {
            return NotFound();
        }

        Payments = await batches.PaymentsAsync(db, id, ct);
        return Page();
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
