using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>Runs a draft's own test cases; all passing makes it tested, any failing sends it back to validated.</summary>
public sealed class TestDraft(RuleSetCatalog catalog)
{
    public async Task<IReadOnlyList<RuleTestResult>> HandleAsync(SejahteraDbContext db, long draftId, CancellationToken ct = default)
    {
        var draft = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == draftId, ct)
            ?? throw new RuleLifecycleException($"Draf {draftId} tidak ditemukan.");
        if (!RuleStatus.IsEditable(draft.Status))
        {
            return RuleSetTests.Run(catalog.Compile(draft));
        }

        if (draft.Status == RuleStatus.Draft)
        {
            throw new RuleLifecycleException("Draf belum sah; perbaiki masalah validasinya dulu, lalu jalankan uji.");
        }

        IReadOnlyList<RuleTestResult> results;
        try
        {
            results = RuleSetTests.Run(catalog.Compile(draft));
        }
        catch (RuleSetException e)
        {
            throw new RuleLifecycleException("Draf tidak dapat dikompilasi: " + e.Message);
        }

        draft.Status = results.Count > 0 && results.All(r => r.Passed) ? RuleStatus.Tested : RuleStatus.Validated;
        await db.SaveChangesAsync(ct);
        return results;
    }
}
