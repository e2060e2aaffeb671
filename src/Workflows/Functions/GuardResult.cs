namespace Sejahtera.Workflows.Functions;

/// <summary>A guard's answer: passed, or failed with a human reason in Indonesian.</summary>
public sealed record GuardResult
{
    private GuardResult(bool passed, string? reason)
    {
        Passed = passed;
        Reason = reason;
    }

    public bool Passed { get; }

    /// <summary>Why the guard failed; null when it passed.</summary>
    public string? Reason { get; }

    public static GuardResult Pass { get; } = new(true, null);

    public static GuardResult Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new GuardResult(false, reason);
    }
}
