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

/// <summary>What a run did; <see cref="CarriedDecisions"/> of its decisions were carried forward, the rest made again.</summary>
public sealed record ScreeningSummary(long RunId, long Households, long Decisions, double Seconds,
    IReadOnlyDictionary<string, Dictionary<string, long>> Outcomes, IReadOnlyDictionary<string, decimal> Amounts, long CarriedDecisions)
{
    /// <summary>Where the run's time went, phase by phase, in seconds (plan, copy, counts, each pass, commit).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Phases { get; init; } = [];
}

/// <summary>
/// Evaluates every household of a period (or of one kabupaten/kota) with the chosen household rule
/// sets as a bounded pipeline: a reader streams households with their members in batches on one
/// connection, the deciders put each batch through the rule sets' pooled NRules sessions on every
/// core, and the writer bulk-writes the compact decisions (binary COPY, prepared batches or
/// SqlBulkCopy) on another connection while the next batches are read and decided. At most
/// <see cref="InFlight"/> batches wait between two stages, so memory stays flat whatever the
/// registry's size. Unless asked to decide every household again, a run is incremental: what did
/// not change since an earlier run is carried forward (<see cref="CarryForward"/>) and only the rest is
/// read and decided. All writes are one transaction. A retry of the same run replaces its results,
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

    private sealed record Batch(HouseholdBatch Read)
    {
        /// <summary>Per rule set, the decision of each household in <see cref="HouseholdBatch.Households"/> order.</summary>
        public CompactDecision[][]? Decisions { get; set; }
    }

    /// <summary>What a run counts as it writes: per program and outcome, per kabupaten/kota too, and the amounts.</summary>
    private sealed class Tally(IReadOnlyList<CompiledRuleSet> ruleSets)
    {
        public Dictionary<string, Dictionary<string, long>> Outcomes { get; } = ruleSets.ToDictionary(r => r.Program, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        public Dictionary<string, Dictionary<string, Dictionary<string, long>>> ByKabupaten { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, decimal> Amounts { get; } = ruleSets.ToDictionary(r => r.Program, _ => 0m);
        public long Decisions { get; set; }
        public long Evaluated;

        public void Add(string kabupaten, string program, string outcome, decimal? amount, long count)
        {
            Count(Outcomes[program], outcome, count);
            Count(Kabupaten(kabupaten, program), outcome, count);
            Amounts[program] += (amount ?? 0) * count;
            Decisions += count;
        }

        /// <summary>
        /// Adds a finished run's counts (as it stored them) of <paramref name="programs"/>; false, adding
        /// nothing, when they cannot be read (a run from before counts were kept per kabupaten/kota).
        /// </summary>
        public bool TryAddCounts(string countsJson, IReadOnlyList<string> programs)
        {
            JsonElement byKabupaten, amounts;
            try
            {
                using var json = JsonDocument.Parse(countsJson);
                if (!json.RootElement.TryGetProperty("by_kabupaten", out byKabupaten) || !json.RootElement.TryGetProperty("amounts", out amounts))
                {
                    return false;
                }

                byKabupaten = byKabupaten.Clone();
                amounts = amounts.Clone();
            }
            catch (JsonException)
            {
                return false;
            }

            foreach (var kabupaten in byKabupaten.EnumerateObject())
            {
                foreach (var program in kabupaten.Value.EnumerateObject().Where(p => programs.Contains(p.Name)))
                {
                    foreach (var outcome in program.Value.EnumerateObject())
                    {
                        Add(kabupaten.Name, program.Name, outcome.Name, null, outcome.Value.GetInt64());
                    }
                }
            }

            foreach (var program in amounts.EnumerateObject().Where(p => programs.Contains(p.Name)))
            {
                Amounts[program.Name] += program.Value.GetDecimal();
            }

            return true;
        }

        /// <summary>Leaves out the counts that came to zero (after the decisions not carried were taken off), as a run that decided them all would.</summary>
        public void Prune()
        {
            foreach (var counts in Outcomes.Values.Concat(ByKabupaten.Values.SelectMany(p => p.Values)))
            {
                foreach (var outcome in counts.Where(c => c.Value == 0).Select(c => c.Key).ToList())
                {
                    counts.Remove(outcome);
                }
            }

            foreach (var (kabupaten, programs) in ByKabupaten.ToList())
            {
                foreach (var program in programs.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList())
                {
                    programs.Remove(program);
                }

                if (programs.Count == 0)
                {
                    ByKabupaten.Remove(kabupaten);
                }
            }
        }

        private static void Count(Dictionary<string, long> counts, string outcome, long count) =>
            counts[outcome] = counts.GetValueOrDefault(outcome) + count;

        private Dictionary<string, long> Kabupaten(string kabupaten, string program)
        {
            if (!ByKabupaten.TryGetValue(kabupaten, out var programs))
            {
                ByKabupaten[kabupaten] = programs = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            }

            if (!programs.TryGetValue(program, out var counts))
            {
                programs[program] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            return counts;
        }
    }

    private async Task<ScreeningSummary> ScreenAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct)
    {
        var phases = new List<KeyValuePair<string, double>>();
        var phaseStarted = time.GetTimestamp();
        void Phase(string name)
        {
            phases.Add(new(name, time.GetElapsedTime(phaseStarted).TotalSeconds));
            phaseStarted = time.GetTimestamp();
        }

        var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Period == run.Period, ct);
        var ruleSets = await RuleSetsAsync(db, run, ct);
        var plan = await new CarryForward(settings).PlanAsync(run, snapshot.Id, ruleSets, Phase, ct);
        Phase("plan-write");

        await using var reader = settings.CreateContext();
        var scope = HouseholdBatches.Of(reader, snapshot.Id);
        if (run.KabupatenCode is { } kab)
        {
            scope = scope.Where(h => h.KabupatenCode == kab);
        }

        // Households with nothing carried (changed since the base run, or new) are decided by every rule
        // set; those carried, by the rule sets whose decisions could not be carried.
        var redecided = plan.Redecided;
        var passes = new List<(IQueryable<Registry.Household> Households, IReadOnlyList<long>? Ids, IReadOnlyList<CompiledRuleSet> RuleSets)>
        {
            plan.Any ? (scope, redecided, ruleSets) : (scope, null, ruleSets),
        };
        if (plan.Any && ruleSets.Where(r => !plan.Programs.Contains(r.Program)).ToList() is { Count: > 0 } others)
        {
            passes.Add((scope, plan.Carried, others));
        }

        // How many households each pass reads: known from the plan when there is one.
        var counts = new List<long> { plan.Any ? redecided.Count : await scope.CountAsync(ct) };
        if (passes.Count > 1)
        {
            counts.Add(plan.Households);
        }

        var total = counts.Sum();
        progress.Report(run.Id, 0, total);
        Phase("count");

        // Ids are reserved before the run's transaction, in a short one of their own (parts write at the same time).
        var nextId = await ResultIds.ReserveAsync(settings, total * ruleSets.Count, ct);
        var copiedIds = plan.Any && !plan.ByReference ? await ResultIds.ReserveAsync(settings, plan.IdSpan, ct) : 0;

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

        Phase("prepare");
        var bulk = BulkWriter.For(settings.Provider, db.Database.GetDbConnection(), tx.GetDbTransaction());

        var tally = new Tally(ruleSets);
        long carriedDecisions = 0;
        if (plan.Any)
        {
            if (!plan.ByReference)
            {
                await CarryForward.CopyAsync(db, run.Id, plan, copiedIds, ct);
                Phase("copy");
            }

            if (plan.Dropped is { } && plan.Base?.CountsJson is { } baseCounts && tally.TryAddCounts(baseCounts, plan.Programs))
            {
                foreach (var c in await CarryForward.DroppedCountsAsync(db, plan, ct))
                {
                    tally.Add(c.Kabupaten, c.Program, c.Outcome, c.Amount, -c.Count);
                }

                tally.Prune();
            }
            else
            {
                var carriedRows = plan.ByReference ? ScreeningRunResults.Of(db, run.Id) : db.ScreeningResults.Where(r => r.RunId == run.Id);
                foreach (var c in await CarryForward.CountsAsync(carriedRows, carriedOnly: true, ct))
                {
                    tally.Add(c.Kabupaten, c.Program, c.Outcome, c.Amount, c.Count);
                }
            }

            carriedDecisions = tally.Decisions;
            Phase("carried-counts");
        }

        for (var p = 0; p < passes.Count; p++)
        {
            if (counts[p] > 0)
            {
                nextId = await WriteAsync(bulk, reader, snapshot.Id, run, target, passes[p].Households, passes[p].Ids, passes[p].RuleSets, total, tally, nextId, ct);
                Phase($"pass-{p + 1}");
            }
        }

        if (!plan.ByReference)
        {
            await db.ScreeningCarries.Where(c => c.RunId == run.Id).ExecuteDeleteAsync(ct);
        }

        var households = counts[0] + plan.Households;
        progress.Report(run.Id, total, total);
        run.Status = ScreeningStatus.Done;
        run.FinishedAt = time.GetUtcNow();
        run.HeartbeatAt = run.FinishedAt;
        run.Households = households;
        run.Decisions = tally.Decisions;
        run.BaseRunId = plan.Any ? plan.Base!.Id : null;
        run.CarriedDecisions = carriedDecisions;
        run.CountsJson = JsonSerializer.Serialize(new { outcomes = tally.Outcomes, amounts = tally.Amounts, by_kabupaten = tally.ByKabupaten });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Phase("commit");
        return new ScreeningSummary(run.Id, households, tally.Decisions, 0, tally.Outcomes, tally.Amounts, carriedDecisions) { Phases = phases };
    }

    /// <summary>
    /// One pass of the pipeline: reads <paramref name="households"/> (those of <paramref name="ids"/> only, when given), decides them by
    /// <paramref name="ruleSets"/> and writes the decisions with ids from <paramref name="nextId"/> on;
    /// returns the next free id.
    /// </summary>
    private async Task<long> WriteAsync(
        BulkWriter bulk, SejahteraDbContext reader, long snapshotId, ScreeningRun run, long target, IQueryable<Registry.Household> households,
        IReadOnlyList<long>? ids, IReadOnlyList<CompiledRuleSet> ruleSets, long total, Tally tally, long nextId, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = Channel.CreateBounded<Batch>(InFlight);
        var decided = Channel.CreateBounded<Batch>(InFlight);
        var reading = Task.Run(() => Stage(read.Writer, async () =>
        {
            var batches = ids is null
                ? HouseholdBatches.ReadAsync(reader, snapshotId, households, BatchSize, stop.Token)
                : HouseholdBatches.ReadAsync(reader, snapshotId, households, ids, BatchSize, stop.Token);
            await foreach (var batch in batches)
            {
                await read.Writer.WriteAsync(new Batch(batch), stop.Token);
            }
        }), stop.Token);
        var deciding = Task.Run(() => Stage(decided.Writer, () => DecideAsync(run, ruleSets, total, tally, read.Reader, decided.Writer, stop.Token)), stop.Token);
        try
        {
            await using (var stream = await bulk.OpenAsync(ScreeningTables.Results, ct))
            {
                // One row object, filled again for each decision: the bulk stream copies its values out.
                var row = new ScreeningResult { RunId = target, KabupatenCode = "", Program = "", Outcome = "", SentenceValues = [] };
                await foreach (var batch in decided.Reader.ReadAllAsync(ct))
                {
                    for (var i = 0; i < batch.Read.Households.Count; i++)
                    {
                        var household = batch.Read.Households[i];
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
                            tally.Add(household.KabupatenCode, row.Program, d.Outcome, d.Amount, 1);
                        }
                    }
                }

                await stream.CompleteAsync(ct);
            }

            await Task.WhenAll(reading, deciding);
            return nextId;
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAll(reading, deciding).ContinueWith(_ => { }, CancellationToken.None);
            throw;
        }
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

    /// <summary>Decides each batch on every core, a chunk of households per rule set at a time, reporting progress as chunks finish.</summary>
    private async Task DecideAsync(ScreeningRun run, IReadOnlyList<CompiledRuleSet> ruleSets, long total, Tally tally, ChannelReader<Batch> input, ChannelWriter<Batch> output, CancellationToken ct)
    {
        await foreach (var batch in input.ReadAllAsync(ct))
        {
            var facts = batch.Read.Facts;
            var decisions = ruleSets.Select(_ => new CompactDecision[facts.Length]).ToArray();
            Parallel.ForEach(Partitioner.Create(0, facts.Length, Chunk), new ParallelOptions { CancellationToken = ct }, range =>
            {
                var count = range.Item2 - range.Item1;
                for (var r = 0; r < ruleSets.Count; r++)
                {
                    ruleSets[r].CaptureAll(facts, range.Item1, count, run.AsOf, decisions[r].AsSpan(range.Item1, count), ct);
                }

                // Progress while a batch is decided, not only after it: a batch may be the whole registry of a small office.
                var done = Interlocked.Add(ref tally.Evaluated, count);
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

    private async Task MarkFailedAsync(long runId, string error)
    {
        await using var db = settings.CreateContext();
        await db.ScreeningRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ScreeningStatus.Failed)
            .SetProperty(r => r.Error, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(r => r.FinishedAt, time.GetUtcNow()));
    }
}
