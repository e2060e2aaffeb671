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
    public static IQueryable<ScreeningResult> Of(SejahteraDbContext db, long runId) =>
        Own(db.ScreeningResults.Where(r => r.RunId == runId)).Concat(Carried(db, runId, db.ScreeningCarries.Where(c => c.RunId == runId)));

    /// <summary>The decisions of one household in a run (<see cref="Of(SejahteraDbContext, long)"/>), looked up by its id.</summary>
    public static IQueryable<ScreeningResult> Of(SejahteraDbContext db, long runId, long householdId) =>
        Own(db.ScreeningResults.Where(r => r.RunId == runId && r.HouseholdId == householdId))
            .Concat(Carried(db, runId, RangeOf(db, runId, householdId)).Where(r => r.HouseholdId == householdId));

    /// <summary>The finished runs that decided a household (wrote its decisions or carried them to it), newest first: runs of its period only.</summary>
    public static IQueryable<long> RunsOf(SejahteraDbContext db, long householdId)
    {
        var period = db.Households.Where(h => h.Id == householdId).Join(db.Snapshots, h => h.SnapshotId, s => s.Id, (h, s) => s.Period);
        return db.ScreeningRuns
            .Where(run => run.Status == ScreeningStatus.Done && period.Contains(run.Period)
                && (db.ScreeningResults.Any(r => r.RunId == run.Id && r.HouseholdId == householdId)
                    || db.ScreeningCarries.Where(c => c.RunId == run.Id && c.FirstHouseholdId <= householdId)
                        .OrderByDescending(c => c.FirstHouseholdId).Take(1).Any(c => c.LastHouseholdId >= householdId)))
            .Select(run => run.Id)
            .OrderByDescending(id => id);
    }

    /// <summary>The one range of a run that may hold a household: the last to start at or before it (one index seek; as in <see cref="RunsOf"/>).</summary>
    private static IQueryable<ScreeningCarry> RangeOf(SejahteraDbContext db, long runId, long householdId) =>
        db.ScreeningCarries.Where(c => c.RunId == runId && c.FirstHouseholdId <= householdId).OrderByDescending(c => c.FirstHouseholdId).Take(1);

    private static IQueryable<ScreeningResult> Own(IQueryable<ScreeningResult> rows) =>
        rows.AsNoTracking().Select(r => new ScreeningResult
        {
            Id = r.Id, RunId = r.RunId, HouseholdId = r.HouseholdId, KabupatenCode = r.KabupatenCode, Program = r.Program, Outcome = r.Outcome,
            Amount = r.Amount, PassedMask = r.PassedMask, SentenceValues = r.SentenceValues, CarriedFromRunId = r.CarriedFromRunId,
        });

    /// <summary>The rows the ranges point to, read as the run's: for its household in the run's period, and its programs only.</summary>
    private static IQueryable<ScreeningResult> Carried(SejahteraDbContext db, long runId, IQueryable<ScreeningCarry> ranges)
    {
        var rows = db.ScreeningResults.AsNoTracking().Where(r => db.ScreeningRuleSets.Any(u => u.RunId == runId && u.Program == r.Program));
        // Each range is read on the index of a run's decisions by household. SQLite does so for a plain join; PostgreSQL,
        // which cannot tell how few rows a range holds, hashed a whole run's decisions and tested every range against
        // each (minutes on the full registry) until a lateral join (the Take) made it read range by range.
        var pairs = db.Database.IsSqlite()
            ? ranges.AsNoTracking().SelectMany(c => rows, (c, r) => new { c, r })
                .Where(x => x.r.RunId == x.c.FromRunId && x.r.HouseholdId >= x.c.FirstHouseholdId - x.c.HouseholdOffset && x.r.HouseholdId <= x.c.LastHouseholdId - x.c.HouseholdOffset)
            : ranges.AsNoTracking().SelectMany(
                c => rows.Where(r => r.RunId == c.FromRunId && r.HouseholdId >= c.FirstHouseholdId - c.HouseholdOffset && r.HouseholdId <= c.LastHouseholdId - c.HouseholdOffset).Take(int.MaxValue),
                (c, r) => new { c, r });
        return pairs.Select(x => new ScreeningResult
        {
            Id = x.r.Id, RunId = runId, HouseholdId = x.r.HouseholdId + x.c.HouseholdOffset, KabupatenCode = x.r.KabupatenCode, Program = x.r.Program,
            Outcome = x.r.Outcome, Amount = x.r.Amount, PassedMask = x.r.PassedMask, SentenceValues = x.r.SentenceValues, CarriedFromRunId = (long?)x.c.FromRunId,
        });
    }
}
