using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Persistence.Bulk;
using Sejahtera.Rules.Compilation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Screening;

public sealed record ScreeningSummary(long RunId, long Households, long Decisions, double Seconds,
    IReadOnlyDictionary<string, Dictionary<string, long>> Outcomes, IReadOnlyDictionary<string, decimal> Amounts);

/// <summary>
/// Evaluates every household of a period (or of one kabupaten/kota) with the chosen household rule
/// sets as a bounded pipeline: a reader streams households with their members in batches on one
/// connection, the deciders put each batch through the rule sets' pooled NRules sessions on every
/// core, and the writer bulk-writes the compact decisions (binary COPY, prepared batches or
/// SqlBulkCopy) on another connection while the next batches are read and decided. At most
/// <see cref="InFlight"/> batches wait between two stages, so memory stays flat whatever the
/// registry's size. All writes are one transaction. A retry of the same run replaces its results,
/// so a run never holds two decisions for one household and program. A run is claimed before it executes (one claim wins,
/// however many jobs were queued for it) and its heartbeat is written while it executes, so that a
/// run whose process died is seen as orphaned and resumed (<see cref="ResumeOrphanedScreenings"/>).
/// </summary>
public sealed class RunScreening(DatabaseSettings settings, RuleSetCatalog catalog, ScreeningProgress progress, ScreeningLiveness liveness, TimeProvider time)
{
    internal const int BatchSize = 8_192;

    /// <summary>Batches that may wait between two stages of the pipeline.</summary>
    private const int InFlight = 2;

    /// <summary>Households one decider puts through the rule sets at a time.</summary>
    private const int Chunk = 512;

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
        if (await ClaimAsync(runId, again, ct) is not { } claimed)
        {
            return null;
        }

        progress.Report(runId, 0, 0);
        using var stopBeating = new CancellationTokenSource();
        var heartbeat = BeatAsync(runId, claimed.ParentRunId, stopBeating.Token);
        try
        {
            await using var db = settings.CreateContext();
            var run = await db.ScreeningRuns.SingleAsync(r => r.Id == runId, ct);
            var summary = await ScreenAsync(db, run, ct);
            // Parts (ScreeningParts): the last one done finishes its parent.
            if (run.ParentRunId is { } parentId)
            {
                await new FinishScreeningRun(settings, time).PartDoneAsync(parentId, ct);
            }

            return summary with { Seconds = time.GetElapsedTime(started).TotalSeconds };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await MarkFailedAsync(runId, e.Message);
            if (claimed.ParentRunId is { } parentId)
            {
                await new FinishScreeningRun(settings, time).PartFailedAsync(runId, parentId, e.Message);
            }

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
    private async Task<ScreeningRun?> ClaimAsync(long runId, bool again, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        var run = await db.ScreeningRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new ScreeningException($"Penyaringan {runId} tidak ditemukan.");
        var now = time.GetUtcNow();
        if ((run.Status == ScreeningStatus.Done && !again)
            || progress.Of(runId) is not null
            || (run.Status == ScreeningStatus.Running && liveness.IsLive(run, now)))
        {
            return null;
        }

        var (status, attempts) = (run.Status, run.Attempts);
        var claimed = await db.ScreeningRuns
            .Where(r => r.Id == runId && r.Status == status && r.Attempts == attempts)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ScreeningStatus.Running)
                .SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.Attempts, attempts + 1)
                .SetProperty(r => r.Host, ScreeningParts.ThisHost)
                .SetProperty(r => r.Error, (string?)null), ct);
        return claimed == 1 ? run : null;
    }

    /// <summary>
    /// Writes the run's heartbeat every interval until stopped. A heartbeat that cannot be written
    /// (SQLite, while the run's transaction holds the write lock) is skipped; the next one tries again.
    /// </summary>
    private async Task BeatAsync(long runId, long? parentId, CancellationToken stop)
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
                    // A part keeps its parent alive too.
                    await db.ScreeningRuns.Where(r => (r.Id == runId || r.Id == parentId) && r.Status == ScreeningStatus.Running)
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

    private sealed record Batch(List<Registry.Household> Households, Fact.Household[] Facts)
    {
        /// <summary>Per rule set, the decision of each household in <see cref="Households"/> order.</summary>
        public CompactDecision[][]? Decisions { get; set; }
    }

    private async Task<ScreeningSummary> ScreenAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Period == run.Period, ct);
        var ruleSets = await RuleSetsAsync(db, run, ct);

        await using var reader = settings.CreateContext();

        // "+ 0" keeps the planner off the snapshot indexes: one period holds most rows, and a batch is
        // found by its id range (the primary key), not by scanning the period for every batch.
        var households = reader.Households.AsNoTracking().Where(h => h.SnapshotId + 0 == snapshot.Id);
        if (run.KabupatenCode is { } kab)
        {
            households = households.Where(h => h.KabupatenCode == kab);
        }

        var total = await households.CountAsync(ct);
        progress.Report(run.Id, 0, total);

        // Ids are reserved before the run's transaction, in a short one of their own (parts write at the same time).
        var nextId = await ResultIds.ReserveAsync(settings, total * ruleSets.Count, ct);

        // A part (ScreeningParts) writes under its parent's id, replaces only its own kabupaten's rows,
        // and leaves the rule sets to its parent (written when the parent was split).
        var target = run.ParentRunId ?? run.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var replaced = db.ScreeningResults.Where(r => r.RunId == target);
        await (run.ParentRunId is null ? replaced : replaced.Where(r => r.KabupatenCode == run.KabupatenCode)).ExecuteDeleteAsync(ct);
        if (run.ParentRunId is null)
        {
            await db.ScreeningRuleSets.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
            db.ScreeningRuleSets.AddRange(ruleSets.Select(r => new ScreeningRuleSet { RunId = run.Id, Program = r.Program, Version = r.Version, RuleSetHash = r.Hash }));
            await db.SaveChangesAsync(ct);
        }

        var bulk = BulkWriter.For(settings.Provider, db.Database.GetDbConnection(), tx.GetDbTransaction());

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = Channel.CreateBounded<Batch>(InFlight);
        var decided = Channel.CreateBounded<Batch>(InFlight);
        var reading = Task.Run(() => Stage(read.Writer, () => ReadAsync(reader, snapshot.Id, households, read.Writer, stop.Token)), stop.Token);
        var deciding = Task.Run(() => Stage(decided.Writer, () => DecideAsync(run, ruleSets, total, read.Reader, decided.Writer, stop.Token)), stop.Token);

        var outcomes = ruleSets.ToDictionary(r => r.Program, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        var byKabupaten = new Dictionary<string, Dictionary<string, Dictionary<string, long>>>(StringComparer.Ordinal);
        var amounts = ruleSets.ToDictionary(r => r.Program, _ => 0m);
        long processed = 0, decisions = 0;
        try
        {
            await using (var stream = await bulk.OpenAsync(ScreeningTables.Results, ct))
            {
                // One row object, filled again for each decision: the bulk stream copies its values out.
                var row = new ScreeningResult { RunId = target, KabupatenCode = "", Program = "", Outcome = "", SentenceValues = [] };
                await foreach (var batch in decided.Reader.ReadAllAsync(ct))
                {
                    for (var i = 0; i < batch.Households.Count; i++)
                    {
                        var household = batch.Households[i];
                        for (var r = 0; r < ruleSets.Count; r++)
                        {
                            var d = batch.Decisions![r][i];
                            row.Id = nextId++;
                            row.HouseholdId = household.Id;
                            row.KabupatenCode = household.KabupatenCode;
                            row.Program = ruleSets[r].Program;
                            row.Outcome = d.Outcome;
                            row.Amount = d.Amount;
                            row.PassedMask = d.PassedMask;
                            row.SentenceValues = d.Values;
                            await stream.WriteAsync(row, ct);
                            Count(outcomes[row.Program], d.Outcome);
                            Count(Kabupaten(byKabupaten, household.KabupatenCode, row.Program), d.Outcome);
                            amounts[row.Program] += d.Amount ?? 0;
                        }
                    }

                    processed += batch.Households.Count;
                    decisions += batch.Households.Count * ruleSets.Count;
                }

                await stream.CompleteAsync(ct);
            }

            await Task.WhenAll(reading, deciding);
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAll(reading, deciding).ContinueWith(_ => { }, CancellationToken.None);
            throw;
        }

        progress.Report(run.Id, processed, total);
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

    /// <summary>Runs one stage of the pipeline and closes its output, passing a failure on to the next stage.</summary>
    private static async Task Stage(ChannelWriter<Batch> output, Func<Task> body)
    {
        try
        {
            await body();
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    /// <summary>Streams the households in id order with their members, a batch at a time, as facts.</summary>
    private static async Task ReadAsync(SejahteraDbContext reader, long snapshotId, IQueryable<Registry.Household> households, ChannelWriter<Batch> output, CancellationToken ct)
    {
        long lastId = 0;
        while (true)
        {
            var batch = await households.Where(h => h.Id > lastId).OrderBy(h => h.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            var (min, max) = (batch[0].Id, batch[^1].Id);
            lastId = max;
            var members = (await reader.Members.AsNoTracking()
                    .Where(m => m.HouseholdId >= min && m.HouseholdId <= max && m.SnapshotId + 0 == snapshotId)
                    .ToListAsync(ct))
                .ToLookup(m => m.HouseholdId);
            var facts = new Fact.Household[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                facts[i] = HouseholdFacts.From(batch[i], members[batch[i].Id]);
            }

            await output.WriteAsync(new Batch(batch, facts), ct);
        }
    }

    /// <summary>Decides each batch on every core, a chunk of households per rule set at a time, reporting progress as chunks finish.</summary>
    private async Task DecideAsync(ScreeningRun run, IReadOnlyList<CompiledRuleSet> ruleSets, long total, ChannelReader<Batch> input, ChannelWriter<Batch> output, CancellationToken ct)
    {
        long evaluated = 0;
        await foreach (var batch in input.ReadAllAsync(ct))
        {
            var decisions = ruleSets.Select(_ => new CompactDecision[batch.Facts.Length]).ToArray();
            Parallel.ForEach(Partitioner.Create(0, batch.Facts.Length, Chunk), new ParallelOptions { CancellationToken = ct }, range =>
            {
                var count = range.Item2 - range.Item1;
                for (var r = 0; r < ruleSets.Count; r++)
                {
                    ruleSets[r].CaptureAll(batch.Facts, range.Item1, count, run.AsOf, decisions[r].AsSpan(range.Item1, count), ct);
                }

                // Progress while a batch is decided, not only after it: a batch may be the whole registry of a small office.
                var done = Interlocked.Add(ref evaluated, count);
                if (done / ProgressEvery != (done - count) / ProgressEvery)
                {
                    progress.Report(run.Id, done, total);
                }
            });

            batch.Decisions = decisions;
            await output.WriteAsync(batch, ct);
        }
    }

    internal async Task<List<CompiledRuleSet>> RuleSetsAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct)
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
