using Hangfire;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// The Hangfire job of a screening run. Safe to retry: a run replaces its own results in one
/// transaction, so a retried or re-queued job never leaves two decisions for a household and program;
/// two executions of one run at once are stopped by the unique (run, household, program) index, so no
/// distributed lock is taken (the SQLite storage's locks proved unreliable under load).
/// </summary>
public sealed class ScreeningJob(RunScreening run)
{
    [AutomaticRetry(Attempts = 2)]
    public Task RunAsync(long runId, CancellationToken ct) => run.HandleAsync(runId, ct);
}
