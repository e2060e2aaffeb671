using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Tests;

public class RunnerTests
{
    private readonly WorkflowRunner _runner = Kube.Runner();

    [Fact]
    public void A_KUBE_proposal_walks_from_draft_to_closed_through_every_state_with_the_right_actors()
    {
        var start = _runner.Start(Kube.Wednesday, "53.71.02");
        Assert.Equal("draft", start.State);
        Assert.Empty(start.EntryActions);
        Assert.Null(start.Task);

        var history = new List<CaseHistoryEntry>();
        var state = start.State;
        var steps = new (Actor Actor, string Trigger, string To)[]
        {
            (Kube.Operator, "submit", "desk-verification"),
            (Kube.Verifier, "pass", "field-verification"),
            (Kube.Pendamping, "record-visit", "recommendation"),
            (Kube.KepalaBidang, "recommend", "approval"),
            (Kube.KepalaDinas, "approve", "disbursement"),
            (Kube.Bendahara, "disburse", "accountability"),
            (Kube.Operator, "submit-lpj", "closed"),
        };

        var results = new List<TransitionResult>();
        foreach (var (actor, trigger, to) in steps)
        {
            // The bank's "paid" is an event, not a click.
            var result = trigger == "disburse"
                ? _runner.DecideEvent(Kube.Case(state, history: [.. history]), actor, EventMeanings.PaymentPaid, null, Kube.Wednesday)
                : _runner.Decide(Kube.Case(state, history: [.. history]), actor, trigger, null, Kube.Wednesday);

            Assert.True(result.Allowed, result.Message);
            Assert.Equal(to, result.State);
            Assert.Equal(new TransitionLogEntry("kube-001", actor.UserId, Kube.Wednesday, state, to, trigger, null, "kube-proposal", 1), result.Log);
            results.Add(result);
            history.Add(new CaseHistoryEntry(actor.UserId, trigger));
            state = result.State;
        }

        Assert.Equal("closed", state);
        var desk = results[0];
        Assert.Equal(["screen-eligibility"], desk.EntryActions);
        Assert.NotNull(desk.Task);
        Assert.Equal("desk-verification", desk.Task.State);
        Assert.Equal(["verifier"], desk.Task.CandidateRoles);
        Assert.Equal("53.71.02", desk.Task.Region);
        Assert.Equal(new DateOnly(2025, 8, 21), desk.Task.DueDate); // 5 working days, skipping the weekend and 18 August
        Assert.Equal("kepala-bidang", desk.Task.EscalateTo);
        Assert.Equal(["pendamping"], results[1].Task!.CandidateRoles);
        Assert.Equal(new DateOnly(2025, 8, 28), results[1].Task!.DueDate); // the field visit: 10 working days
        Assert.Equal(["kepala-bidang"], results[2].Task!.CandidateRoles);
        Assert.Equal(["kepala-dinas"], results[3].Task!.CandidateRoles);
        Assert.Equal(["bendahara"], results[4].Task!.CandidateRoles);
        Assert.Equal(["operator"], results[5].Task!.CandidateRoles);
        Assert.Null(results[6].Task);
        Assert.All(results.Skip(1), r => Assert.Empty(r.EntryActions));
    }

    [Fact]
    public void Returning_and_rejecting_with_a_reason_lead_back_to_draft_and_to_rejected()
    {
        var returned = _runner.Decide(Kube.Case("desk-verification"), Kube.Verifier, "return", "foto usaha belum ada", Kube.Wednesday);
        var rejected = _runner.Decide(Kube.Case("approval"), Kube.KepalaDinas, "reject", "  anggaran tahun ini habis ", Kube.Wednesday);

        Assert.True(returned.Allowed, returned.Message);
        Assert.Equal("draft", returned.State);
        Assert.Equal("foto usaha belum ada", returned.Log!.Reason);
        Assert.True(rejected.Allowed, rejected.Message);
        Assert.Equal("rejected", rejected.State);
        Assert.Equal("anggaran tahun ini habis", rejected.Log!.Reason);
        Assert.Null(rejected.Task);
    }

    [Fact]
    public async Task The_entry_actions_of_a_decision_run_through_the_registry()
    {
        var screened = new List<string>();
        var runner = Kube.Runner(screened);
        var result = runner.Decide(Kube.Case("draft"), Kube.Operator, "submit", null, Kube.Wednesday);

        var context = new WorkflowContext("kube-001", Kube.Operator, result.From, result.Trigger, result.State, null, Kube.Wednesday, new Proposal());
        await runner.Functions.RunActionsAsync(result.EntryActions, context);

        Assert.Equal(["kube-001"], screened);
    }

    [Fact]
    public void An_actor_without_the_role_is_refused_and_the_state_is_unchanged()
    {
        var result = _runner.Decide(Kube.Case("draft"), Kube.Viewer, "submit", null, Kube.Wednesday);

        Assert.False(result.Allowed);
        Assert.Equal("draft", result.State);
        Assert.Null(result.Task);
        Assert.Null(result.Log);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.RoleNotAllowed, refusal.Kind);
        Assert.Equal("peran Anda (Pengamat) tidak boleh menjalankan 'Ajukan ke verifikasi berkas' pada tahap 'Draf'; yang boleh: Operator kabupaten/kota", refusal.Message);
    }

    [Fact]
    public void Without_roles_on_the_transition_the_roles_of_the_state_task_decide()
    {
        var result = _runner.Decide(Kube.Case("desk-verification"), Kube.Operator, "pass", null, Kube.Wednesday);

        Assert.Equal(RefusalKind.RoleNotAllowed, Assert.Single(result.Refusals).Kind);
        Assert.Contains("yang boleh: Verifikator", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_guard_refuses_with_its_own_reason()
    {
        var result = _runner.Decide(Kube.Case("desk-verification", new Proposal(Eligible: false)), Kube.Verifier, "pass", null, Kube.Wednesday);

        Assert.False(result.Allowed);
        Assert.Equal("desk-verification", result.State);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.GuardFailed, refusal.Kind);
        Assert.Equal("eligible", refusal.Guard);
        Assert.Equal("syarat belum terpenuhi: hasil penyaringan aturan: kelompok tidak memenuhi syarat KUBE", refusal.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_reason_that_is_missing_or_blank_is_refused(string? reason)
    {
        var result = _runner.Decide(Kube.Case("desk-verification"), Kube.Verifier, "reject", reason, Kube.Wednesday);

        Assert.False(result.Allowed);
        Assert.Equal("desk-verification", result.State);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.ReasonRequired, refusal.Kind);
        Assert.Equal("alasan wajib diisi untuk 'Tolak usulan' pada tahap 'Verifikasi berkas'", refusal.Message);
    }

    [Fact]
    public void Nobody_approves_a_proposal_they_verified()
    {
        var verifierAndHead = new Actor("ver-1", [WorkflowRoles.Verifier, WorkflowRoles.KepalaDinas]);
        var workflowCase = Kube.Case("approval", history: [new("op-1", "submit"), new("ver-1", "pass"), new("pend-1", "record-visit"), new("kabid-1", "recommend")]);

        var result = _runner.Decide(workflowCase, verifierAndHead, "approve", null, Kube.Wednesday);

        Assert.False(result.Allowed);
        Assert.Equal("approval", result.State);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.FourEyes, refusal.Kind);
        Assert.Equal("prinsip empat mata: pengguna 'ver-1' sudah menjalankan 'Lolos ke verifikasi lapangan' pada kasus ini, jadi tidak boleh menjalankan 'Setujui'", refusal.Message);
    }

    [Fact]
    public void Nobody_approves_a_proposal_they_submitted_but_they_may_still_reject_it()
    {
        var submitterAndHead = new Actor("op-1", [WorkflowRoles.Operator, WorkflowRoles.KepalaDinas]);
        var workflowCase = Kube.Case("approval", history: [new("op-1", "submit"), new("ver-1", "pass")]);

        var approve = _runner.Decide(workflowCase, submitterAndHead, "approve", null, Kube.Wednesday);
        var reject = _runner.Decide(workflowCase, submitterAndHead, "reject", "ragu", Kube.Wednesday);

        Assert.Equal(RefusalKind.FourEyes, Assert.Single(approve.Refusals).Kind);
        Assert.True(reject.Allowed, reject.Message);
    }

    [Fact]
    public void Every_failing_check_is_reported_together()
    {
        var result = _runner.Decide(Kube.Case("desk-verification"), Kube.Viewer, "return", null, Kube.Wednesday);

        Assert.Equal([RefusalKind.RoleNotAllowed, RefusalKind.ReasonRequired], result.Refusals.Select(r => r.Kind));
        Assert.Equal(string.Join("; ", result.Refusals.Select(r => r.Message)), result.Message);
    }

    [Fact]
    public void An_actor_of_another_region_is_refused()
    {
        var elsewhere = new Actor("ver-9", [WorkflowRoles.Verifier], "53.10");

        var result = _runner.Decide(Kube.Case("desk-verification"), elsewhere, "pass", null, Kube.Wednesday);

        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.RegionNotAllowed, refusal.Kind);
        Assert.Equal("kasus ini di wilayah 53.71.02, di luar wilayah Anda (53.10)", refusal.Message);
    }

    [Fact]
    public void A_trigger_unknown_in_the_current_state_is_refused_naming_the_available_ones()
    {
        var result = _runner.Decide(Kube.Case("draft"), Kube.KepalaDinas, "approve", null, Kube.Wednesday);

        Assert.Equal("draft", result.State);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalKind.UnknownTrigger, refusal.Kind);
        Assert.Equal("tindakan 'approve' tidak tersedia pada tahap 'Draf' (yang tersedia: Ajukan ke verifikasi berkas (submit))", refusal.Message);
    }

    [Fact]
    public void Nothing_can_be_fired_in_a_final_state_or_an_unknown_one()
    {
        var closed = _runner.Decide(Kube.Case("closed"), Kube.Operator, "submit", null, Kube.Wednesday);
        var unknown = _runner.Decide(Kube.Case("archived"), Kube.Operator, "submit", null, Kube.Wednesday);

        Assert.Equal("tahap 'Selesai' adalah tahap akhir; tidak ada tindakan lagi", closed.Message);
        Assert.Equal(RefusalKind.UnknownState, Assert.Single(unknown.Refusals).Kind);
        Assert.Equal("archived", unknown.State);
    }

    [Fact]
    public void The_permitted_triggers_of_a_verifier_in_desk_verification_are_pass_return_and_reject()
    {
        Assert.Equal(["pass", "return", "reject"], _runner.PermittedTriggers(Kube.Case("desk-verification"), Kube.Verifier, Kube.Wednesday));
    }

    [Fact]
    public void A_failing_guard_removes_its_trigger_from_the_permitted_ones_and_the_options_say_why()
    {
        var workflowCase = Kube.Case("desk-verification", new Proposal(Eligible: false));

        var permitted = _runner.PermittedTriggers(workflowCase, Kube.Verifier, Kube.Wednesday);
        var options = _runner.Actions(workflowCase, Kube.Verifier, Kube.Wednesday);

        Assert.Equal(["return", "reject"], permitted);
        var pass = Assert.Single(options, o => o.Trigger == "pass");
        Assert.False(pass.Allowed);
        Assert.Equal("field-verification", pass.To);
        Assert.Equal(RefusalKind.GuardFailed, Assert.Single(pass.Refusals).Kind);
        Assert.True(Assert.Single(options, o => o.Trigger == "reject").ReasonRequired);
    }

    [Fact]
    public void Actors_without_the_role_or_barred_by_four_eyes_are_offered_nothing_they_may_not_do()
    {
        var submitterAndHead = new Actor("op-1", [WorkflowRoles.Operator, WorkflowRoles.KepalaDinas]);
        var approval = Kube.Case("approval", history: [new("op-1", "submit")]);

        Assert.Empty(_runner.PermittedTriggers(Kube.Case("desk-verification"), Kube.Viewer, Kube.Wednesday));
        Assert.Empty(_runner.PermittedTriggers(Kube.Case("draft", new Proposal(DocumentsComplete: false)), Kube.Operator, Kube.Wednesday));
        Assert.Equal(["submit"], _runner.PermittedTriggers(Kube.Case("draft"), Kube.Operator, Kube.Wednesday));
        Assert.Equal(["reject"], _runner.PermittedTriggers(approval, submitterAndHead, Kube.Wednesday));
        Assert.Equal(["approve", "reject"], _runner.PermittedTriggers(approval, Kube.KepalaDinas, Kube.Wednesday));
        Assert.Empty(_runner.PermittedTriggers(Kube.Case("closed"), Kube.Operator, Kube.Wednesday));
    }

    [Fact]
    public void A_runner_refuses_a_definition_whose_guards_or_actions_are_not_registered()
    {
        var functions = new WorkflowFunctions().AddGuard("eligible", _ => true, "tidak");

        var error = Assert.Throws<ArgumentException>(() => new WorkflowRunner(DefaultWorkflows.KubeProposal(), functions, new WorkCalendar()));

        Assert.Contains("guard 'documents-complete'", error.Message, StringComparison.Ordinal);
        Assert.Contains("aksi 'screen-eligibility'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_and_action_names_are_kebab_case_and_registered_once()
    {
        var functions = new WorkflowFunctions().AddGuard("eligible", _ => true, "tidak");

        Assert.Throws<ArgumentException>(() => functions.AddGuard("eligible", _ => true, "tidak"));
        Assert.Throws<ArgumentException>(() => functions.AddGuard("Eligible", _ => true, "tidak"));
        Assert.Throws<ArgumentException>(() => functions.AddAction("send_sms", _ => { }));
    }
}
