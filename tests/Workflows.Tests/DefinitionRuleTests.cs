using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Tests;

/// <summary>Rules a definition carries in its JSON: four-eyes (<c>four_eyes</c>) and a task's due date counted from a date of the case (<c>due_from</c>).</summary>
public class DefinitionRuleTests
{
    private const string FourEyes = """
        { "key": "small", "version": 1, "initial": "draft",
          "four_eyes": { "accept": ["submit"] },
          "states": {
            "draft":  { "on": { "submit": { "to": "review", "roles": ["operator"] } } },
            "review": { "task": { "roles": ["verifier"] }, "on": { "accept": { "to": "done" } } },
            "done":   { "final": true } } }
        """;

    /// <summary>A care-home termination: the UPT's report is due 20 working days after the resident was terminated.</summary>
    private const string Termination = """
        { "key": "termination", "version": 1, "initial": "draft",
          "states": {
            "draft":  { "on": { "submit": { "to": "report", "roles": ["upt-staff"] } } },
            "report": { "task": { "roles": ["upt-staff"], "sla_workdays": 20, "due_from": "termination-date", "escalate_to": "kepala-bidang" },
                        "on": { "send": { "to": "done" } } },
            "done":   { "final": true } } }
        """;

    private static readonly DateTimeOffset Wednesday = new(2025, 8, 13, 9, 0, 0, WorkCalendar.Wita);
    private static readonly WorkCalendar Calendar = new([new DateOnly(2025, 8, 18)]);
    private static readonly Actor Staff = new("upt-1", [WorkflowRoles.UptStaff]);

    private static WorkflowDefinition Definition(string json)
    {
        var read = WorkflowDefinitionReader.Read(TestLabels.Added(json), DefaultWorkflows.Vocabulary);
        Assert.Empty(read.Problems);
        return read.Definition!;
    }

    private static WorkflowRunner TerminationRunner() => new(Definition(Termination),
        new WorkflowFunctions().AddDate("termination-date", c => c.SubjectAs<Resident>().TerminatedOn), Calendar);

    private sealed record Resident(DateOnly? TerminatedOn);

    [Fact]
    public void Four_eyes_rules_read_from_the_definition_refuse_the_submitter_and_allow_another_user()
    {
        var definition = Definition(FourEyes);
        var runner = new WorkflowRunner(definition, new WorkflowFunctions(), Calendar);
        var submitter = new Actor("op-1", [WorkflowRoles.Operator, WorkflowRoles.Verifier]);
        var workflowCase = new WorkflowCase("review") { History = [new("op-1", "submit")] };

        var refused = runner.Decide(workflowCase, submitter, "accept", null, Wednesday);
        var allowed = runner.Decide(workflowCase, new Actor("ver-1", [WorkflowRoles.Verifier]), "accept", null, Wednesday);

        Assert.Equal(["submit"], definition.FourEyes.Rules["accept"]);
        Assert.Equal(RefusalKind.FourEyes, Assert.Single(refused.Refusals).Kind);
        Assert.Equal("prinsip empat mata: pengguna 'op-1' sudah menjalankan 'Tindakan submit' pada kasus ini, jadi tidak boleh menjalankan 'Tindakan accept'",
            refused.Refusals[0].Message);
        Assert.True(allowed.Allowed, allowed.Message);
    }

    [Fact]
    public void The_KUBE_definition_declares_its_four_eyes_rule()
    {
        var rules = DefaultWorkflows.KubeProposal().FourEyes.Rules;

        Assert.Equal(["approve"], rules.Keys);
        Assert.Equal(["pass", "record-visit", "submit"], rules["approve"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_stored_KUBE_version_without_four_eyes_keeps_the_rule_that_applied_to_it_before()
    {
        var stored = DefaultWorkflows.KubeProposalJson.Replace(
            "  \"four_eyes\": { \"approve\": [\"submit\", \"pass\", \"record-visit\"] },\n", "", StringComparison.Ordinal);
        Assert.DoesNotContain("four_eyes", stored, StringComparison.Ordinal);

        var read = DefaultWorkflows.Read(stored);

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(["pass", "record-visit", "submit"], read.Definition!.FourEyes.Rules["approve"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_four_eyes_rule_naming_a_trigger_the_definition_does_not_have_is_refused()
    {
        var json = FourEyes.Replace("\"accept\": [\"submit\"]", "\"acept\": [\"submit\"], \"accept\": [\"sumbit\"]", StringComparison.Ordinal);

        var problems = WorkflowDefinitionReader.Read(TestLabels.Added(json), DefaultWorkflows.Vocabulary).Problems;

        Assert.Equal(
            ["four_eyes: tidak ada transisi 'acept' di definisi ini", "four_eyes untuk 'accept': tidak ada transisi 'sumbit' di definisi ini"],
            problems.Select(p => p.Message));
        Assert.All(problems, p => Assert.Equal(ProblemKind.UnknownTrigger, p.Kind));
    }

    [Theory]
    [InlineData("[\"accept\"]", "'four_eyes' harus berupa objek: nama transisi → daftar transisi sebelumnya yang pelakunya tidak boleh menjalankannya")]
    [InlineData("{ \"accept\": \"submit\" }", "'four_eyes': aturan untuk 'accept' harus daftar nama transisi yang tidak kosong")]
    [InlineData("{ \"accept\": [] }", "'four_eyes': aturan untuk 'accept' harus daftar nama transisi yang tidak kosong")]
    [InlineData("{ \"accept\": [\"submit\", 1] }", "'four_eyes': aturan untuk 'accept' harus daftar nama transisi yang tidak kosong")]
    public void A_four_eyes_property_of_another_shape_is_a_structural_problem(string fourEyes, string message)
    {
        var json = FourEyes.Replace("{ \"accept\": [\"submit\"] }", fourEyes, StringComparison.Ordinal);

        var problem = Assert.Single(WorkflowDefinitionReader.Read(json).Problems);

        Assert.Equal((ProblemKind.InvalidStructure, message), (problem.Kind, problem.Message));
    }

    [Fact]
    public void A_task_with_due_from_is_due_its_working_days_after_the_date_the_host_supplies()
    {
        var runner = TerminationRunner();
        // Terminated on Friday 1 August 2025; 20 working days without the weekends and 18 August.
        var workflowCase = new WorkflowCase("draft") { Subject = new Resident(new DateOnly(2025, 8, 1)) };

        var result = runner.Decide(workflowCase, Staff, "submit", null, Wednesday);

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(new DateOnly(2025, 9, 1), result.Task!.DueDate);
        Assert.Equal(Calendar.DueDate(new DateOnly(2025, 8, 1), 20), result.Task.DueDate);
        Assert.Equal((20, "kepala-bidang"), (result.Task.SlaWorkdays, result.Task.EscalateTo));
    }

    [Fact]
    public void A_task_with_due_from_counts_from_the_transition_when_the_case_has_no_such_date_yet()
    {
        var runner = TerminationRunner();
        var workflowCase = new WorkflowCase("draft") { Subject = new Resident(null) };

        var result = runner.Decide(workflowCase, Staff, "submit", null, Wednesday);

        Assert.Equal(Calendar.DueDate(Wednesday, 20), result.Task!.DueDate);
        Assert.Equal(new DateOnly(2025, 9, 11), result.Task.DueDate);
    }

    [Fact]
    public void A_case_started_in_a_state_with_due_from_counts_from_the_subjects_date()
    {
        var json = Termination.Replace("\"initial\": \"draft\"", "\"initial\": \"report\"", StringComparison.Ordinal)
            .Replace("\"draft\":  { \"on\": { \"submit\": { \"to\": \"report\", \"roles\": [\"upt-staff\"] } } },", "", StringComparison.Ordinal);
        var runner = new WorkflowRunner(Definition(json),
            new WorkflowFunctions().AddDate("termination-date", c => c.SubjectAs<Resident>().TerminatedOn), Calendar);

        var start = runner.Start(Wednesday, "53.71", new Resident(new DateOnly(2025, 8, 1)));

        Assert.Equal(new DateOnly(2025, 9, 1), start.Task!.DueDate);
    }

    [Fact]
    public void A_due_from_naming_an_unknown_date_or_without_sla_workdays_is_refused()
    {
        var unknown = Termination.Replace("\"due_from\": \"termination-date\"", "\"due_from\": \"discharge-date\"", StringComparison.Ordinal);
        var withoutSla = Termination.Replace("\"sla_workdays\": 20, ", "", StringComparison.Ordinal);

        var unknownProblem = Assert.Single(WorkflowDefinitionReader.Read(TestLabels.Added(unknown), DefaultWorkflows.Vocabulary).Problems);
        var slaProblem = Assert.Single(WorkflowDefinitionReader.Read(TestLabels.Added(withoutSla), DefaultWorkflows.Vocabulary).Problems);

        Assert.Equal((ProblemKind.UnknownDate, "state 'report': tanggal 'discharge-date' pada due_from tidak dikenal"),
            (unknownProblem.Kind, unknownProblem.Message));
        Assert.Equal((ProblemKind.InvalidSla, "state 'report': due_from 'termination-date' butuh sla_workdays: tenggat dihitung sekian hari kerja setelah tanggal itu"),
            (slaProblem.Kind, slaProblem.Message));
    }

    [Fact]
    public void A_runner_refuses_a_definition_whose_due_from_date_the_host_did_not_register()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkflowRunner(Definition(Termination), new WorkflowFunctions(), Calendar));

        Assert.Contains("tanggal 'termination-date'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_registered_once_by_kebab_case_name_and_join_the_vocabulary()
    {
        var functions = new WorkflowFunctions().AddDate("termination-date", _ => null);

        Assert.True(functions.HasDate("termination-date"));
        Assert.Equal(["termination-date"], functions.DateNames);
        Assert.Equal(["termination-date"], functions.Vocabulary(WorkflowRoles.All).Dates);
        Assert.Throws<ArgumentException>(() => functions.AddDate("termination-date", _ => null));
        Assert.Throws<ArgumentException>(() => functions.AddDate("TerminationDate", _ => null));
    }
}
