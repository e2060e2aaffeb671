using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Disbursement;

/// <summary>The bank's answer is read by the same CSV reader as a DTKS file, with the same refusals.</summary>
public sealed class ReconciliationFileTests
{
    private static readonly string[] Treasurer = ["bendahara"];

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_bank_answer_with_a_quote_left_open_is_refused_naming_its_line_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx);
        var batch = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var payment = (await ctx.Payments.SingleAsync()).Id;
        // The quote opened on line 2 would swallow line 3: a "failed" answer with both lines as the bank's reason.
        var answer = new MemoryStream(Encoding.UTF8.GetBytes(
            $"payment_id,status,reason\n{payment},failed,\"rekening tidak aktif\n{payment},paid,\n"));

        var error = await Assert.ThrowsAsync<DisbursementException>(() =>
            setup.Batches.ReconcileAsync(ctx, batch.Id, answer, "bendahara", Treasurer));

        Assert.Contains("tidak ada yang berubah: Baris 2: tanda kutip (\") tidak ditutup", error.Message, StringComparison.Ordinal);
        var stored = await ctx.Payments.AsNoTracking().SingleAsync();
        Assert.Equal(("pending", (string?)null), (stored.Status, stored.BankReason));
    }
}
