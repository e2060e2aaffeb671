using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// A run's compact decisions made readable: each one rendered with the exact rule-set version the run
/// used for its program, on the run's date, into the decision (criteria, sentences, values) that
/// evaluation gave when the run was made.
/// </summary>
public sealed class ScreeningDecisions(RuleSetCatalog catalog)
{
    /// <summary>The reader of one run's decisions, or null when there is no such run.</summary>
    public async Task<RunDecisions?> ForRunAsync(SejahteraDbContext db, long runId, CancellationToken ct = default)
    {
        var run = await db.ScreeningRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Id, r.AsOf }).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        var ruleSets = new Dictionary<string, CompiledRuleSet>(StringComparer.Ordinal);
        foreach (var used in await db.ScreeningRuleSets.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(ct))
        {
            ruleSets[used.Program] = await catalog.ByHashAsync(db, used.RuleSetHash, ct)
                ?? throw new RuleEvaluationException($"Versi aturan {used.Program} {used.Version} ({used.RuleSetHash[..12]}) tidak ditemukan.");
        }

        return new RunDecisions(run.Id, run.AsOf, ruleSets);
    }
}

/// <summary>Renders the compact decisions of one run.</summary>
public sealed class RunDecisions(long runId, DateOnly asOf, IReadOnlyDictionary<string, CompiledRuleSet> ruleSets)
{
    /// <summary>What a decision in which every criterion held says instead of reasons.</summary>
    public const string AllCriteriaMet = "semua kriteria terpenuhi";

    public long RunId => runId;

    public DateOnly AsOf => asOf;

    public Decision Render(string subjectId, string program, string outcome, decimal? amount, long passedMask, byte[] values) =>
        RuleSet(program).Render(subjectId, asOf, outcome, amount, passedMask, values);

    /// <summary>The ids of the criteria that failed, as the lists show them.</summary>
    public string Failed(string program, long passedMask)
    {
        var ids = RuleSet(program).CriterionIds;
        return string.Join(", ", ids.Where((_, i) => (passedMask & (1L << i)) == 0));
    }

    /// <summary>The sentences of the criteria that failed, one after the other, or <see cref="AllCriteriaMet"/>.</summary>
    public string Reasons(Decision decision)
    {
        var failed = decision.Findings.Where(f => !f.Passed).Select(f => $"{f.Id}: {f.Because}").ToList();
        return failed.Count == 0 ? AllCriteriaMet : string.Join(" · ", failed);
    }

    /// <summary>The explanation as the eager path stored it: one line per criterion, ✓ or ✗, its id and its sentence.</summary>
    public static string Lines(Decision decision) =>
        string.Join('\n', decision.Findings.Select(f => $"{(f.Passed ? "✓" : "✗")} {f.Id}: {f.Because}"));

    private CompiledRuleSet RuleSet(string program) => ruleSets.TryGetValue(program, out var ruleSet)
        ? ruleSet
        : throw new RuleEvaluationException($"Penyaringan {runId} tidak mencatat versi aturan untuk {program}.");
}
