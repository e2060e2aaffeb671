using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Proposals;

public sealed class DisbursementTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly string[] Treasurer = ["bendahara"];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_payment_is_never_created_twice_and_a_failed_one_goes_back_to_the_operator(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx, KubeSetup.Request(holder: "maria  goreti bria", group: "KUBE Tenun"));
        var batches = setup.Batches;

        var batch = (await batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var twice = await Assert.ThrowsAsync<DisbursementException>(() => batches.CreateAsync(ctx, [id], "bendahara"));
        var file = await batches.BankFileAsync(ctx, batch.Id, "bendahara");
        var payment = await ctx.Payments.SingleAsync();

        Assert.Contains("tidak boleh dibuat dua kali", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == "payment-batch.bank-file" && a.Actor == "bendahara"));
        Assert.Equal($"{batch.Id},{payment.Id},0012345678,\"maria  goreti bria\",10000000,\"Bansos KUBE Tenun usulan {id} tahap 1\"", file.Text.Split('\n')[1]);

        var unknown = await Assert.ThrowsAsync<DisbursementException>(() => batches.ReconcileAsync(ctx, batch.Id,
            KubeSetup.BankAnswer((payment.Id + 99, "paid", "")), "bendahara", Treasurer));
        Assert.Contains("tidak ada yang berubah", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("pending", (await ctx.Payments.AsNoTracking().SingleAsync()).Status);

        var result = await batches.ReconcileAsync(ctx, batch.Id, KubeSetup.BankAnswer((payment.Id, "failed", "rekening tidak aktif")), "bendahara", Treasurer);

        Assert.Equal((0, 1), (result.Paid, result.Failed));
        var failed = await ctx.Payments.AsNoTracking().SingleAsync();
        Assert.Equal(("failed", "rekening tidak aktif"), (failed.Status, failed.BankReason));
        Assert.Equal([id], result.Corrections);
        var task = await ctx.ProposalTasks.SingleAsync(t => t.ProposalId == id && t.CompletedAt == null);
        Assert.Equal(("account-correction", "operator", (DateTimeOffset?)null), (task.State, task.CandidateRoles, task.CompletedAt));
        Assert.Equal("account-correction", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == id)).State);
        // Not paid again by itself: the proposal waits for the operator's correction before any new batch.
        var beforeCorrection = await Assert.ThrowsAsync<DisbursementException>(() => batches.CreateAsync(ctx, [id], "bendahara"));
        Assert.Contains("tidak lagi pada tahap pencairan", beforeCorrection.Message, StringComparison.Ordinal);
        Assert.Empty(await batches.ReadyAsync(ctx));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_corrected_account_is_paid_in_a_new_batch_and_the_bank_file_read_twice_changes_nothing_more(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx);
        var first = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var refused = await ctx.Payments.SingleAsync();
        await setup.Batches.ReconcileAsync(ctx, first.Id, KubeSetup.BankAnswer((refused.Id, "failed", "nama tidak sesuai")), "bendahara", Treasurer);

        var stillWrong = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Correct.HandleAsync(ctx, id, "0099887766", "Petrus Kanisius", "operator.sikka", ["operator"], KubeSetup.Sikka));
        var notOperator = await Assert.ThrowsAsync<Sejahtera.Engine.Cases.CaseActionForbiddenException>(() =>
            setup.Correct.HandleAsync(ctx, id, "0099887766", "Yohana Nona", "bendahara", Treasurer, RegionScope.All));
        await setup.Correct.HandleAsync(ctx, id, "0099887766", "Yohana Nona", "operator.sikka", ["operator"], KubeSetup.Sikka);
        Assert.Equal([id], (await setup.Batches.ReadyAsync(ctx)).Select(p => p.Id));
        var second = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var retried = await ctx.Payments.SingleAsync(p => p.BatchId == second.Id);
        var answer = KubeSetup.BankAnswer((retried.Id, "paid", ""));
        var paid = await setup.Batches.ReconcileAsync(ctx, second.Id, answer, "bendahara", Treasurer);
        ctx.ChangeTracker.Clear();
        var again = await setup.Batches.ReconcileAsync(ctx, second.Id, KubeSetup.BankAnswer((retried.Id, "paid", "")), "bendahara", Treasurer);
        var contradicts = await Assert.ThrowsAsync<DisbursementException>(() =>
            setup.Batches.ReconcileAsync(ctx, second.Id, KubeSetup.BankAnswer((retried.Id, "failed", "salah")), "bendahara", Treasurer));

        Assert.Contains("bukan kelompok, ketua, atau bendahara", stillWrong.Message, StringComparison.Ordinal);
        Assert.Contains("Operator kabupaten/kota", notOperator.Message, StringComparison.Ordinal);
        Assert.Equal(("0099887766", "Yohana Nona", 1), (retried.AccountNumber, retried.AccountHolder, retried.Tranche));
        Assert.Equal(refused.IdempotencyKey, retried.IdempotencyKey);
        Assert.Equal((1, 0, 0), (paid.Paid, paid.Failed, paid.Unchanged));
        Assert.Equal((0, 0, 1), (again.Paid, again.Failed, again.Unchanged));
        Assert.Contains("sudah dinyatakan paid", contradicts.Message, StringComparison.Ordinal);
        Assert.Equal("accountability", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == id)).State);
        Assert.Equal(["failed", "paid"], await ctx.Payments.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Status).ToListAsync());
        Assert.Equal("reconciled", (await ctx.PaymentBatches.AsNoTracking().SingleAsync(b => b.Id == second.Id)).Status);
        var log = await ctx.ProposalTransitions.AsNoTracking().Where(t => t.ProposalId == id).OrderBy(t => t.Id).Select(t => t.Trigger).ToListAsync();
        Assert.Equal(["payment-failed", "correct-account", "disburse"], log.TakeLast(3));
        var audit = await ctx.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync();
        Assert.Equal(2, audit.Count(a => a == "payment-batch.create"));
        Assert.Equal(3, audit.Count(a => a == "payment-batch.reconcile")); // the repeated file too: every upload is on record
        Assert.Contains("payment.correct", audit);
    }

    [Fact]
    public async Task A_live_payment_cannot_be_inserted_twice_even_past_the_checks()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx);
        var batch = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var original = await ctx.Payments.AsNoTracking().SingleAsync();

        ctx.Payments.Add(new Payment
        {
            BatchId = batch.Id, ProposalId = id, Tranche = 1, IdempotencyKey = original.IdempotencyKey, AccountNumber = "1", AccountHolder = "x",
            Amount = 1, Description = "x", Status = "pending",
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
    }

    [Fact]
    public async Task An_account_held_by_someone_outside_the_group_is_refused_where_it_is_typed_and_again_before_any_payment()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();

        var atTheForm = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Create.HandleAsync(ctx, KubeSetup.Request(holder: "Petrus Kanisius"), "operator.sikka", ["operator"], KubeSetup.Sikka));
        var id = await setup.ApprovedAsync(ctx);
        await ctx.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AccountHolder, "Petrus Kanisius"));
        ctx.ChangeTracker.Clear();
        var atPayment = await Assert.ThrowsAsync<DisbursementException>(() => setup.Batches.CreateAsync(ctx, [id], "bendahara"));

        Assert.Contains("pemilik rekening 'Petrus Kanisius' bukan kelompok, ketua, atau bendahara", atTheForm.Message, StringComparison.Ordinal);
        Assert.Contains($"usulan {id}: pemilik rekening 'Petrus Kanisius' bukan kelompok, ketua, atau bendahara", atPayment.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Payments.CountAsync());
    }
}
