using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>The dashboard: per program, the year's indicators with the ones off track first, each with its chart.</summary>
[Authorize(Policy = nameof(Permission.ReadIndicators))]
public sealed class IndexModel(SejahteraDbContext db, IndicatorReports reports, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tahun")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "program")] public string? Program { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<IndicatorProgram> Programs { get; private set; } = [];
    public IReadOnlyList<DashboardIndicator> Rows { get; private set; } = [];
    public int Shown { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await IndicatorReports.YearsAsync(db, ct);
        Shown = Year ?? IndicatorPages.DefaultYear(Years, time);
        Programs = await db.IndicatorPrograms.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        Program = string.IsNullOrWhiteSpace(Program) ? null : Program;
        Rows = await reports.DashboardAsync(db, Shown, Program, ct);
    }
}
