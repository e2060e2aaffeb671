using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Admin.Api;

/// <summary>Disbursement over HTTP: batches of approved proposals, the bank transfer file, the bank's answer, the operator's correction.</summary>
internal static class DisbursementApi
{
    /// <summary>Payments carry account numbers: only the treasurer and the office's heads and admin see them.</summary>
    public const long MaxBankFileBytes = 5 * 1024 * 1024;

    public const string CsvType = "text/csv; charset=utf-8";

    public sealed record CreateRequest([property: JsonPropertyName("proposal_ids")] IReadOnlyList<long>? ProposalIds);

    public sealed record CorrectionRequest(
        [property: JsonPropertyName("bank_account")] string? BankAccount,
        [property: JsonPropertyName("account_holder")] string? AccountHolder);

    public static void MapDisbursementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payment-batches").RequirePermission(Permission.ReadDisbursement).AnswerRefusals();

        // The batches a page at a time (status, program, q: see ListPayments); the paging is in the headers.
        api.MapGet("", async Task<Results<Ok<IEnumerable<BatchListEntry>>, ProblemHttpResult>> (
            int? page, int? page_size, string? sort, string? status, string? program, string? q, HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            var list = await ListPayments.BatchesAsync(db, new PaymentFilter(status, program, q), Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Batches);
            return TypedResults.Ok(list.Batches.Items.Select(BatchListEntry.Of));
        });

        // The payments of one batch a page at a time (status, program, q), in the headers' paging; the batch itself lists them all.
        api.MapGet("/{id:long}/payments", async Task<Results<Ok<IEnumerable<BatchPayment>>, ProblemHttpResult>> (
            long id, int? page, int? page_size, string? sort, string? status, string? program, string? q, HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            if (await FindAsync(db, id, ct) is null)
            {
                return NoBatch(id);
            }

            var list = await ListPayments.OfBatchAsync(db, id, new PaymentFilter(status, program, q), Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Payments);
            return TypedResults.Ok(list.Payments.Items.Select(p => new BatchPayment(
                p.Id, p.ProposalId, p.Tranche, p.AccountNumber, p.AccountHolder, p.Amount, p.Description, p.Status, p.BankReason, p.ReconciledAt)));
        });

        api.MapGet("/ready", async (SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await batches.ReadyAsync(db, ct)).Select(p => new ReadyProposal(
                p.Id, p.GroupName, p.KabupatenCode, p.KecamatanCode, RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name, p.BankAccount, p.AccountHolder))));

        api.MapPost("", async (CreateRequest request, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await CreateAsync(db, batches, request.ProposalIds, user.Identity!.Name!, ct);
            return TypedResults.Created($"/api/payment-batches/{created.Batch.Id}", new BatchCreatedResponse(
                created.Batch.Id, created.Batch.PaymentCount, created.Batch.TotalAmount, [.. created.LeftOut.Select(l => new LeftOutProposal(l.ProposalId, l.Reason))]));
        }).RequirePermission(Permission.PayBatches);

        api.MapGet("/{id:long}/export", async Task<Results<ExportResults.ExportFile, ProblemHttpResult>> (long id, string? format, SejahteraDbContext db, CancellationToken ct) =>
        {
            if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
            {
                return refused;
            }

            return await ExportPayments.HandleAsync(db, id, PaymentLabels.Status, ct) is { } table
                ? ExportResults.Of(table, parsed)
                : NoBatch(id);
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/{id:long}", async Task<Results<Ok<BatchDetails>, ProblemHttpResult>> (long id, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {

            if (await FindAsync(db, id, ct) is not { } batch)
            {
                return NoBatch(id);
            }

            var payments = await batches.PaymentsAsync(db, id, ct);
            return TypedResults.Ok(new BatchDetails(batch.Id, batch.CreatedAt, batch.CreatedBy, batch.Status, [.. payments.Select(p => new BatchPayment(
                p.Id, p.ProposalId, p.Tranche, p.AccountNumber, p.AccountHolder, p.Amount, p.Description, p.Status, p.BankReason, p.ReconciledAt))]));
        });

        api.MapGet("/{id:long}/bank-file", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {

            if (await FindAsync(db, id, ct) is null)
            {
                return NoBatch(id);
            }

            var file = await batches.BankFileAsync(db, id, user.Identity!.Name!, ct);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(file.Text), CsvType, BankFileName(id));
        }).Produces<Stream>(StatusCodes.Status200OK, CsvType);

        api.MapPost("/{id:long}/reconciliation", async Task<Results<Ok<ReconciliationResponse>, ProblemHttpResult>> (
            long id, HttpRequest request, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await FindAsync(db, id, ct) is null)
            {
                return NoBatch(id);
            }

            // A cross-site form can only send text/plain or form types; insisting on text/csv keeps a
            // cookie-authenticated upload from being forged by another site.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Refusals.WrongContentType(
                    "Kirim berkas rekonsiliasi bank sebagai isi permintaan dengan Content-Type text/csv.");
            }

            var result = await ReconcileAsync(db, batches, id, request.Body, user, ct);
            return TypedResults.Ok(new ReconciliationResponse(result.Paid, result.Failed, result.Unchanged, result.Corrections));
        }).TakesUpload(["text/csv"]).RequirePermission(Permission.PayBatches);

        // Its own route, not part of the proposals group: the operator's side of a failed payment.
        app.MapPost("/api/proposals/{id:long}/payment-correction", async (
            long id, CorrectionRequest request, SejahteraDbContext db, CorrectPayment correct, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var proposal = await correct.HandleAsync(db, id, request.BankAccount ?? "", request.AccountHolder ?? "",
                user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return TypedResults.Ok(new PaymentCorrected(proposal.Id, proposal.State, proposal.BankAccount, proposal.AccountHolder));
        }).RequireAuthorization().AnswerRefusals();
    }

    public static string BankFileName(long batchId) => $"batch-{batchId}.csv";

    public static Task<PaymentBatch?> FindAsync(SejahteraDbContext db, long id, CancellationToken ct) =>
        db.PaymentBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>A new batch of the chosen proposals; shared by the API and the page.</summary>
    internal static async Task<BatchCreated> CreateAsync(
        SejahteraDbContext db, PaymentBatches batches, IEnumerable<long>? proposalIds, string actor, CancellationToken ct)
    {
        var ids = (proposalIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DisbursementException("Batch tidak dibuat: pilih minimal satu usulan.");
        }

        return await batches.CreateAsync(db, ids, actor, ct);
    }

    /// <summary>The bank's answer read for the reconciling treasurer; shared by the API and the page.</summary>
    internal static async Task<ReconciliationResult> ReconcileAsync(
        SejahteraDbContext db, PaymentBatches batches, long batchId, Stream file, ClaimsPrincipal user, CancellationToken ct)
    {
        // The CSV reader reads synchronously, which the server refuses on a request body, so the
        // file is copied to memory first; the size cap keeps that copy small.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBankFileBytes)
            {
                throw new DisbursementException("Berkas rekonsiliasi ditolak, tidak ada yang berubah: berkas melebihi batas 5 MB.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return await batches.ReconcileAsync(db, batchId, buffer, user.Identity!.Name!, user.RoleNames(), ct);
    }

    private static ProblemHttpResult NoBatch(long id) => Refusals.NotFound("Batch tidak ditemukan", $"Tidak ada batch pembayaran {id}.");
}

/// <summary>A payment batch with its counts by status.</summary>
internal sealed record BatchListEntry(
    [property: JsonPropertyName("batch_id")] long BatchId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payments")] int Payments,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("paid")] int Paid,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("amount")] decimal Amount)
{
    public static BatchListEntry Of(BatchSummary s) =>
        new(s.Batch.Id, s.Batch.CreatedAt, s.Batch.CreatedBy, s.Batch.Status, s.Payments, s.Pending, s.Paid, s.Failed, s.Amount);
}

/// <summary>An approved proposal waiting for a batch.</summary>
internal sealed record ReadyProposal(
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("group_name")] string GroupName,
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("kecamatan")] string Kecamatan,
    [property: JsonPropertyName("kecamatan_name")] string? KecamatanName,
    [property: JsonPropertyName("bank_account")] string BankAccount,
    [property: JsonPropertyName("account_holder")] string AccountHolder);

/// <summary>A new batch, and the chosen proposals left out of it with why.</summary>
internal sealed record BatchCreatedResponse(
    [property: JsonPropertyName("batch_id")] long BatchId,
    [property: JsonPropertyName("payments")] int Payments,
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("left_out")] IReadOnlyList<LeftOutProposal> LeftOut);

/// <summary>A chosen proposal not put in the batch.</summary>
internal sealed record LeftOutProposal([property: JsonPropertyName("proposal_id")] long ProposalId, [property: JsonPropertyName("reason")] string Reason);

/// <summary>A batch with its payments.</summary>
internal sealed record BatchDetails(
    [property: JsonPropertyName("batch_id")] long BatchId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payments")] IReadOnlyList<BatchPayment> Payments);

/// <summary>One payment of a batch.</summary>
internal sealed record BatchPayment(
    [property: JsonPropertyName("payment_id")] long PaymentId,
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("tranche")] int Tranche,
    [property: JsonPropertyName("account_number")] string AccountNumber,
    [property: JsonPropertyName("account_holder")] string AccountHolder,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bank_reason")] string? BankReason,
    [property: JsonPropertyName("reconciled_at")] DateTimeOffset? ReconciledAt);

/// <summary>What a reconciliation did; <c>account_corrections</c> are the proposals sent back for account correction.</summary>
internal sealed record ReconciliationResponse(
    [property: JsonPropertyName("paid")] int Paid,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("account_corrections")] IReadOnlyList<long> AccountCorrections);

/// <summary>A proposal whose account the operator corrected after a failed payment.</summary>
internal sealed record PaymentCorrected(
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("bank_account")] string BankAccount,
    [property: JsonPropertyName("account_holder")] string AccountHolder);
