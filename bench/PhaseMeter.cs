using System.Diagnostics;

namespace Sejahtera.Bench;

/// <summary>What one measured phase cost.</summary>
internal sealed record PhaseMeasurement(TimeSpan Elapsed, long PeakWorkingSetBytes, long PeakManagedBytes)
{
    /// <summary>The working set when the phase started (after the collection): what the phase found, not what it took.</summary>
    public long StartWorkingSetBytes { get; init; }

    public double StartWorkingSetMb => StartWorkingSetBytes / (1024.0 * 1024.0);

    public double Seconds => Elapsed.TotalSeconds;

    public double PeakWorkingSetMb => PeakWorkingSetBytes / (1024.0 * 1024.0);

    public double PeakManagedMb => PeakManagedBytes / (1024.0 * 1024.0);
}

/// <summary>
/// Times one phase and samples memory every 100 ms while it runs. Process.PeakWorkingSet64 only ever
/// grows over the life of the process, so on its own it would charge a later phase with an earlier
/// phase's peak; the sampled maximum is the per-phase figure.
/// </summary>
internal sealed class PhaseMeter : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch stopwatch;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private readonly long startWorkingSet;
    private long peakWorkingSet;
    private long peakManaged;

    private PhaseMeter()
    {
        Sample();
        startWorkingSet = peakWorkingSet;
        stopwatch = Stopwatch.StartNew();
        timer = new Timer(_ => Sample(), null, SampleInterval, SampleInterval);
    }

    /// <summary>
    /// Starts a phase after a full, compacting collection that also returns the free memory to the OS
    /// (aggressive), so garbage and committed memory left by the previous phase (or by loading the
    /// registry) are neither counted against this one nor collected on its clock.
    /// </summary>
    public static PhaseMeter Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new PhaseMeter();
    }

    /// <summary>Time since the phase started, for marking points inside it.</summary>
    public TimeSpan Clock() => stopwatch.Elapsed;

    public PhaseMeasurement Stop()
    {
        stopwatch.Stop();
        timer.Dispose();
        Sample();
        lock (gate)
        {
            return new PhaseMeasurement(stopwatch.Elapsed, peakWorkingSet, peakManaged) { StartWorkingSetBytes = startWorkingSet };
        }
    }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        // Environment.WorkingSet reads the current value without allocating a Process object per tick.
        var workingSet = Environment.WorkingSet;
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        lock (gate)
        {
            peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
            peakManaged = Math.Max(peakManaged, managed);
        }
    }
}
