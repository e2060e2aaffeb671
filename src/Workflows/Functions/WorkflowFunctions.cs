using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Workflows.Functions;

/// <summary>
/// The registry of named guards, entry actions and dates of a case (what a task's <c>due_from</c>
/// counts from). The host registers C# functions by name; a
/// definition refers to them by name only (never script in JSON). Names are kebab-case and
/// registered once.
/// </summary>
public sealed class WorkflowFunctions
{
    private readonly Dictionary<string, Func<WorkflowContext, GuardResult>> _guards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<WorkflowContext, CancellationToken, Task>> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<WorkflowContext, DateOnly?>> _dates = new(StringComparer.Ordinal);

    public IReadOnlySet<string> GuardNames => _guards.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> ActionNames => _actions.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> DateNames => _dates.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>A guard that passes or fails with a fixed reason (Indonesian, shown to the user).</summary>
    public WorkflowFunctions AddGuard(string name, Func<WorkflowContext, bool> predicate, string reasonWhenFailed)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentException.ThrowIfNullOrWhiteSpace(reasonWhenFailed);
        return AddGuard(name, context => predicate(context) ? GuardResult.Pass : GuardResult.Fail(reasonWhenFailed));
    }

    /// <summary>A guard that gives its own reason when it fails (for example naming the missing document).</summary>
    public WorkflowFunctions AddGuard(string name, Func<WorkflowContext, GuardResult> guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        CheckName(name, "guard");
        if (!_guards.TryAdd(name, guard))
        {
            throw new ArgumentException($"guard '{name}' sudah terdaftar", nameof(name));
        }

        return this;
    }

    public WorkflowFunctions AddAction(string name, Func<WorkflowContext, CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CheckName(name, "aksi");
        if (!_actions.TryAdd(name, action))
        {
            throw new ArgumentException($"aksi '{name}' sudah terdaftar", nameof(name));
        }

        return this;
    }

    public WorkflowFunctions AddAction(string name, Action<WorkflowContext> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AddAction(name, (context, _) =>
        {
            action(context);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A date of the case a task's SLA may count from (<c>"due_from": name</c>), for example the day a
    /// resident was terminated; null when the case has none yet (the SLA then counts from the transition).
    /// </summary>
    public WorkflowFunctions AddDate(string name, Func<WorkflowContext, DateOnly?> date)
    {
        ArgumentNullException.ThrowIfNull(date);
        CheckName(name, "tanggal");
        if (!_dates.TryAdd(name, date))
        {
            throw new ArgumentException($"tanggal '{name}' sudah terdaftar", nameof(name));
        }

        return this;
    }

    public bool HasGuard(string name) => _guards.ContainsKey(name);

    public bool HasAction(string name) => _actions.ContainsKey(name);

    public bool HasDate(string name) => _dates.ContainsKey(name);

    /// <summary>Evaluates a registered guard; throws when no guard has that name.</summary>
    public GuardResult EvaluateGuard(string name, WorkflowContext context) =>
        _guards.TryGetValue(name, out var guard)
            ? guard(context)
            : throw new KeyNotFoundException($"guard '{name}' tidak terdaftar");

    /// <summary>Evaluates a registered date; throws when no date has that name.</summary>
    internal DateOnly? EvaluateDate(string name, WorkflowContext context) =>
        _dates.TryGetValue(name, out var date)
            ? date(context)
            : throw new KeyNotFoundException($"tanggal '{name}' tidak terdaftar");

    /// <summary>
    /// Runs entry actions in order (the ones a <see cref="Running.TransitionResult"/> lists), within
    /// the host's transaction. Throws when an action is not registered, before running any.
    /// </summary>
    public async Task RunActionsAsync(IEnumerable<string> names, WorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var actions = names.Select(n => _actions.TryGetValue(n, out var a) ? a : throw new KeyNotFoundException($"aksi '{n}' tidak terdaftar")).ToList();
        foreach (var action in actions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await action(context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The names a definition may use with these functions and the given roles.</summary>
    public WorkflowVocabulary Vocabulary(IEnumerable<string> roles) =>
        new(GuardNames, ActionNames, roles.ToHashSet(StringComparer.Ordinal)) { Dates = DateNames };

    private static void CheckName(string name, string what)
    {
        if (!Naming.IsKebabCase(name))
        {
            throw new ArgumentException($"nama {what} '{name}' harus kebab-case", nameof(name));
        }
    }
}
