using System.Collections.Concurrent;

namespace Sejahtera.Admin.Security;

/// <summary>
/// One draft test or dry run at a time per user: each holds a core for up to its time budget, so a
/// second one started while the first still runs (another tab, a double click, a script) is refused
/// instead of queued. Public only because page models take it in their constructors.
/// </summary>
public sealed class RuleRunGate
{
    private readonly ConcurrentDictionary<string, byte> running = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A lease to dispose when the run ends, or null when the user already has one running.</summary>
    public IDisposable? TryEnter(string user) => running.TryAdd(user, 0) ? new Lease(this, user) : null;

    public bool IsRunning(string user) => running.ContainsKey(user);

    private sealed class Lease(RuleRunGate gate, string user) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.running.TryRemove(user, out _);
            }
        }
    }
}
