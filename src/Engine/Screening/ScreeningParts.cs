using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Whether a province-wide run is split into one part per kabupaten/kota (<see cref="ScreeningParts"/>).
/// Read from <c>Screening:SplitByKabupaten</c>; on by default on PostgreSQL, off on SQL Server, and
/// never on SQLite, whose single writer gains nothing from parts written at the same time.
/// </summary>
public sealed record ScreeningSplit(bool ByKabupaten)
{
    public static ScreeningSplit From(IConfiguration configuration, DatabaseProvider provider) =>
        new(provider != DatabaseProvider.Sqlite
            && (bool.TryParse(configuration["Screening:SplitByKabupaten"], out var on) ? on : provider == DatabaseProvider.Postgres));
}

/// <summary>Households done of the total, and parts done of all parts, of a split run.</summary>
public sealed record PartsProgress(long Done, long Total, int PartsDone, int Parts);

/// <summary>
/// Splits a province-wide screening run into parts, one per kabupaten/kota of the period that has
/// households, each an ordinary <see cref="ScreeningRun"/> with its <see cref="ScreeningRun.KabupatenCode"/>
/// and <see cref="ScreeningRun.ParentRunId"/>, queued as its own job. Any host sharing the database
/// (a web host or a <c>worker</c>) picks parts up; each part is claimed, heartbeated, retried and
/// resumed exactly like a run, and writes its decisions under its parent's id, so every reader of the
/// run stays as it is. The parent does no screening: the last part done finishes it, a part failed
/// after its retries fails it (<see cref="FinishScreeningRun"/>). Running a failed parent again
/// queues only the parts not done.
/// </summary>
public sealed class ScreeningParts(DatabaseSettings settings, RunScreening runner, ScreeningSplit split, ScreeningLiveness liveness, TimeProvider time)
{
    /// <summary>This process, as recorded on the runs it claims.</summary>
    public static readonly string ThisHost = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Null when the run is not split (its job screens it itself). Otherwise claims the parent, makes
    /// its parts on the first call, and returns the parts to queue: those not done (none when the
    /// parent is done or alive in another process).
    /// </summary>
    public async Task<IReadOnlyList<long>?> SplitAsync(long runId, CancellationToken ct = default)
    {
        await using var db = settings.CreateContext();
        var run = await db.ScreeningRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new ScreeningException($"Penyaringan {runId} tidak ditemukan.");
        if (run.ParentRunId is not null || run.KabupatenCode is not null)
        {
            return null;
        }

        // Split only a run that decides every household: an incremental one reads and decides little.
        var hasParts = await db.ScreeningRuns.AnyAsync(r => r.ParentRunId == runId, ct);
        if (!hasParts && (!split.ByKabupaten || (!run.RedecideAll && await CarryForward.HasBaseAsync(db, run, ct))))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (run.Status == ScreeningStatus.Done || (run.Status == ScreeningStatus.Running && liveness.IsLive(run, now)))
        {
            return [];
        }

        // One claim wins, however many jobs were queued for the parent.
        var claimed = await db.ScreeningRuns
            .Where(r => r.Id == runId && r.Status == run.Status && r.Attempts == run.Attempts)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ScreeningStatus.Running)
                .SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Attempts, run.Attempts + 1)
                .SetProperty(r => r.Host, ThisHost)
                .SetProperty(r => r.Error, (string?)null), ct);
        if (claimed != 1)
        {
            return [];
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!hasParts)
            {
                await MakePartsAsync(db, run, now, ct);
            }
            else
            {
                // Run again: the failed parts start over, with their retries.
                await db.ScreeningRuns.Where(r => r.ParentRunId == runId && r.Status == ScreeningStatus.Failed)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(r => r.Status, ScreeningStatus.Queued)
                        .SetProperty(r => r.Attempts, 0)
                        .SetProperty(r => r.HeartbeatAt, now)
                        .SetProperty(r => r.Error, (string?)null), ct);
            }

            await tx.CommitAsync(ct);
        }

        var open = await db.ScreeningRuns.Where(r => r.ParentRunId == runId && r.Status != ScreeningStatus.Done)
            .OrderBy(r => r.KabupatenCode).Select(r => r.Id).ToListAsync(ct);
        if (open.Count == 0)
        {
            // No households, or every part done before the parent could be finished: finish it now.
            await new FinishScreeningRun(settings, time).PartDoneAsync(runId, ct);
        }

        return open;
    }

    /// <summary>
    /// A split run's progress: the households of its parts done, and of its parts executing in this
    /// process as far as they got (a part executing on another host counts once it is done), of the
    /// period's households; and how many parts are done. Null for a run that is not split.
    /// </summary>
    public static async Task<PartsProgress?> ProgressAsync(SejahteraDbContext db, ScreeningProgress progress, ScreeningRun run, CancellationToken ct)
    {
        var parts = await db.ScreeningRuns.AsNoTracking().Where(r => r.ParentRunId == run.Id)
            .Select(r => new { r.Id, r.Status, r.Households }).ToListAsync(ct);
        if (parts.Count == 0)
        {
            return null;
        }

        var finished = parts.Where(p => p.Status == ScreeningStatus.Done).ToList();
        var done = finished.Sum(p => p.Households) + parts.Where(p => p.Status != ScreeningStatus.Done).Sum(p => progress.Of(p.Id)?.Done ?? 0);
        var total = run.Status == ScreeningStatus.Done
            ? run.Households
            : await db.Households.CountAsync(h => db.Snapshots.Any(s => s.Id == h.SnapshotId && s.Period == run.Period), ct);
        return new PartsProgress(done, total, finished.Count, parts.Count);
    }

    /// <summary>The parts of a run, in kabupaten/kota order.</summary>
    public static Task<List<ScreeningRun>> OfAsync(SejahteraDbContext db, long runId, CancellationToken ct) =>
        db.ScreeningRuns.AsNoTracking().Where(r => r.ParentRunId == runId).OrderBy(r => r.KabupatenCode).ToListAsync(ct);

    /// <summary>
    /// One part per kabupaten/kota with households in the period, and the parent's rule sets, written
    /// once here (not by each part). Whatever an earlier unsplit attempt of the parent wrote is removed.
    /// </summary>
    private async Task MakePartsAsync(SejahteraDbContext db, ScreeningRun run, DateTimeOffset now, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Period == run.Period, ct);
        var kabupaten = await db.Households.Where(h => h.SnapshotId == snapshot.Id)
            .Select(h => h.KabupatenCode).Distinct().OrderBy(k => k).ToListAsync(ct);
        var ruleSets = await runner.RuleSetsAsync(db, run, ct);
        await db.ScreeningResults.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        await db.ScreeningRuleSets.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        db.ScreeningRuleSets.AddRange(ruleSets.Select(r => new ScreeningRuleSet { RunId = run.Id, Program = r.Program, Version = r.Version, RuleSetHash = r.Hash }));
        db.ScreeningRuns.AddRange(kabupaten.Select(code => new ScreeningRun
        {
            Period = run.Period,
            Programs = run.Programs,
            AsOf = run.AsOf,
            KabupatenCode = code,
            ParentRunId = run.Id,
            Status = ScreeningStatus.Queued,
            RequestedBy = run.RequestedBy,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }
}
