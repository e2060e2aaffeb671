using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Screening.Quotas;

namespace Sejahtera.Admin.Pages.Penyaringan;

public sealed class RunModel(SejahteraDbContext db, ScreeningProgress progress, ScreeningDecisions screening) : PageModel
{
    public sealed record RunCounts(
        [property: JsonPropertyName("outcomes")] Dictionary<string, Dictionary<string, long>> Outcomes,
        [property: JsonPropertyName("amounts")] Dictionary<string, decimal> Amounts,
        [property: JsonPropertyName("by_kabupaten")] Dictionary<string, Dictionary<string, Dictionary<string, long>>> ByKabupaten);

    public ScreeningRun? Run { get; private set; }
    public RunCounts? Counts { get; private set; }
    public (long Done, long Total)? Progress { get; private set; }

    /// <summary>Of a run split into parts per kabupaten/kota: how far its parts are.</summary>
    public PartsProgress? Parts { get; private set; }

    /// <summary>The program whose chart and households are shown (the first of the run when none is chosen).</summary>
    [BindProperty(SupportsGet = true, Name = "program")] public string? Program { get; set; }

    /// <summary>The outcome whose households are listed (all outcomes when none is chosen).</summary>
    [BindProperty(SupportsGet = true, Name = "hasil")] public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "kabupaten")] public string? Kabupaten { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")] public int PageNumber { get; set; } = 1;

    /// <summary>The search in the households listed: ID DTKS, NIK or KK, the start of a member's name, or a desa.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public ScreeningResultList? Results { get; private set; }

    [BindProperty(SupportsGet = true, Name = "kuota-halaman")] public int QuotaPageNumber { get; set; } = 1;

    /// <summary>The use of each quota of the program shown, in the user's kabupaten/kota (none when the program has no quota).</summary>
    public IReadOnlyList<QuotaUse> QuotaUses { get; private set; } = [];

    /// <summary>The desil-3 households of the chosen kabupaten's quota in rank order, when it has one.</summary>
    public QuotaPlacePage? QuotaPlaces { get; private set; }

    /// <summary>The link to another page of the quota list, keeping the filter.</summary>
    public string QuotaLink(int page)
    {
        var link = Link(page: 1);
        return page > 1 ? link + (link.Length == 0 ? "?" : "&") + $"kuota-halaman={page}" : link;
    }

    public bool Live => Run?.Status is ScreeningStatus.Queued or ScreeningStatus.Running;

    /// <summary>The query string of the current filter with one part changed, for links.</summary>
    public string Link(string? program = null, string? outcome = null, string? kabupaten = null, int? page = null, bool keepOutcome = true, bool keepKabupaten = true)
    {
        var parts = new List<string>();
        Add("program", program ?? Program);
        Add("hasil", outcome ?? (keepOutcome ? Outcome : null));
        Add("kabupaten", kabupaten ?? (keepKabupaten ? Kabupaten : null));
        Add("q", keepOutcome && keepKabupaten ? Q : null);
        Add(ListLinks.Sort, keepOutcome && keepKabupaten ? Sort : null);
        if (page is > 1)
        {
            parts.Add($"halaman={page}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    /// <summary>The export of the households listed, in the given format.</summary>
    public string ExportLink(string format)
    {
        var query = Link(page: 1);
        return $"/api/screenings/{Run!.Id}/results/export{(query.Length == 0 ? "?" : query + "&")}format={format}";
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Run = await db.ScreeningRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Run is null)
        {
            return NotFound();
        }

        if (Run.ParentRunId is { } parentId)
        {
            // A part's decisions are stored under its parent: its page is the parent's.
            return Redirect($"/penyaringan/{parentId}");
        }

        Progress = progress.Of(id);
        Parts = await ScreeningParts.ProgressAsync(db, progress, Run, ct);
        if (Parts is { } parts)
        {
            Progress = (parts.Done, parts.Total);
        }

        Counts = Run.CountsJson is null ? null : JsonSerializer.Deserialize<RunCounts>(Run.CountsJson);
        if (Counts is { } counts && counts.Outcomes.Count > 0)
        {
            if (Program is null || !counts.Outcomes.ContainsKey(Program))
            {
                Program = counts.Outcomes.Keys.First();
            }

            var decisions = (await screening.ForRunAsync(db, id, ct))!;
            Results = await ListScreeningResults.ListAsync(db, decisions, User.Scope(), new ScreeningResultFilter(id, Program, Outcome, Kabupaten, Q, User.May(Engine.Identity.Permission.LookUpByNik)),
                Engine.Listing.PageRequest.Parse(PageNumber, Sort), ct);
            if (QuotaPrograms.Has(Program))
            {
                QuotaUses = await QuotaAllocation.UsesAsync(db, User.Scope(), id, Program, ct);
                if (!string.IsNullOrEmpty(Kabupaten))
                {
                    QuotaPlaces = await QuotaAllocation.PlacesAsync(db, User.Scope(), id, Program, Kabupaten, QuotaPageNumber, ct);
                }
            }
        }

        Response.Headers.Vary = "HX-Request";
        return Results is not null && ListLinks.WantsFragment(Request) ? Partial("_ResultList", this) : Page();
    }
}
