using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Persistence.Bulk;
using Sejahtera.Rules.Compilation;

namespace Sejahtera.Engine.Screening;

public sealed record ScreeningSummary(long RunId, long Households, long Decisions, double Seconds,
    IReadOnlyDictionary<string, Dictionary<string, long>> Outcomes, IReadOnlyDictionary<string, decimal> Amounts);

/// <summary>
/// Evaluates every household of a period (or of one kabupaten/kota) with the chosen household rule
/// sets: households read in batches on one connection, evaluated in parallel with the compiled rule
/// sets (reused NRules sessions), decisions with their explanations streamed in bulk on another,
/// all in one transaction. A retry of the same run replaces its results, so a run never holds two
/// decisions for one household and program. A run is claimed before it executes (one claim wins,
/// however many jobs were queued for it) and its heartbeat is written while it executes, so that a
/// run whose process died is seen as orphaned and resumed (<see cref="ResumeOrphanedScreenings"/>).
/// </summary>
public sealed class RunScreening(DatabaseSettings settings, RuleSetCatalog catalog, ScreeningProgress progress, ScreeningLiveness liveness, TimeProvider time)
{
    internal const int BatchSize = 20_000;

    /// <summary>How many households between two progress reports within a batch.</summary>
    private const int ProgressEvery = 250;

    /// <summary>Runs the run (again, if it ran before); refused while it is alive elsewhere.</summary>
    public async Task<ScreeningSummary> HandleAsync(long runId, CancellationToken ct = default) =>
        await ExecuteAsync(runId, again: true, ct)
        ?? throw new ScreeningException($"Penyaringan {runId} sedang berjalan di proses lain.");

    /// <summary>
    /// The background job's way in: runs the run unless it is done already or alive elsewhere (a
    /// duplicate or late job for it), in which case nothing happens and null is returned.
    /// </summary>
    public Task<ScreeningSummary?> ContinueAsync(long runId, CancellationToken ct = default) => ExecuteAsync(runId, again: false, ct);

    private async Task<ScreeningSummary?> ExecuteAsync(long runId, bool again, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        if (!await ClaimAsync(runId, again, ct))
        {
            return null;
        }

        progress.Report(runId, 0, 0);
        using var stopBeating = new CancellationTokenSource();
        var heartbeat = BeatAsync(runId, stopBeating.Token);
        try
        {
            await using var db = settings.CreateContext();
            var run = await db.ScreeningRuns.SingleAsync(r => r.Id == runId, ct);
            var summary = await ScreenAsync(db, run, ct);
            return summary with { Seconds = time.GetElapsedTime(started).TotalSeconds };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await MarkFailedAsync(runId, e.Message);
            throw;
        }
        finally
        {
            await stopBeating.CancelAsync();
            await heartbeat;
            progress.Finish(runId);
        }
    }

    /// <summary>
    /// Marks the run running for this process, unless it is done (and not to be run again) or alive
    /// in another process. Two claims of one run at once: the attempt counter lets only one win.
    /// </summary>
    private async Task<bool> ClaimAsync(long runId, bool again, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        var run = await db.ScreeningRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new ScreeningException($"Penyaringan {runId} tidak ditemukan.");
        var now = time.GetUtcNow();
        if ((run.Status == ScreeningStatus.Done && !again)
            || progress.Of(runId) is not null
            || (run.Status == ScreeningStatus.Running && liveness.IsLive(run, now)))
        {
            return false;
        }

        var (status, attempts) = (run.Status, run.Attempts);
        var claimed = await db.ScreeningRuns
            .Where(r => r.Id == runId && r.Status == status && r.Attempts == attempts)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ScreeningStatus.Running)
                .SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.Attempts, attempts + 1)
                .SetProperty(r => r.Error, (string?)null), ct);
        return claimed == 1;
    }

    /// <summary>
    /// Writes the run's heartbeat every interval until stopped. A heartbeat that cannot be written
    /// (SQLite, while the run's transaction holds the write lock) is skipped; the next one tries again.
    /// </summary>
    private async Task BeatAsync(long runId, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(liveness.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var db = settings.CreateContext();
                    db.Database.SetCommandTimeout(TimeSpan.FromSeconds(Math.Max(1, liveness.HeartbeatInterval.TotalSeconds / 2)));
                    await db.ScreeningRuns.Where(r => r.Id == runId && r.Status == ScreeningStatus.Running)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, time.GetUtcNow()), stop);
                }
                catch (System.Data.Common.DbException)
                {
                    // Busy: tried again at the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the run ended.
        }
    }

    private async Task<ScreeningSummary> ScreenAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Period == run.Period, ct);
        var ruleSets = await RuleSetsAsync(db, run, ct);

        await using var reader = settings.CreateContext();
        var households = reader.Households.AsNoTracking().Where(h => h.SnapshotId == snapshot.Id);
        if (run.KabupatenCode is { } kab)
        {
            households = households.Where(h => h.KabupatenCode == kab);
        }

        var total = await households.CountAsync(ct);
        progress.Report(run.Id, 0, total);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ScreeningResults.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        var nextId = (await db.ScreeningResults.MaxAsync(r => (long?)r.Id, ct) ?? 0) + 1;
        var bulk = BulkWriter.For(settings.Provider, db.Database.GetDbConnection(), tx.GetDbTransaction());

        var outcomes = ruleSets.ToDictionary(r => r.Program, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        var byKabupaten = new Dictionary<string, Dictionary<string, Dictionary<string, long>>>(StringComparer.Ordinal);
        var amounts = ruleSets.ToDictionary(r => r.Program, _ => 0m);
        long processed = 0, decisions = 0, lastId = 0, evaluated = 0;
        await using (var stream = await bulk.OpenAsync(ScreeningTables.Results, ct))
        {
            while (true)
            {
                var batch = await households.Where(h => h.Id > lastId).OrderBy(h => h.Id).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                var (min, max) = (batch[0].Id, batch[^1].Id);
                lastId = max;
                var members = (await reader.Members.AsNoTracking()
                        .Where(m => m.SnapshotId == snapshot.Id && m.HouseholdId >= min && m.HouseholdId <= max)
                        .ToListAsync(ct))
                    .ToLookup(m => m.HouseholdId);

                var results = new ScreeningResult[batch.Count * ruleSets.Count];
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var household = batch[i];
                    var fact = HouseholdFacts.From(household, members[household.Id]);
                    for (var r = 0; r < ruleSets.Count; r++)
                    {
                        results[(i * ruleSets.Count) + r] = ToResult(run.Id, household, ruleSets[r].Evaluate(fact, run.AsOf));
                    }

                    // Progress while a batch is evaluated, not only after it: a batch may be the whole registry of a small office.
                    if (Interlocked.Increment(ref evaluated) % ProgressEvery == 0)
                    {
                        progress.Report(run.Id, Interlocked.Read(ref evaluated), total);
                    }
                });

                foreach (var result in results)
                {
                    result.Id = nextId++;
                    await stream.WriteAsync(result, ct);
                    Count(outcomes[result.Program], result.Outcome);
                    Count(Kabupaten(byKabupaten, result.KabupatenCode, result.Program), result.Outcome);
                    amounts[result.Program] += result.Amount ?? 0;
                }

                processed += batch.Count;
                decisions += results.Length;
                progress.Report(run.Id, processed, total);
            }

            await stream.CompleteAsync(ct);
        }

        run.Status = ScreeningStatus.Done;
        run.FinishedAt = time.GetUtcNow();
        run.HeartbeatAt = run.FinishedAt;
        run.Households = processed;
        run.Decisions = decisions;
        run.CountsJson = JsonSerializer.Serialize(new { outcomes, amounts, by_kabupaten = byKabupaten });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ScreeningSummary(run.Id, processed, decisions, 0, outcomes, amounts);
    }

    private async Task<List<CompiledRuleSet>> RuleSetsAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct)
    {
        var programs = run.Programs == StartScreening.All
            ? await StartScreening.HouseholdProgramsAsync(db, ct)
            : run.Programs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var ruleSets = new List<CompiledRuleSet>();
        foreach (var program in programs)
        {
            ruleSets.Add(await catalog.InForceAsync(db, program, run.AsOf, ct));
        }

        return ruleSets;
    }

    private static ScreeningResult ToResult(long runId, Registry.Household household, Rules.Evaluation.Decision d) => new()
    {
        RunId = runId,
        HouseholdId = household.Id,
        KabupatenCode = household.KabupatenCode,
        Program = d.Program,
        Outcome = d.Outcome,
        Amount = d.Amount,
        RuleSetHash = d.RuleSetHash,
        Failed = string.Join(',', d.Failed.Select(f => f.Id)),
        Explanation = string.Join('\n', d.Findings.Select(f => $"{(f.Passed ? "✓" : "✗")} {f.Id}: {f.Because}")),
    };

    private static void Count(Dictionary<string, long> counts, string outcome) =>
        counts[outcome] = counts.GetValueOrDefault(outcome) + 1;

    private static Dictionary<string, long> Kabupaten(Dictionary<string, Dictionary<string, Dictionary<string, long>>> all, string kabupaten, string program)
    {
        if (!all.TryGetValue(kabupaten, out var programs))
        {
            all[kabupaten] = programs = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        }

        if (!programs.TryGetValue(program, out var counts))
        {
            programs[program] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        return counts;
    }

    private async Task MarkFailedAsync(long runId, string error)
    {
        await using var db = settings.CreateContext();
        await db.ScreeningRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ScreeningStatus.Failed)
            .SetProperty(r => r.Error, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(r => r.FinishedAt, time.GetUtcNow()));
    }
}
