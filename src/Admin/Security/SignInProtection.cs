using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Security;

/// <summary>Limits of sign-in (configuration section <c>Security:SignIn</c>); README "Security" explains the design.</summary>
internal sealed class SignInProtectionOptions
{
    public const string Section = "Security:SignIn";

    /// <summary>Sign-in attempts one client address may make per <see cref="AddressWindow"/>; the next is answered 429.</summary>
    public int PermitsPerAddress { get; set; } = 30;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failed attempts for one user name from one address before that pair is locked.</summary>
    public int FailuresBeforeLock { get; set; } = 10;

    /// <summary>How long a locked name and address pair stays locked; always the same, it never grows.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures older than this are forgotten, so occasional typos never add up to a lock.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Marks an endpoint that checks a password, so the per-address rate limit applies to it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class SignInEndpointAttribute : Attribute;

internal enum SignInOutcome
{
    SignedIn,
    Refused,
    Locked,
}

/// <summary>
/// Failed sign-ins counted per (user name as typed, client address), not per account: a stranger
/// who guesses wrong locks only their own address out of that name, never the colleague signing in
/// from elsewhere. Locks are short and of fixed length. Because the key is the name as typed,
/// an unknown name locks exactly like a real one, so the answers never tell which names exist.
/// Kept in memory: a restart forgets the counts (the per-address rate limit still bounds guessing).
/// </summary>
internal sealed class SignInThrottle(IOptions<SignInProtectionOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(string Name, string Address), Entry> entries = new();
    private readonly SignInProtectionOptions limits = options.Value;

    public bool IsLocked(string normalizedName, string address)
    {
        if (!entries.TryGetValue((normalizedName, address), out var entry))
        {
            return false;
        }

        lock (entry)
        {
            return entry.LockedUntil > time.GetUtcNow();
        }
    }

    /// <summary>Counts a failure; true when this failure locked the pair.</summary>
    public bool Failed(string normalizedName, string address)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var entry = entries.GetOrAdd((normalizedName, address), _ => new Entry());
        lock (entry)
        {
            if (entry.LockedUntil > now)
            {
                return false;
            }

            if (now - entry.LastFailure > limits.FailureMemory)
            {
                entry.Failures = 0;
            }

            entry.Failures++;
            entry.LastFailure = now;
            if (entry.Failures < limits.FailuresBeforeLock)
            {
                return false;
            }

            entry.Failures = 0;
            entry.LockedUntil = now + limits.LockDuration;
            return true;
        }
    }

    public void Succeeded(string normalizedName, string address) => entries.TryRemove((normalizedName, address), out _);

    private void Prune(DateTimeOffset now)
    {
        if (entries.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, entry) in entries)
        {
            lock (entry)
            {
                if (entry.LockedUntil <= now && now - entry.LastFailure > limits.FailureMemory)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }
}

/// <summary>
/// One password check for the sign-in page (and any future API sign-in): the throttle first, then
/// the password. An unknown name costs the same password hashing as a known one, and an account
/// an admin disabled answers like a wrong password, so neither the answer nor its time tells
/// whether a name exists.
/// </summary>
internal sealed class SignInGuard(SignInManager<AppUser> signIn, SignInThrottle throttle)
{
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public async Task<SignInOutcome> AttemptAsync(string userName, string password, IPAddress? address)
    {
        var name = signIn.UserManager.NormalizeName(userName.Trim()) ?? "";
        var from = address?.ToString() ?? "";
        if (throttle.IsLocked(name, from))
        {
            return SignInOutcome.Locked;
        }

        var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
        }
        else if ((await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false)).Succeeded)
        {
            throttle.Succeeded(name, from);
            return SignInOutcome.SignedIn;
        }

        return throttle.Failed(name, from) ? SignInOutcome.Locked : SignInOutcome.Refused;
    }
}
