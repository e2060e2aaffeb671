using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Engine.Identity;
using Sejahtera.Admin.Security;

namespace Sejahtera.Admin.Pages.Aturan;

public sealed class ProgramModel(SejahteraDbContext db, RuleSetCatalog catalog, SaveDraft save, TimeProvider time) : PageModel
{
    /// <summary>Published versions that take effect after today, earliest first.</summary>
    public IReadOnlyList<RuleSetVersion> Scheduled { get; private set; } = [];

    /// <summary>The date the page speaks for (today, the office's date).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Criterion titles with the parameter values in force today.</summary>
    public IReadOnlyList<string> Titles { get; private set; } = [];

    public IReadOnlyList<RuleSetVersion> History { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostNewDraftAsync(string program, CancellationToken ct)
    {
        if (!User.May(Permission.EditRuleDraft))
        {
            return Forbid();
        }

        try
        {
            var draft = await save.StartAsync(db, program, User.Identity!.Name!, ct);
            return Redirect($"/aturan/draf/{draft.Id}");
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            return await OnGetAsync(program, ct);
        }
    }

    public CompiledRuleSet? RuleSet { get; private set; }

    public IReadOnlyList<RuleTestResult> Tests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string program, CancellationToken ct)
    {
        // The version the engine uses today (the catalog's one ordering); before a program's first
        // version takes effect, that first version.
        Today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var published = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == program && v.Status == RuleSetCatalog.Published)
            .ToListAsync(ct);
        var version = RuleSetCatalog.InForceOn(published, Today) ?? RuleSetCatalog.Ordered(published).FirstOrDefault();
        if (version is null)
        {
            return NotFound();
        }

        Scheduled = RuleSetCatalog.ScheduledAfter(published, Today);
        RuleSet = catalog.Compile(version);
        try
        {
            Titles = RuleSet.TitlesOn(Today < version.EffectiveFrom ? version.EffectiveFrom : Today);
        }
        catch (RuleEvaluationException)
        {
            Titles = RuleSet.Document.Criteria.Select(c => c.Title).ToList();
        }

        History = await db.RuleSetVersions.AsNoTracking().Where(v => v.Program == program).OrderByDescending(v => v.Id).ToListAsync(ct);
        Tests = RuleSetTests.Run(RuleSet);
        return Page();
    }
}
