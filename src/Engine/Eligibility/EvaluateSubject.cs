using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// Decides one subject (sent as JSON) with the program's rule set in force on the as-of date, and
/// stores the decision with the subject as evaluated, so it can be replayed later.
/// </summary>
public sealed class EvaluateSubject(RuleSetCatalog catalog, TimeProvider time)
{
    public async Task<DecisionDocument> HandleAsync(
        SejahteraDbContext db, string program, string subjectJson, DateOnly asOf, string? decidedBy, CancellationToken ct = default)
    {
        var ruleSet = await catalog.InForceAsync(db, program, asOf, ct);
        var subject = SubjectJson.Read(subjectJson, ruleSet.SubjectType);
        if (string.IsNullOrWhiteSpace(subject.Id))
        {
            throw new RuleEvaluationException("Subjek harus memiliki Id.");
        }

        var decision = ruleSet.Evaluate(subject, asOf);
        var stored = await StoreAsync(db, decision, subject, householdId: null, decidedBy, time.GetUtcNow(), ct);
        return DecisionDocument.From(decision, stored.Id);
    }

    internal static async Task<StoredDecision> StoreAsync(
        SejahteraDbContext db, Decision decision, Rules.Facts.IFact subject, long? householdId, string? decidedBy, DateTimeOffset at, CancellationToken ct)
    {
        var stored = Stored(decision, subject, householdId, decidedBy, at);
        db.Decisions.Add(stored);
        await db.SaveChangesAsync(ct);
        return stored;
    }

    /// <summary>The row a decision is stored as, with the subject as evaluated (for callers that save many at once).</summary>
    internal static StoredDecision Stored(Decision decision, Rules.Facts.IFact subject, long? householdId, string? decidedBy, DateTimeOffset at) =>
        new()
        {
            Program = decision.Program,
            SubjectType = decision.SubjectType,
            SubjectId = decision.SubjectId,
            HouseholdId = householdId,
            Outcome = decision.Outcome,
            Amount = decision.Amount,
            RuleSetVersion = decision.RuleSetVersion,
            RuleSetHash = decision.RuleSetHash,
            AsOf = decision.AsOf,
            SubjectJson = SubjectJson.Write(subject),
            FindingsJson = DecisionDocument.FindingsJson(decision),
            DecidedAt = at,
            DecidedBy = decidedBy,
        };
}
