using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Proposals;

public sealed class KubeProposalFlowTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly RegionScope Sikka = KubeSetup.Sikka;

    private static async Task<(CreateKubeProposal Create, CaseService Fire)> SetUpAsync(TestDatabase db)
    {
        var setup = await KubeSetup.ImportAsync(db);
        return (setup.Create, setup.Fire);
    }

    private static KubeProposalRequest Request(int members = 6) => KubeSetup.Request(members);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_KUBE_proposal_walks_from_draft_to_closed_through_every_state(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        var fire = setup.Fire;
        await using var ctx = db.Context();
        var proposal = await setup.Create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        var steps = new (string Trigger, string User, string Role, string? Reason, string To)[]
        {
            ("submit", "operator.sikka", "operator", null, "desk-verification"),
            ("pass", "verifikator.sikka", "verifier", null, "field-verification"),
            ("record-visit", "pendamping.sikka", "pendamping", "kunjungan 12/05, usaha berjalan", "recommendation"),
            ("recommend", "kabid.pfm", "kepala-bidang", null, "approval"),
            ("approve", "kadis", "kepala-dinas", null, "disbursement"),
        };

        foreach (var (trigger, user, role, reason, to) in steps)
        {
            if (trigger == "record-visit")
            {
                var noEvidence = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, trigger, reason, user, [role], RegionScope.All));
                Assert.Contains("bukti kunjungan", noEvidence.Message, StringComparison.Ordinal);
                await setup.AttachAsync(ctx, proposal.Id, "kunjungan", user, role);
            }

            proposal = await fire.FireAsync(ctx, proposal.Id, trigger, reason, user, [role], RegionScope.All);
            Assert.Equal(to, proposal.State);
        }

        // Disbursement ends when the bank says it paid, not when someone clicks.
        var unpaid = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, "disburse", null, "bendahara", ["bendahara"], RegionScope.All));
        var batch = (await setup.Batches.CreateAsync(ctx, [proposal.Id], "bendahara")).Batch;
        var payment = await ctx.Payments.SingleAsync(p => p.BatchId == batch.Id);
        await setup.Batches.ReconcileAsync(ctx, batch.Id, KubeSetup.BankAnswer((payment.Id, "paid", "")), "bendahara", ["bendahara"]);
        ctx.ChangeTracker.Clear();
        Assert.Equal("accountability", (await ctx.Proposals.SingleAsync(p => p.Id == proposal.Id)).State);

        var noLpj = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, "submit-lpj", null, "operator.sikka", ["operator"], Sikka));
        await setup.AttachAsync(ctx, proposal.Id, "lpj", "operator.sikka", "operator");
        proposal = await fire.FireAsync(ctx, proposal.Id, "submit-lpj", "LPJ diterima lengkap", "operator.sikka", ["operator"], Sikka);

        Assert.Equal("closed", proposal.State);
        Assert.Contains("'Dibayar bank' terjadi sendiri saat bank menyatakan pembayaran berhasil (unggah berkas rekonsiliasi bank)", unpaid.Message, StringComparison.Ordinal);
        Assert.Contains("LPJ", noLpj.Message, StringComparison.Ordinal);
        Assert.Equal("layak", proposal.LastOutcome);
        var log = await ctx.ProposalTransitions.Where(t => t.ProposalId == proposal.Id).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(["create", .. steps.Select(s => s.Trigger), "disburse", "submit-lpj"], log.Select(t => t.Trigger));
        Assert.Equal(("bendahara", $"dibayar bank (batch {batch.Id})"), (log[^2].Actor, log[^2].Reason));
        Assert.Equal(0, await ctx.ProposalTasks.CountAsync(t => t.ProposalId == proposal.Id && t.CompletedAt == null));
        var desk = await ctx.ProposalTasks.SingleAsync(t => t.ProposalId == proposal.Id && t.State == "desk-verification");
        Assert.Equal(("verifier", "53.07", "verifikator.sikka", "pass"), (desk.CandidateRoles, desk.KabupatenCode, desk.CompletedBy, desk.Outcome));
        Assert.NotNull(desk.DueDate);
        Assert.Equal(["kunjungan", "lpj"], await ctx.ProposalDocuments.Where(d => d.ProposalId == proposal.Id).OrderBy(d => d.Id).Select(d => d.Kind).ToListAsync());
    }

    [Fact]
    public async Task A_returned_proposal_keeps_its_history_and_can_be_resubmitted_and_a_rejection_needs_a_reason()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var (create, fire) = await SetUpAsync(db);
        await using var ctx = db.Context();
        var proposal = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        await fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);

        var noReason = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, "return", " ", "verifikator.sikka", ["verifier"], Sikka));
        await fire.FireAsync(ctx, proposal.Id, "return", "foto usaha kurang jelas", "verifikator.sikka", ["verifier"], Sikka);
        await fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);
        var rejected = await fire.FireAsync(ctx, proposal.Id, "reject", "anggota ganda dengan KUBE lain", "verifikator.sikka", ["verifier"], Sikka);

        Assert.Contains("alasan", noReason.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("rejected", rejected.State);
        var log = await ctx.ProposalTransitions.Where(t => t.ProposalId == proposal.Id).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(["create", "submit", "return", "submit", "reject"], log.Select(t => t.Trigger));
        Assert.Equal("foto usaha kurang jelas", log[2].Reason);
    }

    [Fact]
    public async Task An_ineligible_group_cannot_pass_desk_verification_and_the_screening_explains_why()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var (create, fire) = await SetUpAsync(db);
        await using var ctx = db.Context();
        var proposal = await create.HandleAsync(ctx, Request(members: 4), "operator.sikka", ["operator"], Sikka);
        await fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);

        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, "pass", null, "verifikator.sikka", ["verifier"], Sikka));

        Assert.Contains("bukan 'layak'", refused.Message, StringComparison.Ordinal);
        var stored = await ctx.Proposals.SingleAsync(p => p.Id == proposal.Id);
        Assert.Equal(("desk-verification", "tidak-layak"), (stored.State, stored.LastOutcome));
        var decision = await ctx.Decisions.SingleAsync(d => d.Id == stored.LastDecisionId);
        Assert.Contains("KUBE beranggotakan 4 KK", decision.FindingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_approves_what_they_submitted_or_verified()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var (create, fire) = await SetUpAsync(db);
        await using var ctx = db.Context();
        var proposal = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        string[] both = ["verifier", "kepala-dinas", "operator", "pendamping", "kepala-bidang"];
        await fire.FireAsync(ctx, proposal.Id, "submit", null, "serba.bisa", both, Sikka);
        await fire.FireAsync(ctx, proposal.Id, "pass", null, "serba.bisa", both, Sikka);
        await (await KubeSetup.ImportAsync(db)).AttachAsync(ctx, proposal.Id, "kunjungan", "pendamping.sikka", "pendamping");
        await fire.FireAsync(ctx, proposal.Id, "record-visit", null, "pendamping.sikka", ["pendamping"], Sikka);
        await fire.FireAsync(ctx, proposal.Id, "recommend", null, "kabid.pfm", ["kepala-bidang"], RegionScope.All);

        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() => fire.FireAsync(ctx, proposal.Id, "approve", null, "serba.bisa", both, Sikka));
        var approved = await fire.FireAsync(ctx, proposal.Id, "approve", null, "kadis", ["kepala-dinas"], RegionScope.All);

        Assert.Contains("empat mata", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("disbursement", approved.State);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Two_people_completing_the_same_task_at_once_exactly_one_succeeds(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (create, fire) = await SetUpAsync(db);
        long id;
        int version;
        await using (var ctx = db.Context())
        {
            var proposal = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
            proposal = await fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);
            (id, version) = (proposal.Id, proposal.RowVersion);
        }

        await using var first = db.Context();
        await using var second = db.Context();
        var results = await Task.WhenAll(
            Attempt(() => fire.FireAsync(first, id, "pass", null, "verifikator.sikka", ["verifier"], Sikka, version)),
            Attempt(() => fire.FireAsync(second, id, "reject", "tidak sesuai", "verifikator.sikka.2", ["verifier"], Sikka, version)));

        Assert.Single(results, r => r is null);
        var conflict = Assert.Single(results, r => r is not null)!;
        Assert.True(conflict.Conflict || conflict.Message.Contains("tidak", StringComparison.Ordinal), conflict.Message);
        await using var check = db.Context();
        Assert.Equal(3, await check.ProposalTransitions.CountAsync(t => t.ProposalId == id));
    }

    [Fact]
    public async Task An_overdue_desk_task_is_escalated_once_and_the_escalation_is_logged()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var (create, fire) = await SetUpAsync(db);
        await using var ctx = db.Context();
        var proposal = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        await fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);
        var task = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.ProposalId == proposal.Id && t.CompletedAt == null);
        var onTheDueDay = new FixedClock(new DateTimeOffset(task.DueDate!.Value.ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(8)));
        var dayAfter = new FixedClock(onTheDueDay.GetUtcNow().AddDays(1));

        var early = await new EscalateOverdueTasks(db.Settings, fire, onTheDueDay).HandleAsync(ctx);
        var late = await new EscalateOverdueTasks(db.Settings, fire, dayAfter).HandleAsync(ctx);
        var again = await new EscalateOverdueTasks(db.Settings, fire, new FixedClock(dayAfter.GetUtcNow().AddDays(3))).HandleAsync(ctx);

        Assert.Equal((0, 1, 0), (early, late, again));
        var escalated = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal("verifier,kepala-bidang", escalated.CandidateRoles);
        var log = await ctx.ProposalTransitions.SingleAsync(t => t.ProposalId == proposal.Id && t.Trigger == "escalate");
        Assert.Equal(("sistem", "desk-verification"), (log.Actor, log.To));
    }

    [Fact]
    public async Task A_running_proposal_keeps_its_workflow_version_when_a_new_one_is_published()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var (create, fire) = await SetUpAsync(db);
        await using var ctx = db.Context();
        var running = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        var v2 = Sejahtera.Workflows.Defaults.DefaultWorkflows.KubeProposalJson
            .Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"sla_workdays\": 5", "\"sla_workdays\": 3", StringComparison.Ordinal);
        var publish = new PublishWorkflowDefinition(TimeProvider.System);

        await publish.HandleAsync(ctx, v2);
        var again = await Assert.ThrowsAsync<ProposalRefusedException>(() => publish.HandleAsync(ctx, v2));
        var broken = await Assert.ThrowsAsync<ProposalRefusedException>(() => publish.HandleAsync(ctx,
            v2.Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal).Replace("\"to\": \"field-verification\"", "\"to\": \"lapangan\"", StringComparison.Ordinal)));
        var fresh = await create.HandleAsync(ctx, Request(), "operator.sikka", ["operator"], Sikka);
        running = await fire.FireAsync(ctx, running.Id, "submit", null, "operator.sikka", ["operator"], Sikka);

        Assert.Equal((1, 2), (running.WorkflowVersion, fresh.WorkflowVersion));
        Assert.Contains("tidak dapat diubah", again.Message, StringComparison.Ordinal);
        Assert.Contains("'desk-verification'", broken.Message, StringComparison.Ordinal);
        Assert.Equal("desk-verification", running.State);
        Assert.Equal(1, await ctx.ProposalTransitions.Where(t => t.ProposalId == running.Id && t.Trigger == "submit").Select(t => t.WorkflowVersion).SingleAsync());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private static async Task<ProposalRefusedException?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (ProposalRefusedException e)
        {
            return e;
        }
        catch (DbUpdateException e)
        {
            return new ProposalRefusedException(e.Message, conflict: true);
        }
    }
}
