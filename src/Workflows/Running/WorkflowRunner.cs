using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Diagram;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Tasks;
using Stateless;
using Stateless.Graph;

namespace Sejahtera.Workflows.Running;

/// <summary>
/// Runs one workflow definition on Stateless with external state: the caller holds the state of a
/// case (e.g. a proposal row), asks for a transition, and gets a decision it then stores in one
/// transaction with the log entry, the entry actions and the new task. The runner itself keeps no
/// case state and never reads the clock, so one runner serves every case of its definition and
/// version, from any thread.
/// </summary>
public sealed class WorkflowRunner
{
    /// <summary>A runner of <paramref name="definition"/>, its four-eyes rules included; every guard, action and date it names must be registered in <paramref name="functions"/>.</summary>
    public WorkflowRunner(WorkflowDefinition definition, WorkflowFunctions functions, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(calendar);
        var missing = definition.States.SelectMany(s => s.Transitions).SelectMany(t => t.Guards)
            .Where(g => !functions.HasGuard(g)).Select(g => $"guard '{g}'")
            .Concat(definition.States.SelectMany(s => s.OnEnter).Where(a => !functions.HasAction(a)).Select(a => $"aksi '{a}'"))
            .Concat(definition.States.Select(s => s.Task?.DueFrom).OfType<string>().Where(d => !functions.HasDate(d)).Select(d => $"tanggal '{d}'"))
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"definisi {definition} memakai nama yang tidak terdaftar: {string.Join(", ", missing)}", nameof(functions));
        }

        Definition = definition;
        Functions = functions;
        Calendar = calendar;
    }

    public WorkflowDefinition Definition { get; }

    public WorkflowFunctions Functions { get; }

    public WorkCalendar Calendar { get; }

    /// <summary>
    /// A new case: the initial state, its entry actions and its task (if the initial state has one).
    /// <paramref name="subject"/> and <paramref name="actor"/> are what a date function sees when the
    /// task counts its due date from a date of the case (<c>due_from</c>); the actor defaults to the system.
    /// </summary>
    public WorkflowStart Start(DateTimeOffset at, string? region = null, object? subject = null, Actor? actor = null)
    {
        var initial = Definition.GetState(Definition.Initial);
        var task = TaskFor(initial, at, region, () => new WorkflowContext(null, actor ?? SystemActor, "", "", initial.Name, null, at, subject));
        return new WorkflowStart(initial.Name, initial.OnEnter, task);
    }

    /// <summary>Who starts a case when the caller names no one: the date functions of <see cref="Start"/> see this actor.</summary>
    private static readonly Actor SystemActor = new("sistem", []);

    /// <summary>
    /// Decides whether <paramref name="actor"/> may fire <paramref name="trigger"/> on the case now.
    /// Refused (state unchanged) when the trigger is unknown in the current state, the actor lacks
    /// the role or the region, a required reason is empty, four-eyes is violated, or a guard fails;
    /// every failing check is reported.
    /// </summary>
    public TransitionResult Decide(WorkflowCase workflowCase, Actor actor, string trigger, string? reason, DateTimeOffset at) =>
        Decide(workflowCase, actor, trigger, reason, at, happened: null);

    /// <summary>
    /// Decides the transition that waits, in the case's current state, for the outside event
    /// <paramref name="eventName"/> (see <see cref="EventMeanings"/>), fired on behalf of
    /// <paramref name="actor"/> (who reported it). Refused when the current state waits for no such event.
    /// </summary>
    public TransitionResult DecideEvent(WorkflowCase workflowCase, Actor actor, string eventName, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(workflowCase);
        var transition = Definition.FindState(workflowCase.State)?.Transitions.FirstOrDefault(t => t.Event == eventName);
        return transition is null
            ? Refused(workflowCase.State, eventName, new Refusal(RefusalKind.UnknownTrigger,
                $"tahap '{Definition.StateLabel(workflowCase.State)}' tidak menunggu {EventMeanings.Label(eventName)}"))
            : Decide(workflowCase, actor, transition.Trigger, reason, at, happened: eventName);
    }

    /// <summary>
    /// Whether the actor's roles let them act on a case of this definition at all, before anything else is looked at
    /// (the state the case has reached meanwhile, the request's version, its reason, the guards): with a
    /// <paramref name="trigger"/> the definition has, the roles of its transitions that users fire; otherwise the roles
    /// of any transition users fire. Null when they may (whether they may in the current state is the runner's
    /// question, so a stale page still learns that someone acted first); otherwise the refusal naming who may.
    /// </summary>
    public Refusal? RoleRefusal(string? trigger, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var manual = Definition.States
            .SelectMany(s => s.Transitions.Where(t => t.Event is null).Select(t => (State: s, Transition: t)))
            .ToList();
        var asked = manual.Where(m => m.Transition.Trigger == trigger).ToList();
        var candidates = asked.Count > 0 ? asked : manual;
        var roles = candidates.Select(c => MachineBuilder.EffectiveRoles(c.State, c.Transition)).ToList();
        if (roles.Count == 0 || roles.Any(r => r.Count == 0 || actor.HasAnyRole(r)))
        {
            return null;
        }

        var who = string.Join(", ", roles.SelectMany(r => r).Distinct().Select(Definition.RoleLabel));
        var what = asked.Count == 0 ? "bertindak pada kasus ini" : $"menjalankan '{Definition.TriggerLabel(trigger!)}'";
        var mine = actor.Roles.Count == 0 ? "tidak ada" : string.Join(", ", actor.Roles.Order(StringComparer.Ordinal)
            .Select(r => Definition.RoleLabels.GetValueOrDefault(r) ?? Defaults.WorkflowRoles.Label(r)));
        return new Refusal(RefusalKind.RoleNotAllowed, $"peran Anda ({mine}) tidak boleh {what}; yang boleh: {who}");
    }

    private TransitionResult Decide(WorkflowCase workflowCase, Actor actor, string trigger, string? reason, DateTimeOffset at, string? happened)
    {
        ArgumentNullException.ThrowIfNull(workflowCase);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(trigger);
        var from = workflowCase.State;
        var state = Definition.FindState(from);
        if (state is null)
        {
            return Refused(from, trigger, new Refusal(RefusalKind.UnknownState, $"state '{from}' tidak ada di definisi {Definition}"));
        }

        if (state.FindTransition(trigger) is null)
        {
            var detail = state.Transitions.Count == 0
                ? $"tahap '{Definition.StateLabel(from)}' adalah tahap akhir; tidak ada tindakan lagi"
                : $"tindakan '{trigger}' tidak tersedia pada tahap '{Definition.StateLabel(from)}' (yang tersedia: {string.Join(", ", state.Transitions.Select(t => $"{t.Label ?? t.Trigger} ({t.Trigger})"))})";
            return Refused(from, trigger, new Refusal(RefusalKind.UnknownTrigger, detail));
        }

        var evaluation = new Evaluation(this, workflowCase, actor, reason, at, checkReason: true, happened);
        var current = from;
        var entered = new List<string>();
        var machine = MachineBuilder.Build(Definition, () => current, s => current = s, evaluation.Checks, entered.Add);

        if (!machine.CanFire(trigger, out var unmet))
        {
            return Refused(from, trigger, [.. unmet.Select(d => evaluation.Refusal(trigger, d))]);
        }

        machine.Fire(trigger);
        var to = Definition.GetState(current);
        return new TransitionResult
        {
            Allowed = true,
            From = from,
            Trigger = trigger,
            State = to.Name,
            EntryActions = entered,
            Task = TaskFor(to, at, workflowCase.Region,
                () => new WorkflowContext(workflowCase.CaseId, actor, from, trigger, to.Name, reason, at, workflowCase.Subject)),
            Log = new TransitionLogEntry(workflowCase.CaseId, actor.UserId, at, from, to.Name, trigger,
                string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Definition.Key, Definition.Version),
        };
    }

    /// <summary>
    /// Every trigger of the case's current state as offered to this actor now, allowed or not with
    /// the reasons. A required reason is not checked here (it is asked for when the action is taken):
    /// see <see cref="ActionOption.ReasonRequired"/>.
    /// </summary>
    public IReadOnlyList<ActionOption> Actions(WorkflowCase workflowCase, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(workflowCase);
        ArgumentNullException.ThrowIfNull(actor);
        var state = Definition.FindState(workflowCase.State);
        if (state is null)
        {
            return [];
        }

        var evaluation = new Evaluation(this, workflowCase, actor, reason: null, at, checkReason: false, happened: null);
        var current = state.Name;
        var machine = MachineBuilder.Build(Definition, () => current, s => current = s, evaluation.Checks, static _ => { });
        // Stateless 5.20 marks the synchronous PermittedTriggers obsolete (in favour of the async one);
        // CanFire answers the same per trigger and also says which guards are unmet.
        return state.Transitions.Select(t => machine.CanFire(t.Trigger, out var unmet)
            ? new ActionOption(t.Trigger, t.To, t.ReasonRequired, true, [])
            : new ActionOption(t.Trigger, t.To, t.ReasonRequired, false, [.. unmet.Select(d => evaluation.Refusal(t.Trigger, d))])
        ).ToList();
    }

    /// <summary>The triggers this actor may fire on the case now (the actions the UI shows), decided by Stateless (<c>CanFire</c>).</summary>
    public IReadOnlyList<string> PermittedTriggers(WorkflowCase workflowCase, Actor actor, DateTimeOffset at) =>
        Actions(workflowCase, actor, at).Where(a => a.Allowed).Select(a => a.Trigger).ToList();

    /// <summary>The Mermaid state diagram of the definition, from Stateless's <see cref="MermaidGraph"/>; checks, including the definition's four-eyes rules, appear as guard labels.</summary>
    public string ToMermaid() => WorkflowDiagram.Mermaid(Definition);

    /// <summary>
    /// The task of a state entered at <paramref name="at"/>. Its due date is the SLA counted in working
    /// days from the date its <c>due_from</c> names (asked of the host with <paramref name="context"/>),
    /// or from the day of the transition when it names none or the case has no such date yet.
    /// </summary>
    private TaskToCreate? TaskFor(StateDefinition state, DateTimeOffset at, string? region, Func<WorkflowContext> context)
    {
        if (state.Task is not { } task)
        {
            return null;
        }

        DateOnly? due = null;
        if (task.SlaWorkdays is int days)
        {
            var from = task.DueFrom is { } name && Functions.EvaluateDate(name, context()) is { } date ? date : Calendar.LocalDate(at);
            due = Calendar.DueDate(from, days);
        }

        return new TaskToCreate(state.Name, task.Roles, region, due, task.SlaWorkdays, task.EscalateTo);
    }

    private static TransitionResult Refused(string from, string trigger, params Refusal[] refusals) =>
        new() { Allowed = false, From = from, Trigger = trigger, State = from, Refusals = refusals };

    /// <summary>The checks of one request, evaluated at most once each and remembered so refusals can be explained.</summary>
    private sealed class Evaluation(
        WorkflowRunner runner, WorkflowCase workflowCase, Actor actor, string? reason, DateTimeOffset at, bool checkReason, string? happened)
    {
        private readonly Dictionary<(string Trigger, string Description), Refusal?> _outcomes = [];

        public IReadOnlyList<TransitionCheck> Checks(StateDefinition state, TransitionDefinition transition)
        {
            var checks = new List<TransitionCheck>();
            var trigger = transition.Trigger;
            var definition = runner.Definition;
            var action = definition.TriggerLabel(trigger, state.Name);
            var stage = state.Label ?? state.Name;

            if (transition.Event is { } waitsFor)
            {
                checks.Add(Check(trigger, MachineBuilder.EventDescription(waitsFor), () => happened == waitsFor
                    ? null
                    : new Refusal(RefusalKind.WaitsForEvent, $"'{action}' terjadi sendiri saat {EventMeanings.Label(waitsFor)}, bukan dijalankan pengguna")));
            }

            var roles = MachineBuilder.EffectiveRoles(state, transition);
            if (roles.Count > 0)
            {
                checks.Add(Check(trigger, MachineBuilder.RoleDescription(roles), () => actor.HasAnyRole(roles)
                    ? null
                    : new Refusal(RefusalKind.RoleNotAllowed,
                        $"peran Anda ({Describe(actor.Roles, definition)}) tidak boleh menjalankan '{action}' pada tahap '{stage}'; yang boleh: {string.Join(", ", roles.Select(definition.RoleLabel))}")));
            }

            if (workflowCase.Region is not null && actor.Region is not null)
            {
                checks.Add(Check(trigger, MachineBuilder.RegionDescription, () => actor.Covers(workflowCase.Region)
                    ? null
                    : new Refusal(RefusalKind.RegionNotAllowed,
                        $"kasus ini di wilayah {workflowCase.Region}, di luar wilayah Anda ({actor.Region})")));
            }

            if (transition.ReasonRequired && checkReason)
            {
                checks.Add(Check(trigger, MachineBuilder.ReasonDescription, () => string.IsNullOrWhiteSpace(reason)
                    ? new Refusal(RefusalKind.ReasonRequired, $"alasan wajib diisi untuk '{action}' pada tahap '{stage}'")
                    : null));
            }

            if (runner.Definition.FourEyes.Covers(trigger))
            {
                checks.Add(Check(trigger, MachineBuilder.FourEyesDescription, () =>
                    runner.Definition.FourEyes.Check(trigger, actor.UserId, workflowCase.History, t => definition.TriggerLabel(t)) is { } violation
                        ? new Refusal(RefusalKind.FourEyes, violation)
                        : null));
            }

            foreach (var guard in transition.Guards.Distinct())
            {
                checks.Add(Check(trigger, guard, () =>
                {
                    var context = new WorkflowContext(workflowCase.CaseId, actor, state.Name, trigger, transition.To, reason, at, workflowCase.Subject);
                    var result = runner.Functions.EvaluateGuard(guard, context);
                    return result.Passed
                        ? null
                        : new Refusal(RefusalKind.GuardFailed, $"syarat belum terpenuhi: {result.Reason}", guard);
                }));
            }

            return checks;
        }

        public Refusal Refusal(string trigger, string description) =>
            _outcomes.TryGetValue((trigger, description), out var refusal) && refusal is not null
                ? refusal
                : new Refusal(RefusalKind.GuardFailed, $"syarat '{description}' tidak terpenuhi");

        private TransitionCheck Check(string trigger, string description, Func<Refusal?> evaluate) =>
            new(description, () =>
            {
                if (!_outcomes.TryGetValue((trigger, description), out var refusal))
                {
                    refusal = evaluate();
                    _outcomes[(trigger, description)] = refusal;
                }

                return refusal is null;
            });

        private static string Describe(IReadOnlySet<string> roles, Definitions.WorkflowDefinition definition) =>
            roles.Count == 0 ? "tidak ada" : string.Join(", ", roles.Order(StringComparer.Ordinal)
                .Select(r => definition.RoleLabels.GetValueOrDefault(r) ?? Defaults.WorkflowRoles.Label(r)));
    }
}
