using Hangfire;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Jobs;

/// <summary>
/// Resumes the screening runs a dead process left behind: at host start, and then every heartbeat
/// interval (a run killed moments before this host started becomes orphaned only once its heartbeat
/// is older than the threshold). Each orphaned run's job is queued again; without this, Hangfire
/// would retry it only when its invisibility timeout (30 minutes) ran out.
/// </summary>
internal sealed partial class ScreeningWatchdog(
    ResumeOrphanedScreenings resume, IBackgroundJobClient jobs, ScreeningLiveness liveness, TimeProvider time, ILogger<ScreeningWatchdog> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await LookOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(liveness.HeartbeatInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task LookOnceAsync(CancellationToken ct)
    {
        try
        {
            foreach (var runId in await resume.HandleAsync(ct))
            {
                jobs.Enqueue<ScreeningJob>(j => j.RunAsync(runId, CancellationToken.None));
                LogResumed(log, runId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may be busy (SQLite's write lock during a screening); the next look tries again.
            LogLookFailed(log, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Screening run {RunId} was orphaned (its heartbeat stopped); its job is queued again")]
    private static partial void LogResumed(ILogger logger, long runId);

    [LoggerMessage(LogLevel.Warning, "Looking for orphaned screening runs failed; trying again at the next heartbeat")]
    private static partial void LogLookFailed(ILogger logger, Exception e);
}
