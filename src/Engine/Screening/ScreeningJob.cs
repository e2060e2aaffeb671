using Hangfire;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// The Hangfire job of a screening run. Safe to retry and to queue twice: the job first claims its
/// run (<see cref="RunScreening.ContinueAsync"/>), so a run that is done or alive in another process
/// is left alone, and a run replaces its own results in one transaction, so a retried or re-queued
/// job never leaves two decisions for a household and program. Two executions of one run at once are
/// also stopped by the unique (run, household, program) index, so no distributed lock is taken (the
/// SQLite storage's locks proved unreliable under load). A job that Hangfire fetches again after its
/// worker died (its invisibility timeout, 30 minutes) finds the run resumed and done long before
/// (<see cref="ResumeOrphanedScreenings"/>). A province-wide run that is split
/// (<see cref="ScreeningParts"/>) queues one job per part instead, which any host sharing the
/// database may execute; a part that fails is retried alone.
/// </summary>
public sealed class ScreeningJob(RunScreening run, ScreeningParts parts, IBackgroundJobClient jobs)
{
    /// <summary>How often a failed run (or part) is tried again before it stays failed.</summary>
    public const int Retries = 2;

    [AutomaticRetry(Attempts = Retries)]
    public async Task RunAsync(long runId, CancellationToken ct)
    {
        if (await parts.SplitAsync(runId, ct) is { } queued)
        {
            foreach (var part in queued)
            {
                jobs.Enqueue<ScreeningJob>(j => j.RunAsync(part, CancellationToken.None));
            }

            return;
        }

        await run.ContinueAsync(runId, ct);
    }
}
