using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Admin.Pages.Aturan;

public sealed class ProgramModel(SejahteraDbContext db, RuleSetCatalog catalog) : PageModel
{
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
        Tests = RuleSetTests.Run(RuleSet);
        return Page();
    }
}
