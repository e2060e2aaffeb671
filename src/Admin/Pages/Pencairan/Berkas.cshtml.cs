using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Microsoft.AspNetCore.Authorization;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Pencairan;

/// <summary>The batch's bank transfer file as a download; the page renders only when the file was refused.</summary>
[Authorize(Policy = nameof(Permission.ReadDisbursement))]
public sealed class BerkasModel(SejahteraDbContext db, PaymentBatches batches) : PageModel
{
    public long Id { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await DisbursementApi.FindAsync(db, id, ct) is null)
        {
            return NotFound();
        }

        try
        {
            var file = await batches.BankFileAsync(db, id, User.Identity!.Name!, ct);
            return File(Encoding.UTF8.GetBytes(file.Text), DisbursementApi.CsvType, DisbursementApi.BankFileName(id));
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            (Id, Error) = (id, e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
