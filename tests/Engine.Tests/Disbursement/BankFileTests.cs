using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Disbursement;

/// <summary>
/// The bank transfer file moves money: it must hold exactly the batch's approved payments. These are
/// the probes that once added a second, unapproved Rp 99.000.000 row through a group name.
/// </summary>
public sealed class BankFileTests
{
    private const string ForgedRecord = "KUBE Maju\",10000000,\"x\"\n1,9999,1234567890,\"Penipu Bank\",99000000,\"Bansos";

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_group_name_holding_a_second_bank_record_is_refused_by_the_form_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();

        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Create.HandleAsync(ctx, KubeSetup.Request(group: ForgedRecord), "operator.sikka", ["operator"], KubeSetup.Sikka));
        var quoted = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Create.HandleAsync(ctx, KubeSetup.Request(holder: "=HYPERLINK(\"x\")"), "operator.sikka", ["operator"], KubeSetup.Sikka));

        Assert.Contains("nama kelompok berisi baris baru atau karakter kendali", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pemilik rekening berisi tanda kutip ganda", quoted.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Proposals.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_forged_group_name_already_in_the_database_never_reaches_a_batch(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx);
        // Written past the form, as an older row or a hand edit in the database would be.
        await ctx.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.GroupName, ForgedRecord));
        ctx.ChangeTracker.Clear();

        var error = await Assert.ThrowsAsync<DisbursementException>(() => setup.Batches.CreateAsync(ctx, [id], "bendahara"));

        Assert.Contains($"usulan {id}: nama kelompok berisi baris baru", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Payments.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_payment_changed_or_added_after_the_batch_was_made_stops_the_bank_file(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var id = await setup.ApprovedAsync(ctx);
        var batch = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;

        await ctx.Payments.ExecuteUpdateAsync(s => s.SetProperty(p => p.Description, ForgedRecord));
        var forged = await Assert.ThrowsAsync<DisbursementException>(() => setup.Batches.BankFileAsync(ctx, batch.Id, "bendahara"));
        await ctx.Payments.ExecuteUpdateAsync(s => s.SetProperty(p => p.Description, "Bansos KUBE"));
        ctx.Payments.Add(new Payment
        {
            BatchId = batch.Id, ProposalId = id, Tranche = 2, IdempotencyKey = $"{id}-2", AccountNumber = "1234567890", AccountHolder = "Penipu Bank",
            Amount = 99_000_000m, Description = "Bansos KUBE", Status = "pending",
        });
        await ctx.SaveChangesAsync();
        var added = await Assert.ThrowsAsync<DisbursementException>(() => setup.Batches.BankFileAsync(ctx, batch.Id, "bendahara"));

        Assert.Contains("keterangan berisi baris baru atau karakter kendali", forged.Message, StringComparison.Ordinal);
        Assert.Contains("batch dibuat dengan 1 pembayaran senilai 10000000, tetapi kini berisi 2 pembayaran senilai 109000000", added.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.AuditEntries.CountAsync(a => a.Action == "payment-batch.bank-file"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_bank_file_holds_one_quoted_row_per_payment_and_its_audit_names_rows_total_and_hash(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var first = await setup.ApprovedAsync(ctx, KubeSetup.Request(holder: "KUBE Tenun, Ikat & Songke", group: "KUBE Tenun, Ikat & Songke"));
        var batch = (await setup.Batches.CreateAsync(ctx, [first], "bendahara")).Batch;
        var payment = await ctx.Payments.AsNoTracking().SingleAsync();

        var file = await setup.Batches.BankFileAsync(ctx, batch.Id, "bendahara");

        Assert.Equal(
            [
                "batch_id,payment_id,account_number,account_holder,amount,description",
                $"{batch.Id},{payment.Id},0012345678,\"KUBE Tenun, Ikat & Songke\",10000000,\"Bansos KUBE Tenun, Ikat & Songke usulan {first} tahap 1\"",
                "",
            ],
            file.Text.Split('\n'));
        var audit = await ctx.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "payment-batch.bank-file");
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal(1, details.RootElement.GetProperty("payments").GetInt32());
        Assert.Equal(10_000_000m, details.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text))), details.RootElement.GetProperty("sha256").GetString());
    }
}
