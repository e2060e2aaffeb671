using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Aturan;

/// <summary>One row per program: the version the engine uses today (the catalog's ordering) and what is scheduled after it.</summary>
public sealed class IndexModel(SejahteraDbContext db, RuleSetCatalog catalog, TimeProvider time) : PageModel
{
    public sealed record Row(RuleSetVersion Version, int Criteria, int Tests, IReadOnlyList<RuleSetVersion> Scheduled);

    public IReadOnlyList<Row> RuleSets { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        RuleSets = (await RuleSetCatalog.ByProgramAsync(db, Today, ct)).Select(p =>
        {
            var d = catalog.Compile(p.Shown).Document;
            return new Row(p.Shown, d.Criteria.Count, d.Tests.Count, p.Scheduled);
        }).ToList();
    }
}
