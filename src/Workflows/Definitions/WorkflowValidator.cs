namespace Sejahtera.Workflows.Definitions;

/// <summary>
/// Checks a definition before it is published and returns ALL problems, each naming its state and
/// transition, in Indonesian. An empty list means the definition is valid.
/// </summary>
public static class WorkflowValidator
{
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, WorkflowVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var problems = new List<WorkflowProblem>();
        var names = definition.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        if (!Naming.IsKebabCase(definition.Key))
        {
            problems.Add(new(ProblemKind.InvalidName, null, null, $"kunci '{definition.Key}' harus kebab-case (huruf kecil, angka dan '-')"));
        }

        var initialExists = names.Contains(definition.Initial);
        if (!initialExists)
        {
            problems.Add(new(ProblemKind.UnknownInitialState, null, null, $"state awal '{definition.Initial}' tidak ada"));
        }

        foreach (var state in definition.States)
        {
            ValidateState(state, names, vocabulary, problems);
        }

        ValidateFourEyes(definition, problems);
        ValidateLabels(definition, problems);

        if (initialExists)
        {
            var reachable = Reachable(definition);
            foreach (var state in definition.States.Where(s => !reachable.Contains(s.Name)))
            {
                problems.Add(new(ProblemKind.UnreachableState, state.Name, null, $"tidak dapat dicapai dari state awal '{definition.Initial}'"));
            }
        }

        // Every case must be able to end: from every state some path leads to a final state.
        if (!definition.States.Any(s => s.Final))
        {
            problems.Add(new(ProblemKind.NoFinalState, null, null, "definisi harus punya minimal satu state akhir (\"final\": true)"));
        }

        var ending = CanEnd(definition);
        foreach (var state in definition.States.Where(s => !ending.Contains(s.Name) && !(!s.Final && s.Transitions.Count == 0)))
        {
            problems.Add(new(ProblemKind.NoWayToFinalState, state.Name, null,
                "tidak ada jalan dari state ini ke state akhir; kasus yang masuk ke sini tidak dapat selesai (siklus tanpa jalan keluar?)"));
        }

        return problems;
    }

    /// <summary>The states from which some path of transitions reaches a final state (a walk back from the final states).</summary>
    private static HashSet<string> CanEnd(WorkflowDefinition definition)
    {
        var into = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            foreach (var transition in state.Transitions)
            {
                if (!into.TryGetValue(transition.To, out var from))
                {
                    into[transition.To] = from = [];
                }

                from.Add(state.Name);
            }
        }

        var ending = definition.States.Where(s => s.Final).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var queue = new Queue<string>(ending);
        while (queue.TryDequeue(out var name))
        {
            foreach (var from in into.GetValueOrDefault(name) ?? [])
            {
                if (ending.Add(from))
                {
                    queue.Enqueue(from);
                }
            }
        }

        return ending;
    }

    /// <summary>Every trigger a four-eyes rule names, the ruled one and the earlier ones, must be a transition of the definition.</summary>
    private static void ValidateFourEyes(WorkflowDefinition definition, List<WorkflowProblem> problems)
    {
        var triggers = definition.Triggers.ToHashSet(StringComparer.Ordinal);
        foreach (var (trigger, earlier) in definition.FourEyes.Rules)
        {
            if (!triggers.Contains(trigger))
            {
                problems.Add(new(ProblemKind.UnknownTrigger, null, trigger, $"four_eyes: tidak ada transisi '{trigger}' di definisi ini"));
            }

            foreach (var missing in earlier.Where(e => !triggers.Contains(e)))
            {
                problems.Add(new(ProblemKind.UnknownTrigger, null, trigger,
                    $"four_eyes untuk '{trigger}': tidak ada transisi '{missing}' di definisi ini"));
            }
        }
    }

    private static void ValidateState(StateDefinition state, HashSet<string> names, WorkflowVocabulary vocabulary, List<WorkflowProblem> problems)
    {
        var s = state.Name;
        if (!Naming.IsKebabCase(s))
        {
            problems.Add(new(ProblemKind.InvalidName, s, null, "nama state harus kebab-case (huruf kecil, angka dan '-')"));
        }

        if (state.Final && state.Transitions.Count > 0)
        {
            var exits = string.Join(", ", state.Transitions.Select(t => $"'{t.Trigger}'"));
            problems.Add(new(ProblemKind.FinalStateWithExits, s, null, $"state akhir tidak boleh punya transisi keluar (ada {exits})"));
        }

        if (state.Final && state.Task is not null)
        {
            problems.Add(new(ProblemKind.FinalStateWithTask, s, null, "state akhir tidak boleh punya tugas"));
        }

        if (!state.Final && state.Transitions.Count == 0)
        {
            problems.Add(new(ProblemKind.StateWithoutExits, s, null, "state yang bukan akhir harus punya minimal satu transisi keluar (atau tandai \"final\": true)"));
        }

        foreach (var action in state.OnEnter.Where(a => !vocabulary.Actions.Contains(a)))
        {
            problems.Add(new(ProblemKind.UnknownAction, s, null, $"aksi '{action}' di on_enter tidak dikenal"));
        }

        if (state.Task is { } task)
        {
            if (task.Roles.Count == 0)
            {
                problems.Add(new(ProblemKind.UnknownRole, s, null, "tugas harus punya minimal satu peran"));
            }

            foreach (var role in task.Roles.Where(r => !vocabulary.Roles.Contains(r)))
            {
                problems.Add(new(ProblemKind.UnknownRole, s, null, $"peran '{role}' pada tugas tidak dikenal"));
            }

            if (task.SlaWorkdays is <= 0)
            {
                problems.Add(new(ProblemKind.InvalidSla, s, null, $"sla_workdays harus lebih dari 0 (tertulis {task.SlaWorkdays})"));
            }

            if (task.DueFrom is { } dueFrom)
            {
                if (!vocabulary.Dates.Contains(dueFrom))
                {
                    problems.Add(new(ProblemKind.UnknownDate, s, null, $"tanggal '{dueFrom}' pada due_from tidak dikenal"));
                }

                if (task.SlaWorkdays is null)
                {
                    problems.Add(new(ProblemKind.InvalidSla, s, null,
                        $"due_from '{dueFrom}' butuh sla_workdays: tenggat dihitung sekian hari kerja setelah tanggal itu"));
                }
            }

            if (task.EscalateTo is { } escalateTo && !vocabulary.Roles.Contains(escalateTo))
            {
                problems.Add(new(ProblemKind.UnknownRole, s, null, $"escalate_to '{escalateTo}' bukan peran yang dikenal"));
            }
        }

        foreach (var transition in state.Transitions)
        {
            var t = transition.Trigger;
            if (!Naming.IsKebabCase(t))
            {
                problems.Add(new(ProblemKind.InvalidName, s, t, "nama transisi harus kebab-case (huruf kecil, angka dan '-')"));
            }

            if (!names.Contains(transition.To))
            {
                problems.Add(new(ProblemKind.UnknownTarget, s, t, $"tujuan '{transition.To}' tidak ada"));
            }

            if (transition.Roles is { Count: 0 })
            {
                problems.Add(new(ProblemKind.UnknownRole, s, t, "daftar peran kosong: tidak ada yang boleh menjalankan transisi ini"));
            }

            foreach (var role in (transition.Roles ?? []).Where(r => !vocabulary.Roles.Contains(r)))
            {
                problems.Add(new(ProblemKind.UnknownRole, s, t, $"peran '{role}' tidak dikenal"));
            }

            foreach (var guard in transition.Guards.Where(g => !vocabulary.Guards.Contains(g)))
            {
                problems.Add(new(ProblemKind.UnknownGuard, s, t, $"guard '{guard}' tidak dikenal"));
            }
        }
    }

    /// <summary>
    /// Users read states, triggers and roles by their labels, in Indonesian: every state and every transition
    /// needs a <c>label</c>, and every role the definition names needs one in <c>role_labels</c>.
    /// </summary>
    private static void ValidateLabels(WorkflowDefinition definition, List<WorkflowProblem> problems)
    {
        foreach (var state in definition.States)
        {
            if (state.Label is null)
            {
                problems.Add(new(ProblemKind.MissingLabel, state.Name, null, "'label' wajib diisi: nama tahap ini dalam bahasa Indonesia, seperti yang dibaca pengguna"));
            }

            foreach (var transition in state.Transitions.Where(t => t.Label is null))
            {
                problems.Add(new(ProblemKind.MissingLabel, state.Name, transition.Trigger,
                    "'label' wajib diisi: nama tindakan ini dalam bahasa Indonesia, seperti yang tertulis pada tombol dan riwayat"));
            }
        }

        foreach (var role in definition.Roles.Where(r => !definition.RoleLabels.ContainsKey(r)))
        {
            problems.Add(new(ProblemKind.MissingLabel, null, null, $"'role_labels': peran '{role}' belum punya label dalam bahasa Indonesia"));
        }
    }

    private static HashSet<string> Reachable(WorkflowDefinition definition)
    {
        var reachable = new HashSet<string>(StringComparer.Ordinal) { definition.Initial };
        var queue = new Queue<string>([definition.Initial]);
        while (queue.TryDequeue(out var name))
        {
            foreach (var transition in definition.FindState(name)?.Transitions ?? [])
            {
                if (reachable.Add(transition.To))
                {
                    queue.Enqueue(transition.To);
                }
            }
        }

        return reachable;
    }
}
