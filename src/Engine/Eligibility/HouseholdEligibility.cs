using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Eligibility;

public sealed record ProgramEligibility(
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("decision")] DecisionDocument? Decision,
    [property: JsonPropertyName("problem")] string? Problem);

/// <summary>
/// Every household program (rule sets whose subject is Household) for one registry household, as of
/// a date, with the explanation of each. Nothing is stored: this is a look, not a decision of record.
/// </summary>
public sealed class HouseholdEligibility(RuleSetCatalog catalog)
{
    public async Task<IReadOnlyList<ProgramEligibility>?> HandleAsync(
        SejahteraDbContext db, RegionScope scope, long householdId, DateOnly asOf, CancellationToken ct = default)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null || !scope.Allows(household.KabupatenCode))
        {
            return null;
        }

        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == householdId)
            .OrderBy(m => m.Relation).ThenBy(m => m.LineNumber).ToListAsync(ct);
        var fact = HouseholdFacts.From(household, members);

        var programs = (await RuleSetCatalog.PublishedAsync(db, ct))
            .Where(v => v.Subject == "Household")
            .GroupBy(v => v.Program)
            .Select(g => (Program: g.Key, g.First().Title))
            .ToList();

        var results = new List<ProgramEligibility>();
        foreach (var (program, title) in programs)
        {
            try
            {
                var ruleSet = await catalog.InForceAsync(db, program, asOf, ct);
                results.Add(new ProgramEligibility(program, ruleSet.Document.Title, DecisionDocument.From(ruleSet.Evaluate(fact, asOf)), null));
            }
            catch (RuleEvaluationException e)
            {
                results.Add(new ProgramEligibility(program, title, null, e.Message));
            }
        }

        return results;
    }
}
