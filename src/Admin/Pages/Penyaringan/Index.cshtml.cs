using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Api;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Identity;
using Sejahtera.Admin.Security;

namespace Sejahtera.Admin.Pages.Penyaringan;

public sealed class IndexModel(SejahteraDbContext db, StartScreening start, IBackgroundJobClient jobs, TimeProvider time) : PageModel
{
    public IReadOnlyList<ScreeningRun> Runs { get; private set; } = [];
    public IReadOnlyList<string> Periods { get; private set; } = [];
    public IReadOnlyList<string> Programs { get; private set; } = [];
    public IReadOnlyList<Region> KabupatenList => RegionCatalog.Ntt.Kabupaten;
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);
    public bool MayStart => User.May(Permission.StartScreening);
    public string? Error { get; private set; }

    [BindProperty] public string? Period { get; set; }
    [BindProperty] public string? Program { get; set; }
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? Kabupaten { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayStart)
        {
            return Forbid();
        }

        try
        {
            var run = await ScreeningApi.Enqueue(db, start, jobs, new ScreeningApi.StartRequest(Period, Program, AsOf, Kabupaten), User.Identity?.Name ?? "?", ct);
            return Redirect($"/penyaringan/{run.Id}");
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Runs = await db.ScreeningRuns.AsNoTracking().Where(r => r.ParentRunId == null).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        Periods = await db.Snapshots.OrderByDescending(s => s.Period).Select(s => s.Period).ToListAsync(ct);
        Programs = await StartScreening.HouseholdProgramsAsync(db, ct);
    }
}
