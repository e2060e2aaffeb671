using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>The catalog for admins and planners: import a catalog file, change a year's target, compute a month again, and the catalog's history.</summary>
[Authorize(Policy = nameof(Permission.ManageIndicators))]
public sealed class KatalogModel(SejahteraDbContext db, ImportCatalog import, EditIndicatorYear edit, ComputeIndicators compute) : PageModel
{
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public IFormFile? CatalogFile { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public int EditYear { get; set; }
    [BindProperty] public decimal? Target { get; set; }
    [BindProperty] public decimal? Budget { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Month { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.DisplayOrder).ThenBy(i => i.Code).ToListAsync(ct);
        History = await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("indicators.catalog") || a.Action == "indicators.compute")
            .OrderByDescending(a => a.Id).Take(30).ToListAsync(ct);
    }

    public Task OnPostImportAsync(CancellationToken ct) => RunAsync(async () =>
    {
        if (CatalogFile is not { Length: > 0 and < 2_000_000 })
        {
            throw new IndicatorRefusedException("Pilih berkas katalog YAML (paling besar 2 MB).");
        }
        using var reader = new StreamReader(CatalogFile.OpenReadStream());
        var s = await import.HandleAsync(db, await reader.ReadToEndAsync(ct), User.Identity!.Name!, ct);
        return $"Katalog dimuat: {s.IndicatorsAdded} indikator baru, {s.IndicatorsUpdated} diperbarui, {s.YearsWritten} tahun ditulis.";
    }, ct);

    public Task OnPostEditAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var row = await edit.HandleAsync(db, new IndicatorYearEdit(Code?.Trim() ?? "", EditYear, Target, Budget, Reason), User.Identity!.Name!, User.RoleNames(), ct);
        return $"{row.IndicatorCode} {row.Year}: target {IndicatorPages.Show(row.Target)} tersimpan.";
    }, ct);

    public Task OnPostComputeAsync(CancellationToken ct) => RunAsync(async () =>
    {
        if (!DateOnly.TryParseExact((Month ?? "") + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
        {
            throw new IndicatorRefusedException("Pilih bulan yang dihitung.");
        }
        var c = await compute.ComputeAsync(db, first.Year, first.Month, User.Identity!.Name!, Reason, ct);
        return $"{Sejahtera.Engine.Indonesian.MonthYear(c.Year, c.Month)} dihitung: revisi {c.Revision}, {c.Indicators} indikator.";
    }, ct);

    private async Task RunAsync(Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            Message = await action();
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }
        db.ChangeTracker.Clear();
        await OnGetAsync(ct);
    }
}
