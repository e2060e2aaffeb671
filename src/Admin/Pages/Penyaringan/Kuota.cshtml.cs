using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Screening.Quotas;

namespace Sejahtera.Admin.Pages.Penyaringan;

/// <summary>The quotas per program and kabupaten/kota (DTSEN desil 3), and the form to enter one.</summary>
public sealed class KuotaModel(SejahteraDbContext db, SetScreeningQuota set) : PageModel
{
    public IReadOnlyList<ScreeningQuota> Quotas { get; private set; } = [];
    public IReadOnlyList<Region> KabupatenList => RegionCatalog.Ntt.Kabupaten;
    public bool MayManage => User.May(Permission.ManageQuotas);
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    [BindProperty] public string? Program { get; set; }
    [BindProperty] public string? Kabupaten { get; set; }
    [BindProperty] public string? Quota { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            int? quota = int.TryParse(Quota?.Trim(), out var q) ? q : null;
            if (quota is null && !string.IsNullOrWhiteSpace(Quota))
            {
                throw new QuotaRefusedException($"Kuota ditolak: '{Quota}' bukan bilangan bulat.");
            }

            var row = await set.HandleAsync(db, new QuotaEntry(Program, Kabupaten, quota), User.Identity?.Name ?? "?", User.RoleNames().ToList(), ct);
            Saved = $"Kuota {QuotaPrograms.Label(row.Program)} {RegionCatalog.Ntt.Find(row.KabupatenCode)?.Name} disimpan: {Sejahtera.Engine.Indonesian.Number(row.Quota)} rumah tangga.";
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            Response.StatusCode = e is AccessRefusedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.ScreeningQuotas.AsNoTracking().ToListAsync(ct);
        Quotas = all.OrderBy(q => q.KabupatenCode).ThenBy(q => q.Program).ToList();
    }
}
