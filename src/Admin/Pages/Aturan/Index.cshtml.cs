using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Aturan;

public sealed class IndexModel(SejahteraDbContext db, RuleSetCatalog catalog) : PageModel
{
    public sealed record Row(RuleSetVersion Version, int Criteria, int Tests);

    public IReadOnlyList<Row> RuleSets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var versions = await RuleSetCatalog.PublishedAsync(db, ct);
        RuleSets = versions.Select(v =>
        {
            var d = catalog.Compile(v).Document;
            return new Row(v, d.Criteria.Count, d.Tests.Count);
        }).ToList();
    }
}
