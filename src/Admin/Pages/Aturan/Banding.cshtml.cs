using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;

namespace Sejahtera.Admin.Pages.Aturan;

/// <summary>Any two versions of a program side by side: what changed in criteria, parameters and outcomes.</summary>
public sealed class BandingModel(SejahteraDbContext db, RuleSetCatalog catalog) : PageModel
{
    public string Program { get; private set; } = "";
    public IReadOnlyList<RuleSetVersion> Versions { get; private set; } = [];
    public RuleSetVersion? From { get; private set; }
    public RuleSetVersion? To { get; private set; }
    public RuleSetDiff? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(string program, long? dari, long? ke, CancellationToken ct)
    {
        Program = program;
        Versions = await db.RuleSetVersions.AsNoTracking().Where(v => v.Program == program).OrderBy(v => v.Id).ToListAsync(ct);
        if (Versions.Count == 0)
        {
            return NotFound();
        }

        From = Versions.FirstOrDefault(v => v.Id == dari) ?? Versions[0];
        To = Versions.FirstOrDefault(v => v.Id == ke) ?? Versions[^1];
        if (From.Status != RuleStatus.Draft && To.Status != RuleStatus.Draft)
        {
            Diff = CompareRuleSets.Compare(catalog.Compile(From).Document, catalog.Compile(To).Document);
        }

        return Page();
    }
}
