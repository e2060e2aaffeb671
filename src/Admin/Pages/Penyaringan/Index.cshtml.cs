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
using Sejahtera.Engine.Listing;

namespace Sejahtera.Admin.Pages.Penyaringan;

/// <summary>
/// Starts a screening and lists the history: a page of 50 runs at a time, sorted by a column, filtered by status,
/// period and the kabupaten/kota a run was limited to; everything in the query string.
/// </summary>
public sealed class IndexModel(SejahteraDbContext db, StartScreening start, IBackgroundJobClient jobs, TimeProvider time) : PageModel
{
    public Paged<ScreeningRun> Runs { get; private set; } = null!;
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
    [BindProperty] public bool RedecideAll { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodFilter { get; set; }
    /// <summary>A kabupaten/kota code, or <see cref="ScreeningRunFilter.WholeProvince"/> for the runs over all of NTT.</summary>
    [BindProperty(SupportsGet = true, Name = "wilayah")] public string? RegionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public static IReadOnlyList<string> Statuses => [ScreeningStatus.Queued, ScreeningStatus.Running, ScreeningStatus.Done, ScreeningStatus.Failed];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayStart)
        {
            return Forbid();
        }

        try
        {
            var run = await ScreeningApi.Enqueue(db, start, jobs, new ScreeningApi.StartRequest(Period, Program, AsOf, Kabupaten, RedecideAll), User.Identity?.Name ?? "?", ct);
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
        Runs = await ListScreeningRuns.HandleAsync(db, new ScreeningRunFilter(StatusFilter, PeriodFilter, RegionFilter), PageRequest.Parse(PageNumber, Sort), ct);
        Periods = await db.Snapshots.OrderByDescending(s => s.Period).Select(s => s.Period).ToListAsync(ct);
        Programs = await StartScreening.HouseholdProgramsAsync(db, ct);
    }
}
