using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Admin.Pages.Registri;

/// <summary>Search by a whole NIK or KK number: only for roles that work with identity documents.</summary>
[Authorize(Policy = nameof(Permission.LookUpByNik))]
public sealed class CariModel(SejahteraDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<HouseholdSummary> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q is null)
        {
            return;
        }

        Q = Q.Trim();
        if (Q.Length != 16 || !Q.All(char.IsAsciiDigit))
        {
            Error = "NIK dan nomor KK terdiri atas 16 digit angka.";
            return;
        }

        Results = await ListHouseholds.SearchAsync(db, User.Scope(), Q, ct);
    }
}
