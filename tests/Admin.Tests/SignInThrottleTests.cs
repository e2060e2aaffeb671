using Microsoft.Extensions.Options;
using Sejahtera.Admin.Security;

namespace Sejahtera.Admin.Tests;

public sealed class SignInThrottleTests
{
    private const string Name = "OPERATOR.SIKKA";
    private const string Stranger = "203.0.113.7";
    private readonly SignInProtectionOptions limits = new();
    private readonly Clock clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_lock_ends_after_its_window_and_the_next_lock_is_no_longer()
    {
        var throttle = new SignInThrottle(Options.Create(limits), clock);

        FailUntilLocked(throttle);
        clock.Advance(limits.LockDuration - TimeSpan.FromSeconds(1));
        var lockedJustBefore = throttle.IsLocked(Name, Stranger);
        clock.Advance(TimeSpan.FromSeconds(1));
        var freeAfter = !throttle.IsLocked(Name, Stranger);
        FailUntilLocked(throttle);
        clock.Advance(limits.LockDuration);

        Assert.True(lockedJustBefore);
        Assert.True(freeAfter);
        Assert.False(throttle.IsLocked(Name, Stranger));
    }

    [Fact]
    public void Failures_spread_beyond_the_failure_memory_never_lock()
    {
        var throttle = new SignInThrottle(Options.Create(limits), clock);

        for (var i = 0; i < limits.FailuresBeforeLock * 3; i++)
        {
            Assert.False(throttle.Failed(Name, Stranger));
            clock.Advance(limits.FailureMemory + TimeSpan.FromSeconds(1));
        }

        Assert.False(throttle.IsLocked(Name, Stranger));
    }

    [Fact]
    public void A_lock_holds_only_for_the_address_that_caused_it()
    {
        var throttle = new SignInThrottle(Options.Create(limits), clock);

        FailUntilLocked(throttle);

        Assert.True(throttle.IsLocked(Name, Stranger));
        Assert.False(throttle.IsLocked(Name, "10.53.7.21"));
    }

    private void FailUntilLocked(SignInThrottle throttle)
    {
        for (var i = 1; i < limits.FailuresBeforeLock; i++)
        {
            Assert.False(throttle.Failed(Name, Stranger));
        }

        Assert.True(throttle.Failed(Name, Stranger));
    }

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
