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
/// (<see cref="ResumeOrphanedScreenings"/>).
/// </summary>
public sealed class ScreeningJob(RunScreening run)
{
    [AutomaticRetry(Attempts = 2)]
    public Task RunAsync(long runId, CancellationToken ct) => run.ContinueAsync(runId, ct);
}
