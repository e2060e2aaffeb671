using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>
/// Runs a draft's own test cases; all passing makes it tested, any failing sends it back to validated.
/// The run has the <see cref="RuleRunBudget.Tests"/> time budget and stops when the request does.
/// </summary>
public sealed class TestDraft(RuleSetCatalog catalog, TimeProvider time, RuleRunBudget budget)
{
    public async Task<IReadOnlyList<RuleTestResult>> HandleAsync(SejahteraDbContext db, long draftId, CancellationToken ct = default)
    {
        var draft = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == draftId, ct)
            ?? throw new RuleLifecycleException($"Draf {draftId} tidak ditemukan.");
        if (!RuleStatus.IsEditable(draft.Status))
        {
            return Run(catalog.Compile(draft), ct);
        }

        if (draft.Status == RuleStatus.Draft)
        {
            throw new RuleLifecycleException("Draf belum sah; perbaiki masalah validasinya dulu, lalu jalankan uji.");
        }

        IReadOnlyList<RuleTestResult> results;
        try
        {
            results = Run(catalog.Compile(draft), ct);
        }
        catch (RuleSetException e)
        {
            throw new RuleLifecycleException("Draf tidak dapat dikompilasi: " + e.Message);
        }
        catch (RuleLifecycleException)
        {
            // Out of time: whatever was tested before no longer counts.
            draft.Status = RuleStatus.Validated;
            await db.SaveChangesAsync(ct);
            throw;
        }

        draft.Status = results.Count > 0 && results.All(r => r.Passed) ? RuleStatus.Tested : RuleStatus.Validated;
        await db.SaveChangesAsync(ct);
        return results;
    }

    private IReadOnlyList<RuleTestResult> Run(Rules.Compilation.CompiledRuleSet ruleSet, CancellationToken ct) =>
        RuleRunBudget.Run(budget.Tests, time, "Uji draf", token => RuleSetTests.Run(ruleSet, token), ct);
}
