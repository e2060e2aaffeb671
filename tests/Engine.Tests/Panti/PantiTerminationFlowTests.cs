using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Panti;

public sealed class PantiTerminationFlowTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly string[] Treasurer = ["bendahara"];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_termination_case_walks_from_proposal_through_return_four_eyes_bank_failure_and_an_overdue_visit_to_closed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new PantiSetup(PantiSetup.Clock());
        await using var ctx = db.Context();
        var resident = await PantiSetup.ResidentAsync(ctx, "riang-naibonat", "5301045203080001", "Maria Seran");

        // Only UPT staff propose, and only for their own home's residents.
        await Assert.ThrowsAsync<AccessRefusedException>(() =>
            setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id), "operator.sikka", ["operator"], RegionScope.All));
        var otherHome = await Assert.ThrowsAsync<ResidentNotFoundException>(() =>
            setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id), "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung));
        Assert.Contains("tidak ditemukan", otherHome.Message, StringComparison.Ordinal);
        var wrongHolder = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id, holder: "Petrus Kanisius"), "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat));
        Assert.Contains("bukan wali penerima", wrongHolder.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Proposals.CountAsync());

        var proposal = await setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id), "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        var id = proposal.Id;
        Assert.Equal(("panti-terminasi", "draft", "riang-naibonat", "53.01"), (proposal.Program, proposal.State, proposal.HomeCode, proposal.KabupatenCode));
        await Assert.ThrowsAsync<ProposalNotFoundException>(() =>
            setup.Cases.FireAsync(ctx, id, "submit", null, "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung));

        // Submitted: the rule set decides on entry to verification.
        await setup.Cases.FireAsync(ctx, id, "submit", null, "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        var screened = await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == id);
        var decision = await ctx.Decisions.AsNoTracking().SingleAsync(d => d.Id == screened.LastDecisionId);
        Assert.Equal(("verification", "layak", 4_000_000m, "panti-terminasi"), (screened.State, decision.Outcome, decision.Amount, decision.Program));

        // Returned with a reason, edited, submitted again.
        var noReason = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, id, "return", null, "rehsos", ["rehsos"], RegionScope.All));
        await setup.Cases.FireAsync(ctx, id, "return", "jadwal bimbingan lanjut terlalu jauh", "rehsos", ["rehsos"], RegionScope.All);
        ctx.ChangeTracker.Clear();
        await setup.Edit.HandleAsync(ctx, id, PantiSetup.Request(resident.Id, followUp: new DateOnly(2026, 3, 30)), null, "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        await setup.Cases.FireAsync(ctx, id, "submit", null, "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);

        // Four eyes: whoever verified may not approve, even holding the Kepala Dinas role.
        await setup.Cases.FireAsync(ctx, id, "pass", null, "rehsos.plt", ["rehsos", "kepala-dinas"], RegionScope.All);
        var fourEyes = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, id, "approve", null, "rehsos.plt", ["rehsos", "kepala-dinas"], RegionScope.All));
        Assert.Contains("empat mata", fourEyes.Message, StringComparison.Ordinal);
        await setup.Cases.FireAsync(ctx, id, "approve", null, "kadis", ["kepala-dinas"], RegionScope.All);

        // Paid through the same batches as KUBE: the bank refuses first, UPT staff correct the account.
        var batch = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var file = await setup.Batches.BankFileAsync(ctx, batch.Id, "bendahara");
        Assert.Contains($"\"Yakobus Taneo\",4000000,\"Bansos terminasi Maria Seran usulan {id} tahap 1\"", file.Text, StringComparison.Ordinal);
        var payment = await ctx.Payments.SingleAsync();
        await setup.Batches.ReconcileAsync(ctx, batch.Id, KubeSetup.BankAnswer((payment.Id, "failed", "rekening tidak aktif")), "bendahara", Treasurer);
        var correction = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.ProposalId == id && t.CompletedAt == null);
        Assert.Equal(("account-correction", "upt-staff"), (correction.State, correction.CandidateRoles));
        await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Correct.HandleAsync(ctx, id, "0099887766", "Petrus Kanisius", "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat));
        ctx.ChangeTracker.Clear();
        await setup.Correct.HandleAsync(ctx, id, "0099887766", "Maria Seran", "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        var second = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var retried = await ctx.Payments.SingleAsync(p => p.BatchId == second.Id);
        await setup.Batches.ReconcileAsync(ctx, second.Id, KubeSetup.BankAnswer((retried.Id, "paid", "")), "bendahara", Treasurer);

        // The follow-up visit is due 20 working days after the termination, not after the payment.
        var visit = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.ProposalId == id && t.CompletedAt == null);
        Assert.Equal(("follow-up-visit", "upt-staff", ProposalWorkflow.Calendar.DueDate(new DateOnly(2026, 2, 27), 20)),
            (visit.State, visit.CandidateRoles, visit.DueDate!.Value));
        setup.Time.Advance(TimeSpan.FromDays(35));
        var escalated = await new EscalateOverdueTasks(db.Settings, setup.Cases, setup.Time).HandleAsync(ctx);
        Assert.Equal(1, escalated);
        var overdue = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.Id == visit.Id);
        Assert.Equal("upt-staff,kepala-bidang", overdue.CandidateRoles);

        // Closed only with the visit report attached.
        var noReport = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, id, "record-follow-up", null, "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat));
        Assert.Contains("bimbingan lanjut belum diunggah", noReport.Message, StringComparison.Ordinal);
        await setup.AttachAsync(ctx, id, "bimbingan-lanjut", "upt.naibonat", "upt-staff", PantiSetup.Naibonat);
        await setup.Cases.FireAsync(ctx, id, "record-follow-up", "klien tinggal bersama paman, bersekolah kembali", "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);

        var closed = await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(("closed", "closed"), (closed.State, closed.Stage));
        var log = await ctx.ProposalTransitions.AsNoTracking().Where(t => t.ProposalId == id).OrderBy(t => t.Id).Select(t => t.Trigger).ToListAsync();
        Assert.Equal(
            ["create", "submit", "return", "edit", "submit", "pass", "approve", "payment-failed", "correct-account", "disburse", "escalate", "record-follow-up"],
            log);
        Assert.Contains("alasan", noReason.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_case_is_rejected_with_a_reason_and_a_second_case_for_the_same_resident_is_refused_while_one_runs(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new PantiSetup(PantiSetup.Clock());
        await using var ctx = db.Context();
        var resident = await PantiSetup.ResidentAsync(ctx, "budi-agung", "5371015505500002", "Ance Manafe");
        var early = await PantiSetup.ResidentAsync(ctx, "budi-agung", "5371014404510003", "Yuliana Bana", stage: "intervensi");

        var tooEarly = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Propose.HandleAsync(ctx, PantiSetup.Request(early.Id, holder: "Yuliana Bana", payee: "klien"), "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung));
        Assert.Contains("tahap intervensi", tooEarly.Message, StringComparison.Ordinal);

        var first = await setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id, holder: "Ance Manafe", payee: "klien"), "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung);
        var twice = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id, holder: "Ance Manafe", payee: "klien"), "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung));
        Assert.Contains($"sudah memiliki usulan bantuan terminasi (usulan {first.Id})", twice.Message, StringComparison.Ordinal);

        await setup.Cases.FireAsync(ctx, first.Id, "submit", null, "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung);
        await setup.Cases.FireAsync(ctx, first.Id, "reject", "klien dirujuk ke panti lain, bukan terminasi", "rehsos", ["rehsos"], RegionScope.All);
        Assert.Equal("rejected", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == first.Id)).Stage);

        // A rejected case no longer blocks a new one.
        var again = await setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id, holder: "Ance Manafe", payee: "klien"), "upt.budiagung", PantiSetup.Upt, PantiSetup.BudiAgung);
        Assert.NotEqual(first.Id, again.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_resident_whose_evaluation_is_not_done_is_screened_not_eligible_and_cannot_be_verified(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new PantiSetup(PantiSetup.Clock());
        await using var ctx = db.Context();
        var resident = await PantiSetup.ResidentAsync(ctx, "riang-naibonat", "5301045203080001", "Maria Seran");
        resident.EvaluationDone = false;
        await ctx.SaveChangesAsync();

        var proposal = await setup.Propose.HandleAsync(ctx, PantiSetup.Request(resident.Id), "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        await setup.Cases.FireAsync(ctx, proposal.Id, "submit", null, "upt.naibonat", PantiSetup.Upt, PantiSetup.Naibonat);
        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, proposal.Id, "pass", null, "rehsos", ["rehsos"], RegionScope.All));

        Assert.Contains("bukan 'layak'", refused.Message, StringComparison.Ordinal);
        var decision = await ctx.Decisions.AsNoTracking().SingleAsync();
        Assert.Equal("tidak-layak", decision.Outcome);
        Assert.Contains("evaluasi-selesai", decision.FindingsJson, StringComparison.Ordinal);
    }
}
