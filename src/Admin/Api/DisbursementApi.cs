using System.Security.Claims;
using System.Text.Json.Serialization;
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

        api.MapGet("", async (SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await batches.ListAsync(db, ct)).Select(Summary)));

        api.MapGet("/ready", async (SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await batches.ReadyAsync(db, ct)).Select(p => new
                {
                    proposal_id = p.Id,
                    group_name = p.GroupName,
                    kabupaten = p.KabupatenCode,
                    kecamatan = p.KecamatanCode,
                    kecamatan_name = RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name,
                    bank_account = p.BankAccount,
                    account_holder = p.AccountHolder,
                })));

        api.MapPost("", async (CreateRequest request, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await CreateAsync(db, batches, request.ProposalIds, user.Identity!.Name!, ct);
            return Results.Created($"/api/payment-batches/{created.Batch.Id}", new
            {
                batch_id = created.Batch.Id,
                payments = created.Batch.PaymentCount,
                total = created.Batch.TotalAmount,
                left_out = created.LeftOut.Select(l => new { proposal_id = l.ProposalId, reason = l.Reason }),
            });
        }).RequirePermission(Permission.PayBatches);

        api.MapGet("/{id:long}/export", async (long id, string? format, SejahteraDbContext db, CancellationToken ct) =>
        {
            if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
            {
                return refused;
            }

            return await ExportPayments.HandleAsync(db, id, PaymentLabels.Status, ct) is { } table
                ? ExportResults.Of(table, parsed)
                : Results.Problem(statusCode: 404, title: "Batch tidak ditemukan", detail: $"Tidak ada batch pembayaran {id}.");
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/{id:long}", async (long id, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {

            if (await FindAsync(db, id, ct) is not { } batch)
            {
                return NoBatch(id);
            }

            var payments = await batches.PaymentsAsync(db, id, ct);
            return Results.Ok(new
            {
                batch_id = batch.Id,
                created_at = batch.CreatedAt,
                created_by = batch.CreatedBy,
                status = batch.Status,
                payments = payments.Select(p => new
                {
                    payment_id = p.Id,
                    proposal_id = p.ProposalId,
                    tranche = p.Tranche,
                    account_number = p.AccountNumber,
                    account_holder = p.AccountHolder,
                    amount = p.Amount,
                    description = p.Description,
                    status = p.Status,
                    bank_reason = p.BankReason,
                    reconciled_at = p.ReconciledAt,
                }),
            });
        });

        api.MapGet("/{id:long}/bank-file", async (long id, SejahteraDbContext db, PaymentBatches batches, ClaimsPrincipal user, CancellationToken ct) =>
        {

            if (await FindAsync(db, id, ct) is null)
            {
                return NoBatch(id);
            }

            var file = await batches.BankFileAsync(db, id, user.Identity!.Name!, ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(file.Text), CsvType, BankFileName(id));
        });

        api.MapPost("/{id:long}/reconciliation", async (
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
                return Results.Problem(statusCode: 415, title: "Jenis isi tidak didukung",
                    detail: "Kirim berkas rekonsiliasi bank sebagai isi permintaan dengan Content-Type text/csv.");
            }

            var result = await ReconcileAsync(db, batches, id, request.Body, user, ct);
            return Results.Ok(new { paid = result.Paid, failed = result.Failed, unchanged = result.Unchanged, account_corrections = result.Corrections });
        }).RequirePermission(Permission.PayBatches);

        // Its own route, not part of the proposals group: the operator's side of a failed payment.
        app.MapPost("/api/proposals/{id:long}/payment-correction", async (
            long id, CorrectionRequest request, SejahteraDbContext db, CorrectPayment correct, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var proposal = await correct.HandleAsync(db, id, request.BankAccount ?? "", request.AccountHolder ?? "",
                user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return Results.Ok(new { proposal_id = proposal.Id, state = proposal.State, bank_account = proposal.BankAccount, account_holder = proposal.AccountHolder });
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

    private static object Summary(BatchSummary s) => new
    {
        batch_id = s.Batch.Id,
        created_at = s.Batch.CreatedAt,
        created_by = s.Batch.CreatedBy,
        status = s.Batch.Status,
        payments = s.Payments,
        pending = s.Pending,
        paid = s.Paid,
        failed = s.Failed,
        amount = s.Amount,
    };

    private static IResult NoBatch(long id) => Results.Problem(statusCode: 404, title: "Batch tidak ditemukan", detail: $"Tidak ada batch pembayaran {id}.");
}
