namespace Sejahtera.Workflows.Running;

/// <summary>
/// Who asks for a transition: a user id, the roles they hold, and their region code (BPS style,
/// e.g. "53.71"); a null region means province-wide.
/// </summary>
public sealed record Actor
{
    public Actor(string userId, IEnumerable<string> roles, string? region = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(roles);
        UserId = userId;
        Roles = roles.ToHashSet(StringComparer.Ordinal);
        Region = region;
    }

    public string UserId { get; }

    public IReadOnlySet<string> Roles { get; }

    public string? Region { get; }

    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>
    /// Whether this actor works in the case's region: province-wide actors everywhere, others in
    /// their own region and the regions under it ("53.71" covers "53.71.02").
    /// </summary>
    public bool Covers(string? caseRegion) =>
        Region is null || caseRegion is null || caseRegion == Region || caseRegion.StartsWith(Region + ".", StringComparison.Ordinal);

    public bool Equals(Actor? other) =>
        other is not null && UserId == other.UserId && Region == other.Region && Roles.SetEquals(other.Roles);

    public override int GetHashCode() => HashCode.Combine(UserId, Region);

    public override string ToString() => $"{UserId} [{string.Join(", ", Roles.Order(StringComparer.Ordinal))}]";
}
