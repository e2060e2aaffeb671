using System.Globalization;
using System.Text.Json;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Definitions;

/// <summary>The outcome of reading a definition: the definition (when the JSON could be read at all) and every problem found.</summary>
public sealed record WorkflowReadResult(WorkflowDefinition? Definition, IReadOnlyList<WorkflowProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// Reads the JSON of a workflow definition (docs/architecture.md, "Proposals and workflows") into immutable records. It does not stop at
/// the first problem: every structural problem is collected, then (with <see cref="Read(string, WorkflowVocabulary)"/>)
/// the validator's. A JSON syntax error is reported with its line and position (both from 1).
/// </summary>
public static class WorkflowDefinitionReader
{
    /// <summary>Bytes of JSON (UTF-8) a definition may have: 256 KB; the KUBE definition is under 3 KB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>States a definition may have; the KUBE definition has 10.</summary>
    public const int MaxStates = 200;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly string[] RootProperties = ["key", "version", "initial", "four_eyes", "role_labels", "states"];
    private static readonly string[] StateProperties = ["label", "task", "on_enter", "final", "on", "meaning"];
    private static readonly string[] TaskProperties = ["roles", "sla_workdays", "due_from", "escalate_to"];
    private static readonly string[] TransitionProperties = ["label", "to", "roles", "guards", "reason_required", "event"];

    /// <summary>Reads and validates: structural problems and <see cref="WorkflowValidator"/> problems together.</summary>
    public static WorkflowReadResult Read(string json, WorkflowVocabulary vocabulary)
    {
        var read = Read(json);
        if (read.Definition is null)
        {
            return read;
        }

        var problems = read.Problems.Concat(WorkflowValidator.Validate(read.Definition, vocabulary)).ToList();
        return read with { Problems = problems };
    }

    /// <summary>Reads the structure only (syntax, shapes and types); no names are checked against a registry.</summary>
    public static WorkflowReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Refused before parsing: the length bounds every later pass (parse, reading, validation).
        var bytes = System.Text.Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxBytes)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"definisi terlalu besar: {bytes} byte; paling banyak {MaxBytes} byte (256 KB)");
            return new WorkflowReadResult(null, [new WorkflowProblem(ProblemKind.TooLarge, null, null, detail)]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var detail = string.Create(CultureInfo.InvariantCulture, $"JSON tidak sah pada baris {line}, posisi {position}");
            return new WorkflowReadResult(null, [new WorkflowProblem(ProblemKind.InvalidJson, null, null, detail)]);
        }

        using (document)
        {
            var problems = new List<WorkflowProblem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Structure(null, null, "definisi harus berupa objek JSON"));
                return new WorkflowReadResult(null, problems);
            }

            CheckProperties(root, RootProperties, null, null, "definisi", problems);
            var key = ReadString(root, "key", null, null, required: true, problems) ?? "";
            var version = ReadVersion(root, problems);
            var initial = ReadString(root, "initial", null, null, required: true, problems) ?? "";
            var fourEyes = ReadFourEyes(root, problems);
            var roleLabels = ReadRoleLabels(root, problems);
            if (TooManyStates(root) is { } tooMany)
            {
                problems.Add(tooMany);
                return new WorkflowReadResult(null, problems);
            }

            var states = ReadStates(root, problems);
            return new WorkflowReadResult(new WorkflowDefinition(key, version, initial, states) { FourEyes = fourEyes, RoleLabels = roleLabels }, problems);
        }
    }

    /// <summary>
    /// <c>"four_eyes": { "approve": ["submit", "pass"] }</c>: each trigger with the earlier triggers whose
    /// actor may not fire it on the same case. Whether the triggers exist is the validator's question.
    /// </summary>
    private static FourEyesPolicy ReadFourEyes(JsonElement root, List<WorkflowProblem> problems)
    {
        var policy = FourEyesPolicy.None;
        if (!root.TryGetProperty("four_eyes", out var element))
        {
            return policy;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Structure(null, null, "'four_eyes' harus berupa objek: nama transisi → daftar transisi sebelumnya yang pelakunya tidak boleh menjalankannya"));
            return policy;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in element.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add(Structure(null, null, "'four_eyes': nama transisi tidak boleh kosong"));
                continue;
            }

            if (!seen.Add(rule.Name))
            {
                problems.Add(Structure(null, rule.Name, $"'four_eyes': transisi '{rule.Name}' ditulis lebih dari sekali"));
                continue;
            }

            var value = rule.Value;
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
                || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
            {
                problems.Add(Structure(null, rule.Name, $"'four_eyes': aturan untuk '{rule.Name}' harus daftar nama transisi yang tidak kosong"));
                continue;
            }

            policy = policy.Forbid(rule.Name, [.. value.EnumerateArray().Select(v => v.GetString()!)]);
        }

        return policy;
    }

    /// <summary><c>"role_labels": { "verifier": "Verifikator" }</c>: the Indonesian name of each role; which roles need one is the validator's question.</summary>
    private static Dictionary<string, string> ReadRoleLabels(JsonElement root, List<WorkflowProblem> problems)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("role_labels", out var element))
        {
            return labels;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Structure(null, null, "'role_labels' harus berupa objek: nama peran → label dalam bahasa Indonesia"));
            return labels;
        }

        foreach (var role in element.EnumerateObject())
        {
            if (role.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(role.Value.GetString()))
            {
                problems.Add(Structure(null, null, $"'role_labels': label peran '{role.Name}' harus teks yang tidak kosong"));
            }
            else if (!labels.TryAdd(role.Name, role.Value.GetString()!.Trim()))
            {
                problems.Add(Structure(null, null, $"'role_labels': peran '{role.Name}' ditulis lebih dari sekali"));
            }
        }

        return labels;
    }

    private static int ReadVersion(JsonElement root, List<WorkflowProblem> problems)
    {
        if (!root.TryGetProperty("version", out var element))
        {
            problems.Add(Structure(null, null, "'version' wajib diisi"));
            return 0;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var version) || version < 1)
        {
            problems.Add(Structure(null, null, "'version' harus bilangan bulat mulai 1"));
            return 0;
        }

        return version;
    }

    /// <summary>More than <see cref="MaxStates"/> states, named at the first one over the limit; counted before any is read.</summary>
    private static WorkflowProblem? TooManyStates(JsonElement root)
    {
        if (!root.TryGetProperty("states", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (++count > MaxStates)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"terlalu banyak state: paling banyak {MaxStates}, definisi ini punya {element.EnumerateObject().Count()}");
                return new WorkflowProblem(ProblemKind.TooManyStates, property.Name, null, detail);
            }
        }

        return null;
    }

    private static List<StateDefinition> ReadStates(JsonElement root, List<WorkflowProblem> problems)
    {
        var states = new List<StateDefinition>();
        if (!root.TryGetProperty("states", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Structure(null, null, "'states' wajib diisi dan harus berupa objek"));
            return states;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (states.Any(s => s.Name == name))
            {
                problems.Add(Structure(name, null, "state ditulis lebih dari sekali"));
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Structure(name, null, "state harus berupa objek"));
                states.Add(new StateDefinition(name, null, [], false, []));
                continue;
            }

            states.Add(ReadState(name, property.Value, problems));
        }

        if (states.Count == 0)
        {
            problems.Add(Structure(null, null, "'states' tidak boleh kosong"));
        }

        return states;
    }

    private static StateDefinition ReadState(string name, JsonElement element, List<WorkflowProblem> problems)
    {
        CheckProperties(element, StateProperties, name, null, "state", problems);

        TaskDefinition? task = null;
        if (element.TryGetProperty("task", out var taskElement))
        {
            if (taskElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Structure(name, null, "'task' harus berupa objek"));
            }
            else
            {
                CheckProperties(taskElement, TaskProperties, name, null, "task", problems);
                var roles = ReadStringList(taskElement, "roles", name, null, problems) ?? [];
                if (!taskElement.TryGetProperty("roles", out _))
                {
                    problems.Add(Structure(name, null, "'task.roles' wajib diisi"));
                }

                int? sla = null;
                if (taskElement.TryGetProperty("sla_workdays", out var slaElement))
                {
                    if (slaElement.ValueKind == JsonValueKind.Number && slaElement.TryGetInt32(out var days))
                    {
                        sla = days;
                    }
                    else
                    {
                        problems.Add(new WorkflowProblem(ProblemKind.InvalidSla, name, null, "'sla_workdays' harus bilangan bulat lebih dari 0"));
                    }
                }

                var dueFrom = ReadString(taskElement, "due_from", name, null, required: false, problems);
                var escalateTo = ReadString(taskElement, "escalate_to", name, null, required: false, problems);
                task = new TaskDefinition(roles, sla, escalateTo, dueFrom);
            }
        }

        var onEnter = ReadStringList(element, "on_enter", name, null, problems) ?? [];

        var final = false;
        if (element.TryGetProperty("final", out var finalElement))
        {
            if (finalElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                final = finalElement.GetBoolean();
            }
            else
            {
                problems.Add(Structure(name, null, "'final' harus true atau false"));
            }
        }

        var transitions = new List<TransitionDefinition>();
        if (element.TryGetProperty("on", out var onElement))
        {
            if (onElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Structure(name, null, "'on' harus berupa objek"));
            }
            else
            {
                foreach (var trigger in onElement.EnumerateObject())
                {
                    if (transitions.Any(t => t.Trigger == trigger.Name))
                    {
                        problems.Add(Structure(name, trigger.Name, "transisi ditulis lebih dari sekali"));
                        continue;
                    }

                    var transition = ReadTransition(name, trigger.Name, trigger.Value, problems);
                    if (transition is not null)
                    {
                        transitions.Add(transition);
                    }
                }
            }
        }

        var meaning = ReadString(element, "meaning", name, null, required: false, problems);
        var label = ReadString(element, "label", name, null, required: false, problems)?.Trim();
        return new StateDefinition(name, task, onEnter, final, transitions, meaning, label);
    }

    private static TransitionDefinition? ReadTransition(string state, string trigger, JsonElement element, List<WorkflowProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Structure(state, trigger, "transisi harus berupa objek"));
            return null;
        }

        CheckProperties(element, TransitionProperties, state, trigger, "transisi", problems);
        var to = ReadString(element, "to", state, trigger, required: true, problems);
        if (to is null)
        {
            return null;
        }

        var roles = ReadStringList(element, "roles", state, trigger, problems);
        var guards = ReadStringList(element, "guards", state, trigger, problems) ?? [];
        var reasonRequired = false;
        if (element.TryGetProperty("reason_required", out var reason))
        {
            if (reason.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                reasonRequired = reason.GetBoolean();
            }
            else
            {
                problems.Add(Structure(state, trigger, "'reason_required' harus true atau false"));
            }
        }

        var @event = ReadString(element, "event", state, trigger, required: false, problems);
        var label = ReadString(element, "label", state, trigger, required: false, problems)?.Trim();
        return new TransitionDefinition(trigger, to, roles, guards, reasonRequired, @event, label);
    }

    private static void CheckProperties(JsonElement element, string[] known, string? state, string? trigger, string what, List<WorkflowProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                problems.Add(Structure(state, trigger, $"properti '{property.Name}' tidak dikenal di {what} (yang dikenal: {string.Join(", ", known)})"));
            }
            else if (!seen.Add(property.Name))
            {
                problems.Add(Structure(state, trigger, $"properti '{property.Name}' ditulis lebih dari sekali di {what}"));
            }
        }
    }

    private static string? ReadString(JsonElement element, string name, string? state, string? trigger, bool required, List<WorkflowProblem> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required)
            {
                problems.Add(Structure(state, trigger, $"'{name}' wajib diisi"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(Structure(state, trigger, $"'{name}' harus teks yang tidak kosong"));
            return null;
        }

        return value.GetString();
    }

    private static List<string>? ReadStringList(JsonElement element, string name, string? state, string? trigger, List<WorkflowProblem> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            problems.Add(Structure(state, trigger, $"'{name}' harus daftar teks"));
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static WorkflowProblem Structure(string? state, string? trigger, string detail) =>
        new(ProblemKind.InvalidStructure, state, trigger, detail);
}
