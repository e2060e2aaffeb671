using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pkh;

/// <summary>Upload of a PKH beneficiary file: what was added, updated, unchanged and removed, the flagged families, and every rejected line with its reason.</summary>
[Authorize(Policy = nameof(Permission.ImportKpm))]
public sealed class ImporModel(SejahteraDbContext db, ImportKpm import) : PageModel
{
    public KpmImportResult? Result { get; private set; }
    public IReadOnlyList<RejectedKpmLine> Rejected { get; private set; } = [];
    public string? Error { get; private set; }
    public string? FileName { get; private set; }
    public IReadOnlyList<string> Columns => KpmColumns.All;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool Replace { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = "Pilih berkas KPM (CSV) terlebih dahulu.";
            return Page();
        }

        FileName = Upload.FileName;
        try
        {
            await using var file = Upload.OpenReadStream();
            Result = await PkhApi.ImportAsync(db, import, file, Replace, User, ct);
            Rejected = Result.Rejected;
        }
        catch (KpmReplaceRefusedException e)
        {
            Error = e.Message;
            Rejected = e.Rejected;
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }

        return Page();
    }
}
