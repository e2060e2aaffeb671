using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>A household's decisions in a screening run, rendered from their compact form.</summary>
public sealed record HouseholdScreeningDecisions(long RunId, string Period, DateOnly AsOf, IReadOnlyList<ScreenedDecision> Decisions);

/// <summary>One stored decision (its result id, for replay) and the decision it renders to.</summary>
public sealed record ScreenedDecision(long ResultId, long? CarriedFromRunId, DecisionDocument Decision);

/// <summary>
/// The latest finished screening run that decided a household, with each program's decision rendered
/// on read: the household page and the API show it beside the live eligibility.
/// </summary>
public sealed class HouseholdScreening(ScreeningDecisions screening)
{
    /// <summary>Null when the household is outside <paramref name="scope"/> or no finished run decided it.</summary>
    public async Task<HouseholdScreeningDecisions?> LatestAsync(SejahteraDbContext db, RegionScope scope, long householdId, CancellationToken ct = default)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => new { h.IdDtks, h.KabupatenCode }).FirstOrDefaultAsync(ct);
        if (household is null || !scope.Allows(household.KabupatenCode))
        {
            return null;
        }

        var runId = await ScreeningRunResults.RunsOf(db, householdId).Select(id => (long?)id).FirstOrDefaultAsync(ct);
        if (runId is not { } id || await screening.ForRunAsync(db, id, ct) is not { } decisions)
        {
            return null;
        }

        var period = await db.ScreeningRuns.Where(r => r.Id == id).Select(r => r.Period).SingleAsync(ct);
        var rows = await ScreeningRunResults.Of(db, id, householdId).OrderBy(r => r.Program).ToListAsync(ct);
        return new HouseholdScreeningDecisions(id, period, decisions.AsOf, rows.Select(r => new ScreenedDecision(r.Id, r.CarriedFromRunId,
            DecisionDocument.From(decisions.Render(household.IdDtks, r.Program, r.Outcome, r.Amount, r.PassedMask, r.SentenceValues)))).ToList());
    }
}

/// <summary>
/// Replays a screening decision: the household's facts as the registry holds them for the run's
/// period, evaluated again with the exact rule-set version the run used, on the run's date, and
/// compared with the compact decision rendered on read.
/// </summary>
public sealed class ReplayScreeningDecision(ScreeningDecisions screening, RuleSetCatalog catalog)
{
    public async Task<ReplayResult?> HandleAsync(SejahteraDbContext db, long resultId, RegionScope scope, CancellationToken ct = default)
    {
        var stored = await db.ScreeningResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resultId, ct);
        if (stored is null || !scope.Allows(stored.KabupatenCode) || await screening.ForRunAsync(db, stored.RunId, ct) is not { } decisions)
        {
            return null;
        }

        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == stored.HouseholdId, ct);
        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == household.Id).ToListAsync(ct);
        var used = await db.ScreeningRuleSets.AsNoTracking().SingleAsync(r => r.RunId == stored.RunId && r.Program == stored.Program, ct);
        var ruleSet = (await catalog.ByHashAsync(db, used.RuleSetHash, ct))!;

        var original = DecisionDocument.From(decisions.Render(household.IdDtks, stored.Program, stored.Outcome, stored.Amount, stored.PassedMask, stored.SentenceValues), resultId);
        var again = DecisionDocument.From(ruleSet.Evaluate(HouseholdFacts.From(household, members), decisions.AsOf), resultId);
        var differences = ReplayDecision.Differences(original, again,
            !original.Findings.Select(Key).SequenceEqual(again.Findings.Select(Key)) || original.OutcomeBecause != again.OutcomeBecause);
        return new ReplayResult(resultId, differences.Count == 0, original, again, differences);
    }

    private static string Key(FindingDocument f) =>
        $"{f.Id}|{f.Title}|{f.Passed}|{f.Because}|{f.Ref}|{string.Join(";", f.Values.Select(v => v.Key + "=" + v.Value))}";
}
