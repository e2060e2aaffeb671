using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>T-C.23 and T-C.24 for a range of years, with the same numbers as the workbook and the API.</summary>
[Authorize(Policy = nameof(Permission.ReadIndicators))]
public sealed class LaporanModel(SejahteraDbContext db, IndicatorReports reports, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dari")] public int? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public int? To { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Tc23Row> Tc23 { get; private set; } = [];
    public IReadOnlyList<Tc24Row> Tc24 { get; private set; } = [];
    public string? Error { get; private set; }
    public int ShownFrom { get; private set; }
    public int ShownTo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await IndicatorReports.YearsAsync(db, ct);
        var fallback = IndicatorPages.DefaultYear(Years, time);
        (ShownFrom, ShownTo) = (From ?? To ?? fallback, To ?? From ?? fallback);
        try
        {
            Tc23 = await reports.Tc23Async(db, ShownFrom, ShownTo, ct);
            Tc24 = await reports.Tc24Async(db, ShownFrom, ShownTo, ct);
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }
    }
}
