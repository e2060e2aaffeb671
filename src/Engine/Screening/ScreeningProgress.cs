using System.Collections.Concurrent;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Progress of the runs executing in this process. Kept in memory because a run writes inside one
/// transaction until it commits; the pages poll this while a run is going.
/// </summary>
public sealed class ScreeningProgress
{
    private readonly ConcurrentDictionary<long, (long Done, long Total)> runs = new();

    /// <summary>Households done of the total; a report older than one already made (evaluations report in parallel) never moves progress back.</summary>
    public void Report(long runId, long done, long total) =>
        runs.AddOrUpdate(runId, (done, total), (_, old) => old.Total == total && old.Done > done ? old : (done, total));

    public void Finish(long runId) => runs.TryRemove(runId, out _);

    public (long Done, long Total)? Of(long runId) => runs.TryGetValue(runId, out var p) ? p : null;
}
