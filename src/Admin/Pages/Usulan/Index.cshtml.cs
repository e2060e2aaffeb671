using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Admin.Pages.Usulan;

/// <summary>
/// The user's task queue and the cases of their region: a page of 50 at a time, sorted by a column, filtered by
/// kabupaten/kota, kecamatan, stage, program and screening outcome, searched as the user types (htmx asks for the
/// list alone; without script the form is submitted as usual).
/// </summary>
public sealed class IndexModel(SejahteraDbContext db, ProposalViews views) : PageModel
{
    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];
    public ProposalList List { get; private set; } = null!;
    public ProposalFilterOptions Options { get; private set; } = null!;
    public CaseLabels Labels { get; private set; } = CaseLabels.None;

    [BindProperty(SupportsGet = true, Name = "kabupaten")] public string? Kabupaten { get; set; }
    [BindProperty(SupportsGet = true, Name = "kecamatan")] public string? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true, Name = "tahap")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "program")] public string? ProgramCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "hasil")] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    /// <summary>The kabupaten/kota the user may pick (none to pick when the scope has only one).</summary>
    public IReadOnlyList<Region> KabupatenChoices => RegionCatalog.Ntt.Kabupaten.Where(k => User.Scope().Allows(k.Code)).ToList();

    /// <summary>The kecamatan of the chosen kabupaten/kota, or of the user's only one.</summary>
    public IReadOnlyList<Region> KecamatanChoices
    {
        get
        {
            var kabupaten = Kabupaten is { Length: > 0 } k ? [k] : KabupatenChoices.Count == 1 ? [KabupatenChoices[0].Code] : Array.Empty<string>();
            return RegionCatalog.Ntt.All.Where(r => r.Level == RegionLevel.Kecamatan && kabupaten.Contains(r.Code[..5])).ToList();
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labels = await Api.WorkflowVersions.LabelsAsync(db, ct);
        var filter = new ProposalFilter(Kabupaten, Kecamatan, State, ProgramCode, Outcome, Q);
        List = await ListProposals.HandleAsync(db, User.Scope(), filter, PageRequest.Parse(PageNumber, Sort), ct);
        Response.Headers.Vary = "HX-Request";
        if (ListLinks.WantsFragment(Request))
        {
            return Partial("_ProposalList", this);
        }

        Queue = await views.QueueAsync(db, User.RoleNames(), User.Scope(), ct);
        Options = await ListProposals.OptionsAsync(db, User.Scope(), ct);
        return Page();
    }

    /// <summary>The states of the filter, each once, by the label of a version that has it.</summary>
    public IEnumerable<(string State, string Label)> StateChoices() =>
        Options.States.GroupBy(s => s.State).Select(g => (g.Key, Labels.State(g.First().Key, g.First().Version, g.Key))).OrderBy(s => s.Item2, StringComparer.Ordinal);
}
