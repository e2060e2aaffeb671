using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Every decision of a run, whatever way it was kept: the rows the run wrote, and the decisions it
/// carried forward by reference (<see cref="ScreeningCarry"/>): the rows of the run that made them,
/// read as this run's, for its household in this run's period and for this run's programs only.
/// The one way to read a run's decisions.
/// </summary>
public static class ScreeningRunResults
{
    public static IQueryable<ScreeningResult> Of(SejahteraDbContext db, long runId)
    {
        var own = db.ScreeningResults.AsNoTracking()
            .Where(r => r.RunId == runId)
            .Select(r => new ScreeningResult
            {
                Id = r.Id, RunId = r.RunId, HouseholdId = r.HouseholdId, KabupatenCode = r.KabupatenCode, Program = r.Program, Outcome = r.Outcome,
                Amount = r.Amount, PassedMask = r.PassedMask, SentenceValues = r.SentenceValues, CarriedFromRunId = r.CarriedFromRunId,
            });
        var carried =
            from c in db.ScreeningCarries.AsNoTracking()
            where c.RunId == runId
            join r in db.ScreeningResults.AsNoTracking() on new { RunId = c.FromRunId, HouseholdId = c.FromHouseholdId } equals new { r.RunId, r.HouseholdId }
            where db.ScreeningRuleSets.Any(u => u.RunId == runId && u.Program == r.Program)
            select new ScreeningResult
            {
                Id = r.Id, RunId = runId, HouseholdId = c.HouseholdId, KabupatenCode = r.KabupatenCode, Program = r.Program, Outcome = r.Outcome,
                Amount = r.Amount, PassedMask = r.PassedMask, SentenceValues = r.SentenceValues, CarriedFromRunId = (long?)c.FromRunId,
            };
        return own.Concat(carried);
    }

    /// <summary>The finished runs that decided a household (wrote its decisions or carried them to it), newest first.</summary>
    public static IQueryable<long> RunsOf(SejahteraDbContext db, long householdId) =>
        db.ScreeningResults.Where(r => r.HouseholdId == householdId).Select(r => r.RunId)
            .Concat(db.ScreeningCarries.Where(c => c.HouseholdId == householdId).Select(c => c.RunId))
            .Join(db.ScreeningRuns.Where(run => run.Status == ScreeningStatus.Done), id => id, run => run.Id, (id, run) => run.Id)
            .OrderByDescending(id => id);
}
