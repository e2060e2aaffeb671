namespace Sejahtera.Workflows.Running;

/// <summary>
/// Four-eyes rules, as a definition declares them (<c>four_eyes</c>): a trigger may not be fired by an
/// actor who fired one of some earlier triggers on the same case (e.g. nobody approves what they submitted or verified).
/// Immutable; <see cref="Forbid"/> returns a new policy.
/// </summary>
public sealed class FourEyesPolicy
{
    private readonly Dictionary<string, HashSet<string>> _rules;

    private FourEyesPolicy(Dictionary<string, HashSet<string>> rules) => _rules = rules;

    public static FourEyesPolicy None { get; } = new(new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));

    /// <summary>Triggers that have a rule, each with the earlier triggers that bar an actor from firing it.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Rules =>
        _rules.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal);

    /// <summary>A policy where whoever fired any of <paramref name="earlierTriggers"/> on a case may not fire <paramref name="trigger"/> on it.</summary>
    public FourEyesPolicy Forbid(string trigger, params string[] earlierTriggers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        ArgumentNullException.ThrowIfNull(earlierTriggers);
        if (earlierTriggers.Length == 0)
        {
            throw new ArgumentException("minimal satu transisi sebelumnya", nameof(earlierTriggers));
        }

        var rules = _rules.ToDictionary(r => r.Key, r => new HashSet<string>(r.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        if (!rules.TryGetValue(trigger, out var set))
        {
            rules[trigger] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(earlierTriggers);
        return new FourEyesPolicy(rules);
    }

    public bool Covers(string trigger) => _rules.ContainsKey(trigger);

    /// <summary>The violation in Indonesian, or null when the actor may fire the trigger.</summary>
    public string? Check(string trigger, string actorId, IEnumerable<CaseHistoryEntry> history, Func<string, string>? label = null)
    {
        label ??= static t => t;
        ArgumentNullException.ThrowIfNull(history);
        if (!_rules.TryGetValue(trigger, out var barred))
        {
            return null;
        }

        var earlier = history
            .Where(h => h.ActorId == actorId && barred.Contains(h.Trigger))
            .Select(h => $"'{label(h.Trigger)}'")
            .Distinct()
            .ToList();
        return earlier.Count == 0
            ? null
            : $"prinsip empat mata: pengguna '{actorId}' sudah menjalankan {string.Join(", ", earlier)} pada kasus ini, jadi tidak boleh menjalankan '{label(trigger)}'";
    }
}
