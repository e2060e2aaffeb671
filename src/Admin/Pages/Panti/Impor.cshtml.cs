using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti.Import;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti;

/// <summary>Upload of a home's resident list: what was added, updated and unchanged, and every rejected line with its reason.</summary>
[Authorize(Policy = nameof(Permission.ManageResidents))]
public sealed class ImporModel(SejahteraDbContext db, ImportResidents import) : PageModel
{
    public ResidentImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }
    public IReadOnlyList<string> Columns => ResidentColumns.All;

    [BindProperty] public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = "Pilih berkas daftar penghuni (CSV) terlebih dahulu.";
            return Page();
        }

        FileName = Upload.FileName;
        try
        {
            await using var file = Upload.OpenReadStream();
            Result = await PantiApi.ImportAsync(db, import, file, User, ct);
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }

        return Page();
    }
}
