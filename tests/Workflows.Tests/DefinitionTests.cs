using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Workflows.Tests;

public class DefinitionTests
{
    private static readonly WorkflowVocabulary Vocabulary = DefaultWorkflows.Vocabulary;

    private static IReadOnlyList<WorkflowProblem> Problems(string json) => WorkflowDefinitionReader.Read(TestLabels.Added(json), Vocabulary).Problems;

    private const string Valid = """
        { "key": "small", "version": 1, "initial": "draft",
          "states": {
            "draft":    { "on": { "submit": { "to": "review", "roles": ["operator"] } } },
            "review":   { "task": { "roles": ["verifier"], "sla_workdays": 3, "escalate_to": "kepala-bidang" },
                          "on": { "accept": { "to": "done" } } },
            "done":     { "final": true } } }
        """;

    [Fact]
    public void The_default_KUBE_definition_reads_and_validates_without_problems()
    {
        var read = WorkflowDefinitionReader.Read(DefaultWorkflows.KubeProposalJson, Vocabulary);

        Assert.Empty(read.Problems);
        var definition = read.Definition!;
        Assert.Equal("kube-proposal", definition.Key);
        Assert.Equal(1, definition.Version);
        Assert.Equal("draft", definition.Initial);
        Assert.Equal(
            ["draft", "desk-verification", "field-verification", "recommendation", "approval", "disbursement", "account-correction", "accountability", "closed", "rejected"],
            definition.States.Select(s => s.Name));
        var desk = definition.GetState("desk-verification");
        Assert.Equal(["verifier"], desk.Task!.Roles);
        Assert.Equal(5, desk.Task.SlaWorkdays);
        Assert.Equal("kepala-bidang", desk.Task.EscalateTo);
        Assert.Equal(["screen-eligibility"], desk.OnEnter);
        Assert.Equal(["eligible"], desk.FindTransition("pass")!.Guards);
        Assert.True(desk.FindTransition("return")!.ReasonRequired);
        Assert.True(definition.GetState("closed").Final);
    }

    [Fact]
    public void A_small_valid_definition_has_no_problems()
    {
        Assert.Empty(Problems(Valid));
    }

    [Fact]
    public void An_unknown_target_is_refused_naming_the_state_and_the_transition()
    {
        var json = DefaultWorkflows.KubeProposalJson.Replace(
            "\"pass\": { \"to\": \"field-verification\"", "\"pass\": { \"to\": \"field-verificaton\"", StringComparison.Ordinal);

        var problems = Problems(json);

        Assert.Contains(problems, p => p.Kind == ProblemKind.UnknownTarget
            && p.Message == "state 'desk-verification', transisi 'pass': tujuan 'field-verificaton' tidak ada");
    }

    [Fact]
    public void An_unreachable_state_is_refused_naming_the_state()
    {
        var json = Valid.Replace("\"done\":     { \"final\": true }", "\"done\": { \"final\": true }, \"orphan\": { \"final\": true }", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(json));

        Assert.Equal(ProblemKind.UnreachableState, problem.Kind);
        Assert.Equal("state 'orphan': tidak dapat dicapai dari state awal 'draft'", problem.Message);
    }

    [Fact]
    public void A_final_state_with_exits_and_a_state_without_exits_are_refused()
    {
        const string json = """
            { "key": "broken", "version": 1, "initial": "draft",
              "states": {
                "draft": { "on": { "submit": { "to": "done" } } },
                "done":  { "final": true, "on": { "reopen": { "to": "stuck" } } },
                "stuck": { } } }
            """;

        var problems = Problems(json);

        Assert.Contains(problems, p => p.Kind == ProblemKind.FinalStateWithExits && p.State == "done" && p.Message.Contains("'reopen'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Kind == ProblemKind.StateWithoutExits && p.State == "stuck");
    }

    [Fact]
    public void Unknown_guard_role_action_and_escalation_role_are_all_reported_at_once()
    {
        const string json = """
            { "key": "names", "version": 1, "initial": "draft",
              "states": {
                "draft":  { "on_enter": ["send-sms"],
                            "on": { "submit": { "to": "review", "roles": ["camat"], "guards": ["has-ktp"] } } },
                "review": { "task": { "roles": ["verifier", "lurah"], "sla_workdays": 0, "escalate_to": "bupati" },
                            "on": { "accept": { "to": "done" } } },
                "done":   { "final": true } } }
            """;

        var messages = Problems(json).Select(p => p.Message).ToList();

        Assert.Equal(
            [
                "state 'draft': aksi 'send-sms' di on_enter tidak dikenal",
                "state 'draft', transisi 'submit': peran 'camat' tidak dikenal",
                "state 'draft', transisi 'submit': guard 'has-ktp' tidak dikenal",
                "state 'review': peran 'lurah' pada tugas tidak dikenal",
                "state 'review': sla_workdays harus lebih dari 0 (tertulis 0)",
                "state 'review': escalate_to 'bupati' bukan peran yang dikenal",
            ],
            messages);
    }

    [Fact]
    public void Names_that_are_not_kebab_case_are_refused()
    {
        var json = Valid.Replace("\"accept\"", "\"Accept_Now\"", StringComparison.Ordinal).Replace("\"review\"", "\"Review\"", StringComparison.Ordinal);

        var problems = Problems(json);

        Assert.Contains(problems, p => p.Kind == ProblemKind.InvalidName && p.State == "Review" && p.Trigger is null);
        Assert.Contains(problems, p => p.Kind == ProblemKind.InvalidName && p.State == "Review" && p.Trigger == "Accept_Now");
    }

    [Fact]
    public void A_missing_initial_state_is_refused()
    {
        var problems = Problems(Valid.Replace("\"initial\": \"draft\"", "\"initial\": \"start\"", StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Kind == ProblemKind.UnknownInitialState && p.Message == "state awal 'start' tidak ada");
    }

    [Fact]
    public void Bad_JSON_is_refused_with_its_line_and_position()
    {
        const string json = "{ \"key\": \"x\",\n  \"version\": 1,\n  \"initial\" \"draft\" }";

        var read = WorkflowDefinitionReader.Read(json, Vocabulary);

        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(ProblemKind.InvalidJson, problem.Kind);
        Assert.Equal("JSON tidak sah pada baris 3, posisi 13", problem.Message);
    }

    [Fact]
    public void Wrong_shapes_and_misspelt_properties_are_reported_with_their_place()
    {
        const string json = """
            { "key": "shapes", "version": "one", "initial": "draft",
              "states": {
                "draft": { "on": { "submit": { "to": "done", "reason_requried": true, "guards": "eligible" } } },
                "done":  { "final": "yes" } } }
            """;

        var messages = WorkflowDefinitionReader.Read(json).Problems.Select(p => p.Message).ToList();

        Assert.Contains("'version' harus bilangan bulat mulai 1", messages);
        Assert.Contains(messages, m => m.StartsWith("state 'draft', transisi 'submit': properti 'reason_requried' tidak dikenal", StringComparison.Ordinal));
        Assert.Contains("state 'draft', transisi 'submit': 'guards' harus daftar teks", messages);
        Assert.Contains("state 'done': 'final' harus true atau false", messages);
    }

    [Fact]
    public void A_state_a_transition_or_a_role_without_an_Indonesian_label_is_refused_naming_each()
    {
        const string labelled = """
            { "key": "small", "version": 1, "initial": "draft",
              "role_labels": { "operator": "Operator", "kepala-bidang": "Kepala Bidang" },
              "states": {
                "draft":    { "label": "Draf", "on": { "submit": { "to": "review", "roles": ["operator"], "label": "Ajukan" } } },
                "review":   { "task": { "roles": ["verifier"], "sla_workdays": 3, "escalate_to": "kepala-bidang" },
                              "on": { "accept": { "to": "done" } } },
                "done":     { "label": "Selesai", "final": true } } }
            """;

        var problems = WorkflowDefinitionReader.Read(labelled, Vocabulary).Problems;

        Assert.All(problems, p => Assert.Equal(ProblemKind.MissingLabel, p.Kind));
        Assert.Equal(
            [
                "state 'review': 'label' wajib diisi: nama tahap ini dalam bahasa Indonesia, seperti yang dibaca pengguna",
                "state 'review', transisi 'accept': 'label' wajib diisi: nama tindakan ini dalam bahasa Indonesia, seperti yang tertulis pada tombol dan riwayat",
                "'role_labels': peran 'verifier' belum punya label dalam bahasa Indonesia",
            ],
            problems.Select(p => p.Message));
    }

    [Theory]
    [InlineData("kube-proposal")]
    [InlineData("panti-terminasi")]
    [InlineData("pkh-graduasi")]
    public void Every_shipped_definition_labels_its_states_triggers_and_roles_in_Indonesian(string key)
    {
        var definition = DefaultWorkflows.Shipped(key);

        Assert.All(definition.States, s => Assert.False(string.IsNullOrWhiteSpace(s.Label), s.Name));
        Assert.All(definition.States.SelectMany(s => s.Transitions), t => Assert.False(string.IsNullOrWhiteSpace(t.Label), t.Trigger));
        Assert.All(definition.Roles, r => Assert.True(definition.RoleLabels.ContainsKey(r), r));
        Assert.All(definition.States, s => Assert.NotEqual(s.Name, s.Label));
    }

    [Fact]
    public void The_KUBE_buttons_and_stages_read_in_Indonesian()
    {
        var kube = DefaultWorkflows.KubeProposal();

        Assert.Equal("Verifikasi berkas", kube.StateLabel("desk-verification"));
        Assert.Equal("Lolos ke verifikasi lapangan", kube.TriggerLabel("pass", "desk-verification"));
        Assert.Equal("Kembalikan ke operator", kube.TriggerLabel("return", "desk-verification"));
        Assert.Equal("Kembalikan ke verifikasi berkas", kube.TriggerLabel("return", "field-verification"));
        Assert.Equal("Kepala Dinas", kube.RoleLabel("kepala-dinas"));
    }

    [Fact]
    public void Every_human_task_of_the_KUBE_flow_has_a_due_date()
    {
        var kube = DefaultWorkflows.KubeProposal();

        Assert.All(kube.States.Where(s => s.Task is not null), s => Assert.True(s.Task!.SlaWorkdays > 0, s.Name));
    }

    [Fact]
    public void A_version_stored_before_definitions_carried_labels_is_read_with_the_labels_of_the_shipped_definition()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(DefaultWorkflows.KubeProposalJson)!.AsObject();
        node.Remove("role_labels");
        foreach (var (_, state) in node["states"]!.AsObject())
        {
            state!.AsObject().Remove("label");
            foreach (var (_, transition) in state["on"] as System.Text.Json.Nodes.JsonObject ?? [])
            {
                transition!.AsObject().Remove("label");
            }
        }

        var stored = node.ToJsonString();
        var asNew = DefaultWorkflows.Read(stored);
        var asStored = DefaultWorkflows.ReadStored(stored);

        Assert.Contains(asNew.Problems, p => p.Kind == ProblemKind.MissingLabel);
        Assert.True(asStored.IsValid, string.Join("; ", asStored.Problems));
        Assert.Equal("Pencairan", asStored.Definition!.StateLabel("disbursement"));
        Assert.Equal("Setujui", asStored.Definition.TriggerLabel("approve"));
        Assert.Equal("Bendahara", asStored.Definition.RoleLabel("bendahara"));
    }
}
