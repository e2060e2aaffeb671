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

public sealed class ProgramModel(SejahteraDbContext db, RuleSetCatalog catalog, SaveDraft save) : PageModel
{
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
        var version = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == program && v.Status == RuleSetCatalog.Published)
            .OrderByDescending(v => v.EffectiveFrom)
            .FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return NotFound();
        }

        RuleSet = catalog.Compile(version);
        History = await db.RuleSetVersions.AsNoTracking().Where(v => v.Program == program).OrderByDescending(v => v.Id).ToListAsync(ct);
        Tests = RuleSetTests.Run(RuleSet);
        return Page();
    }
}
