using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Eligibility;

public sealed record ReplayResult(long DecisionId, bool Identical, DecisionDocument Stored, DecisionDocument Replayed, IReadOnlyList<string> Differences);

/// <summary>
/// Re-evaluates a stored decision from its stored subject with the exact rule-set version it was
/// made with (by content hash, whatever has been published since) and compares the results.
/// </summary>
public sealed class ReplayDecision(RuleSetCatalog catalog)
{
    /// <summary>
    /// The replay, or null when there is no such decision in <paramref name="scope"/> (out of scope
    /// answers like missing); whoever made a decision may always replay it.
    /// </summary>
    public async Task<ReplayResult?> HandleAsync(SejahteraDbContext db, long decisionId, RegionScope scope, string? userId, CancellationToken ct = default)
    {
        var stored = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (stored is null || (stored.DecidedBy != userId && !scope.Allows(await KabupatenOfAsync(db, stored, ct))))
        {
            return null;
        }

        var ruleSet = await catalog.ByHashAsync(db, stored.RuleSetHash, ct)
            ?? throw new RuleEvaluationException($"Versi aturan {stored.Program} {stored.RuleSetVersion} ({stored.RuleSetHash[..12]}) tidak ditemukan.");
        var replayed = ruleSet.Evaluate(SubjectJson.Read(stored.SubjectJson, ruleSet.SubjectType), stored.AsOf);

        var original = new DecisionDocument(stored.Id, stored.Program, stored.SubjectType, stored.SubjectId, stored.Outcome, stored.Amount,
            stored.RuleSetVersion, stored.RuleSetHash, stored.AsOf, DecisionDocument.ReadFindings(stored.FindingsJson));
        var again = DecisionDocument.From(replayed, stored.Id);

        var differences = Differences(original, again, stored.FindingsJson != DecisionDocument.FindingsJson(replayed));
        return new ReplayResult(stored.Id, differences.Count == 0, original, again, differences);
    }

    /// <summary>What differs between a stored decision and its replay, in words: outcome, amount, explanation.</summary>
    internal static List<string> Differences(DecisionDocument original, DecisionDocument again, bool explanationDiffers)
    {
        var differences = new List<string>();
        if (original.Outcome != again.Outcome)
        {
            differences.Add($"hasil: {original.Outcome} → {again.Outcome}");
        }

        if (original.Amount != again.Amount)
        {
            differences.Add($"jumlah: {AmountText(original.Amount)} → {AmountText(again.Amount)}");
        }

        if (explanationDiffers)
        {
            differences.Add("penjelasan kriteria berbeda");
        }

        return differences;
    }

    /// <summary>An amount as people read it (Rp 1.250.000), or that there is none.</summary>
    internal static string AmountText(decimal? amount) => amount is { } a ? Indonesian.Money(a) : "tanpa jumlah";

    /// <summary>
    /// Where the decided subject lives: its registry household, or the proposal it screened. A subject
    /// sent as JSON belongs to no region, so only province-wide users may replay it.
    /// </summary>
    private static async Task<string> KabupatenOfAsync(SejahteraDbContext db, StoredDecision stored, CancellationToken ct) =>
        stored.HouseholdId is { } household
            ? await db.Households.Where(h => h.Id == household).Select(h => h.KabupatenCode).FirstOrDefaultAsync(ct) ?? ""
            : await db.Proposals.Where(p => p.LastDecisionId == stored.Id).Select(p => p.KabupatenCode).FirstOrDefaultAsync(ct) ?? "";
}
