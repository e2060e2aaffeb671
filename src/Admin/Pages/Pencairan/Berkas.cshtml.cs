using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pencairan;

/// <summary>The batch's bank transfer file as a download; the page itself never renders.</summary>
public sealed class BerkasModel(SejahteraDbContext db, PaymentBatches batches) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!DisbursementApi.MayRead.Any(User.IsInRole))
        {
            return Forbid();
        }

        return await DisbursementApi.FindAsync(db, id, ct) is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(await batches.BankFileAsync(db, id, User.Identity!.Name!, ct)), DisbursementApi.CsvType, DisbursementApi.BankFileName(id));
    }
}
