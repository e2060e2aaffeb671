using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Proposals;

public sealed class DisbursementTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly string[] Niks = Enumerable.Range(1, 6).Select(i => DtksFile.Nik("530701", $"{10 + i:00}0685", i)).ToArray();

    /// <summary>An approved proposal waiting for disbursement, with the given account holder.</summary>
    private static async Task<long> ApprovedAsync(TestDatabase db, SejahteraDbContext ctx, string holder = "maria  goreti bria", string group = "KUBE Tenun")
    {
        if (!await ctx.Households.AnyAsync())
        {
            var file = new DtksFile();
            for (var i = 0; i < Niks.Length; i++)
            {
                file.Row($"H{i + 1}", Niks[i]);
            }

            await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(file.WriteTo(db.Folder)));
        }

        var fire = new FireTrigger(new ProposalWorkflow(new EvaluateSubject(new RuleSetCatalog(), TimeProvider.System), TimeProvider.System), TimeProvider.System);
        var proposal = await new CreateKubeProposal(TimeProvider.System).HandleAsync(ctx, new KubeProposalRequest(
            group, "tenun", "53.07.01", Niks, "0012345678", holder, "Maria Goreti Bria", "Yohana Nona", "benang", 10_000_000m, true, true, true),
            "operator.sikka", RegionScope.All);
        foreach (var (trigger, user, role) in new[] { ("submit", "op", "operator"), ("pass", "ver", "verifier"), ("record-visit", "pen", "pendamping"), ("recommend", "kabid", "kepala-bidang"), ("approve", "kadis", "kepala-dinas") })
        {
            await fire.HandleAsync(ctx, proposal.Id, trigger, null, user, [role], RegionScope.All);
        }

        return proposal.Id;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_payment_is_never_created_twice_and_a_failed_one_goes_back_to_the_operator(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var id = await ApprovedAsync(db, ctx);
        var batches = new PaymentBatches(TimeProvider.System);

        var batch = await batches.CreateAsync(ctx, [id], "bendahara");
        var twice = await Assert.ThrowsAsync<DisbursementException>(() => batches.CreateAsync(ctx, [id], "bendahara"));
        var file = await batches.BankFileAsync(ctx, batch.Id);
        var payment = await ctx.Payments.SingleAsync();

        Assert.Contains("tidak boleh dibuat dua kali", twice.Message, StringComparison.Ordinal);
        Assert.Equal($"{batch.Id},{payment.Id},0012345678,\"maria  goreti bria\",10000000,\"Bansos KUBE KUBE Tenun usulan {id} tahap 1\"", file.Split('\n')[1]);

        var unknown = await Assert.ThrowsAsync<DisbursementException>(() => batches.ReconcileAsync(ctx, batch.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"payment_id,status,reason\n{payment.Id + 99},paid,\n")), "bendahara"));
        Assert.Contains("tidak ada yang berubah", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("pending", (await ctx.Payments.AsNoTracking().SingleAsync()).Status);

        var result = await batches.ReconcileAsync(ctx, batch.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"payment_id,status,reason\n{payment.Id},failed,rekening tidak aktif\n")), "bendahara");

        Assert.Equal((0, 1), (result.Paid, result.Failed));
        var failed = await ctx.Payments.AsNoTracking().SingleAsync();
        Assert.Equal(("failed", "rekening tidak aktif"), (failed.Status, failed.BankReason));
        var task = await ctx.ProposalTasks.SingleAsync(t => t.Id == result.CorrectionTasks[0]);
        Assert.Equal(("payment-correction", "operator", (DateTimeOffset?)null), (task.State, task.CandidateRoles, task.CompletedAt));
        Assert.Equal(1, await ctx.Payments.CountAsync());
    }

    [Fact]
    public async Task An_account_held_by_someone_outside_the_group_is_refused_before_any_payment()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var id = await ApprovedAsync(db, ctx, holder: "Petrus Kanisius");

        var error = await Assert.ThrowsAsync<DisbursementException>(() => new PaymentBatches(TimeProvider.System).CreateAsync(ctx, [id], "bendahara"));

        Assert.Contains("bukan kelompok, ketua, atau bendahara", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Payments.CountAsync());
    }
}
