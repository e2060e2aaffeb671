using Hangfire;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// The Hangfire job of a screening run. Safe to retry: a run replaces its own results in one
/// transaction, so a retried or re-queued job never leaves two decisions for a household and program.
/// </summary>
public sealed class ScreeningJob(RunScreening run)
{
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(long runId, CancellationToken ct) => run.HandleAsync(runId, ct);
}
