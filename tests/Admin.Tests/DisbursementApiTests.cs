using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class DisbursementApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_treasurer_batches_two_proposals_the_bank_pays_one_and_refuses_the_other_which_the_operator_corrects_for_a_new_batch()
    {
        var paidId = await app.ApprovedAsync("KUBE Tenun Ikat Watublapi", "0011223301");
        var failedId = await app.ApprovedAsync("KUBE Ternak Babi Nita", "0011223302");
        using var treasurer = await app.SignedInAsync("bendahara");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");

        var ready = await ReadyAsync(treasurer);
        using var created = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { paidId, failedId } });
        using var twice = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { paidId } });

        Assert.Contains(paidId, ready);
        Assert.Contains(failedId, ready);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var batchId = (await Json(created)).GetProperty("batch_id").GetInt64();
        Assert.Equal($"/api/payment-batches/{batchId}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("tidak boleh dibuat dua kali", (await Json(twice)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var payments = (await Json(await treasurer.GetAsync($"/api/payment-batches/{batchId}"))).GetProperty("payments").EnumerateArray()
            .ToDictionary(p => p.GetProperty("proposal_id").GetInt64(), p => p.GetProperty("payment_id").GetInt64());
        using var file = await treasurer.GetAsync($"/api/payment-batches/{batchId}/bank-file");

        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"batch-{batchId}.csv", file.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            [
                "batch_id,payment_id,account_number,account_holder,amount,description",
                $"{batchId},{payments[paidId]},0011223301,\"KUBE Tenun Ikat Watublapi\",10000000,\"Bansos KUBE Tenun Ikat Watublapi usulan {paidId} tahap 1\"",
                $"{batchId},{payments[failedId]},0011223302,\"KUBE Ternak Babi Nita\",10000000,\"Bansos KUBE Ternak Babi Nita usulan {failedId} tahap 1\"",
                "",
            ],
            (await file.Content.ReadAsStringAsync()).Split('\n'));

        using var reconciled = await treasurer.PostAsync($"/api/payment-batches/{batchId}/reconciliation",
            Csv(KubeProposals.BankAnswer((payments[paidId], "paid", ""), (payments[failedId], "failed", "rekening tidak aktif"))));

        Assert.Equal(HttpStatusCode.OK, reconciled.StatusCode);
        var result = await Json(reconciled);
        Assert.Equal((1, 1, 0), (result.GetProperty("paid").GetInt32(), result.GetProperty("failed").GetInt32(), result.GetProperty("unchanged").GetInt32()));
        Assert.Equal(failedId, Assert.Single(result.GetProperty("account_corrections").EnumerateArray()).GetInt64());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            Assert.Equal("accountability", await db.Proposals.Where(p => p.Id == paidId).Select(p => p.State).SingleAsync());
            Assert.Equal("account-correction", await db.Proposals.Where(p => p.Id == failedId).Select(p => p.State).SingleAsync());
            var task = await db.ProposalTasks.AsNoTracking().SingleAsync(t => t.ProposalId == failedId && t.CompletedAt == null);
            Assert.Equal(("account-correction", "operator"), (task.State, task.CandidateRoles));
        }

        Assert.DoesNotContain(failedId, await ReadyAsync(treasurer));
        using var notOperator = await treasurer.PostAsJsonAsync($"/api/proposals/{failedId}/payment-correction",
            new { bank_account = "0099887766", account_holder = "KUBE Ternak Babi Nita" });
        using var corrected = await operatorSikka.PostAsJsonAsync($"/api/proposals/{failedId}/payment-correction",
            new { bank_account = "0099887766", account_holder = "Yohana Nona" });

        Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
        Assert.Contains("Operator", (await Json(notOperator)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("0099887766", (await Json(corrected)).GetProperty("bank_account").GetString());
        Assert.Contains(failedId, await ReadyAsync(treasurer));
    }

    [Fact]
    public async Task A_bad_account_is_left_out_of_the_batch_with_its_reason_and_the_treasurer_sends_it_back_for_correction()
    {
        var goodId = await app.ApprovedAsync("KUBE Tenun Ikat Nangahale", "0011223311");
        var badId = await app.ApprovedAsync("KUBE Ternak Kambing Kewapante", "0011223312");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // An account that went stale after approval (the bank closed it, a typo in an old row): written past the form.
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            await db.Proposals.Where(p => p.Id == badId).ExecuteUpdateAsync(s => s.SetProperty(p => p.BankAccount, "12-34"));
        }

        using var treasurer = await app.SignedInAsync("bendahara");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");
        using var created = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { goodId, badId } });
        var body = await Json(created);
        var leftOut = Assert.Single(body.GetProperty("left_out").EnumerateArray());
        var details = await Json(await treasurer.GetAsync($"/api/proposals/{badId}"));
        var sendBack = details.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("trigger").GetString() == "return-for-account");
        using var noReason = await treasurer.PostAsJsonAsync($"/api/proposals/{badId}/transitions", new { trigger = "return-for-account" });
        using var sentBack = await treasurer.PostAsJsonAsync($"/api/proposals/{badId}/transitions",
            new { trigger = "return-for-account", reason = "nomor rekening tidak sah" });
        using var corrected = await operatorSikka.PostAsJsonAsync($"/api/proposals/{badId}/payment-correction",
            new { bank_account = "0011223312", account_holder = "KUBE Ternak Kambing Kewapante" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, body.GetProperty("payments").GetInt32());
        Assert.Equal(badId, leftOut.GetProperty("proposal_id").GetInt64());
        Assert.Equal("nomor rekening harus 8–20 digit angka", leftOut.GetProperty("reason").GetString());
        Assert.True(sendBack.GetProperty("allowed").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("account-correction", (await Json(sentBack)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("disbursement", (await Json(corrected)).GetProperty("state").GetString());
        Assert.Contains(badId, await ReadyAsync(treasurer));
    }

    [Fact]
    public async Task A_reconciliation_file_naming_an_unknown_payment_is_refused_whole_and_nothing_changes()
    {
        var proposalId = await app.ApprovedAsync("KUBE Kios Sembako Hewokloang", "0011223303");
        using var treasurer = await app.SignedInAsync("bendahara");
        var batchId = await CreateBatchAsync(treasurer, proposalId);
        var paymentId = await app.PaymentOfAsync(proposalId);

        using var refused = await treasurer.PostAsync($"/api/payment-batches/{batchId}/reconciliation",
            Csv(KubeProposals.BankAnswer((paymentId, "paid", ""), (paymentId + 999, "paid", ""))));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var detail = (await Json(refused)).GetProperty("detail").GetString();
        Assert.Contains("tidak ada yang berubah", detail, StringComparison.Ordinal);
        Assert.Contains("baris 3: pembayaran tidak dikenal", detail, StringComparison.Ordinal);
        var batch = await Json(await treasurer.GetAsync($"/api/payment-batches/{batchId}"));
        Assert.Equal("open", batch.GetProperty("status").GetString());
        Assert.Equal("pending", Assert.Single(batch.GetProperty("payments").EnumerateArray()).GetProperty("status").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        Assert.Equal("disbursement", await db.Proposals.Where(p => p.Id == proposalId).Select(p => p.State).SingleAsync());
    }

    [Fact]
    public async Task Only_the_treasurer_creates_batches_and_reconciles_while_the_heads_may_read_and_others_may_not()
    {
        var proposalId = await app.ApprovedAsync("KUBE Perikanan Wuring", "0011223304");
        using var treasurer = await app.SignedInAsync("bendahara");
        using var head = await app.SignedInAsync("kadis");
        using var viewer = await app.SignedInAsync("pengamat");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");

        using var headCreates = await head.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { proposalId } });
        using var headReads = await head.GetAsync("/api/payment-batches/ready");
        using var viewerReads = await viewer.GetAsync("/api/payment-batches");
        using var operatorReads = await operatorSikka.GetAsync("/api/payment-batches/ready");
        var batchId = await CreateBatchAsync(treasurer, proposalId);
        var paymentId = await app.PaymentOfAsync(proposalId);
        using var headReconciles = await head.PostAsync($"/api/payment-batches/{batchId}/reconciliation", Csv(KubeProposals.BankAnswer((paymentId, "paid", ""))));
        using var viewerDownloads = await viewer.GetAsync($"/api/payment-batches/{batchId}/bank-file");

        Assert.Equal(HttpStatusCode.Forbidden, headCreates.StatusCode);
        Assert.Equal("application/problem+json", headCreates.Content.Headers.ContentType?.MediaType);
        Assert.Contains("yang boleh: Bendahara", (await Json(headCreates)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, headReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, headReconciles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerDownloads.StatusCode);
        var batch = await Json(await head.GetAsync($"/api/payment-batches/{batchId}"));
        Assert.Equal("pending", Assert.Single(batch.GetProperty("payments").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reconciliation_sent_as_plain_text_or_as_a_form_is_refused_as_an_unsupported_media_type()
    {
        var proposalId = await app.ApprovedAsync("KUBE Kopi Magepanda", "0011223305");
        using var treasurer = await app.SignedInAsync("bendahara");
        var batchId = await CreateBatchAsync(treasurer, proposalId);
        var answer = KubeProposals.BankAnswer((await app.PaymentOfAsync(proposalId), "paid", ""));

        using var plain = await treasurer.PostAsync($"/api/payment-batches/{batchId}/reconciliation", new StringContent(answer, Encoding.UTF8, "text/plain"));
        using var form = await treasurer.PostAsync($"/api/payment-batches/{batchId}/reconciliation",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["file"] = answer }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("text/csv", (await Json(plain)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var batch = await Json(await treasurer.GetAsync($"/api/payment-batches/{batchId}"));
        Assert.Equal("pending", Assert.Single(batch.GetProperty("payments").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_batch_or_an_empty_selection_is_explained_as_problem_details()
    {
        using var treasurer = await app.SignedInAsync("bendahara");

        using var missing = await treasurer.GetAsync("/api/payment-batches/987654");
        using var missingFile = await treasurer.GetAsync("/api/payment-batches/987654/bank-file");
        using var missingReconciliation = await treasurer.PostAsync("/api/payment-batches/987654/reconciliation", Csv("payment_id,status,reason\n"));
        using var empty = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = Array.Empty<long>() });
        using var unknownProposal = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { 987654L } });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Tidak ada batch pembayaran 987654.", (await Json(missing)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingReconciliation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("pilih minimal satu usulan", (await Json(empty)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownProposal.StatusCode);
        Assert.Contains("usulan 987654: tidak ditemukan", (await Json(unknownProposal)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<long>> ReadyAsync(HttpClient client) =>
        (await Json(await client.GetAsync("/api/payment-batches/ready"))).EnumerateArray().Select(p => p.GetProperty("proposal_id").GetInt64()).ToList();

    private static async Task<long> CreateBatchAsync(HttpClient client, long proposalId)
    {
        using var response = await client.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { proposalId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response)).GetProperty("batch_id").GetInt64();
    }


    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
