using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Pages.Penyaringan;

public sealed class RunModel(SejahteraDbContext db, ScreeningProgress progress) : PageModel
{
    public sealed record RunCounts(
        [property: JsonPropertyName("outcomes")] Dictionary<string, Dictionary<string, long>> Outcomes,
        [property: JsonPropertyName("amounts")] Dictionary<string, decimal> Amounts,
        [property: JsonPropertyName("by_kabupaten")] Dictionary<string, Dictionary<string, Dictionary<string, long>>> ByKabupaten);

    public ScreeningRun? Run { get; private set; }
    public RunCounts? Counts { get; private set; }
    public (long Done, long Total)? Progress { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Run = await db.ScreeningRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Run is null)
        {
            return NotFound();
        }

        Progress = progress.Of(id);
        Counts = Run.CountsJson is null ? null : JsonSerializer.Deserialize<RunCounts>(Run.CountsJson);
        return Page();
    }
}
