using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Finds the runs a dead process left queued or running (heartbeat older than the threshold, not
/// executing in this process) and takes them over: they are queued again with a fresh heartbeat (so
/// that the next look does not pick them again before their job had its chance), and their ids are
/// returned for the host to queue their job again.
/// Queuing a run twice is harmless: <see cref="RunScreening"/> claims a run before it executes it, and
/// the run's transaction replaces whatever an earlier attempt wrote.
/// </summary>
public sealed class ResumeOrphanedScreenings(DatabaseSettings settings, ScreeningProgress progress, ScreeningLiveness liveness, TimeProvider time)
{
    public async Task<IReadOnlyList<long>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = settings.CreateContext();
        var now = time.GetUtcNow();
        // Few rows: only unfinished runs. Compared here because SQLite cannot compare DateTimeOffset in SQL.
        var unfinished = await db.ScreeningRuns.AsNoTracking()
            .Where(r => r.Status == ScreeningStatus.Queued || r.Status == ScreeningStatus.Running)
            .ToListAsync(ct);
        // A split run whose parts are not all finished is left to its parts: they are resumed, and the last one finishes it.
        var waitingForParts = unfinished.Where(r => r.ParentRunId is not null).Select(r => r.ParentRunId!.Value).ToHashSet();
        var orphaned = unfinished
            .Where(r => !liveness.IsLive(r, now) && progress.Of(r.Id) is null && !waitingForParts.Contains(r.Id))
            .Select(r => r.Id)
            .Order()
            .ToList();
        if (orphaned.Count > 0)
        {
            await db.ScreeningRuns.Where(r => orphaned.Contains(r.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ScreeningStatus.Queued).SetProperty(r => r.HeartbeatAt, now), ct);
        }

        return orphaned;
    }
}
