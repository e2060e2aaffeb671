using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// When a screening run counts as alive. The process executing a run writes its heartbeat every
/// <see cref="HeartbeatInterval"/>; a queued or running run whose heartbeat (or, before its first
/// one, its creation) is older than <see cref="OrphanedAfter"/> was left behind by a process that
/// died, and is resumed (<see cref="ResumeOrphanedScreenings"/>). Read from
/// <c>Screening:HeartbeatSeconds</c> and <c>Screening:OrphanedAfterSeconds</c>.
/// </summary>
/// <remarks>
/// On SQLite the run's own transaction holds the database's single write lock, so heartbeats from
/// the run cannot be written while it stores its results; there, a run executing in this process
/// (<see cref="ScreeningProgress"/>) is always alive, whatever its heartbeat says.
/// </remarks>
public sealed record ScreeningLiveness(TimeSpan HeartbeatInterval, TimeSpan OrphanedAfter)
{
    public static readonly ScreeningLiveness Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    public static ScreeningLiveness From(IConfiguration configuration) => new(
        SecondsOr(configuration["Screening:HeartbeatSeconds"], Default.HeartbeatInterval),
        SecondsOr(configuration["Screening:OrphanedAfterSeconds"], Default.OrphanedAfter));

    /// <summary>Queued or running, with a heartbeat (or creation) within the threshold.</summary>
    public bool IsLive(ScreeningRun run, DateTimeOffset now) =>
        run.Status is ScreeningStatus.Queued or ScreeningStatus.Running
        && now - (run.HeartbeatAt ?? run.CreatedAt) < OrphanedAfter;

    private static TimeSpan SecondsOr(string? text, TimeSpan fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : fallback;
}

/// <summary>The states of a <see cref="ScreeningRun"/>.</summary>
public static class ScreeningStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
