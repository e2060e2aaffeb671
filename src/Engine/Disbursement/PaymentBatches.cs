using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Disbursement;

/// <summary>A disbursement step refused; nothing changed. The message is for the treasurer, in Indonesian.</summary>
public sealed class DisbursementException(string message) : Exception(message);

/// <summary>What a reconciliation did; <see cref="Corrections"/> are the proposals sent to the operator for account correction.</summary>
public sealed record ReconciliationResult(int Paid, int Failed, int Unchanged, IReadOnlyList<long> Corrections);

/// <summary>A proposal left out of a new batch, and why.</summary>
public sealed record LeftOut(long ProposalId, string Reason);

/// <summary>The batch made, and the chosen proposals that could not be paid now.</summary>
public sealed record BatchCreated(PaymentBatch Batch, IReadOnlyList<LeftOut> LeftOut);

public sealed record BatchSummary(PaymentBatch Batch, int Payments, int Pending, int Paid, int Failed, decimal Amount);

/// <summary>
/// Non-cash disbursement (docs/architecture.md, "Proposals and workflows"): approved proposals into a batch with their account checked,
/// the bank transfer file, and reconciliation from the bank's answer, which fires the case's
/// payment events through the case service. A failed payment goes back to the operator for account
/// correction (as the workflow says); it is never retried with changed data by itself.
/// </summary>
public sealed class PaymentBatches(TimeProvider time, CaseService cases)
{
    public const int FirstTranche = 1;

    /// <summary>What the bank's description says the money is for: the program and the name the case carries.</summary>
    private static string Purpose(Proposal p) => p.Program != CasePrograms.PantiTermination ? $"Bansos {(p.GroupName.StartsWith("KUBE ", StringComparison.OrdinalIgnoreCase) ? "" : "KUBE ")}{p.GroupName}" : $"Bansos terminasi {p.GroupName}";

    /// <summary>Batches, newest first, with their payments counted.</summary>
    public async Task<IReadOnlyList<BatchSummary>> ListAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        var batches = await db.PaymentBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(200).ToListAsync(ct);
        var ids = batches.Select(b => b.Id).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.BatchId)).Select(p => new { p.BatchId, p.Status, p.Amount }).ToListAsync(ct);
        return batches.Select(b =>
        {
            var mine = payments.Where(p => p.BatchId == b.Id).ToList();
            return new BatchSummary(b, mine.Count, mine.Count(p => p.Status == "pending"), mine.Count(p => p.Status == "paid"),
                mine.Count(p => p.Status == "failed"), mine.Sum(p => p.Amount));
        }).ToList();
    }

    /// <summary>Approved proposals a new batch may take: in the payment state and no live payment.</summary>
    public async Task<IReadOnlyList<Proposal>> ReadyAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        var waiting = await db.Proposals.AsNoTracking().Where(p => p.Stage == StateMeanings.Payment).OrderBy(p => p.Id).ToListAsync(ct);
        var ids = waiting.Select(p => p.Id).ToList();
        var live = await db.Payments.AsNoTracking().Where(x => ids.Contains(x.ProposalId) && x.Status != "failed").Select(x => x.ProposalId).ToListAsync(ct);
        return waiting.Where(p => !live.Contains(p.Id)).ToList();
    }

    /// <summary>Every payment of one proposal, oldest first (a refused one stays beside its corrected successor).</summary>
    public static async Task<IReadOnlyList<Payment>> OfProposalAsync(SejahteraDbContext db, long proposalId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking().Where(p => p.ProposalId == proposalId).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<Payment>> PaymentsAsync(SejahteraDbContext db, long batchId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>
    /// A batch of the chosen proposals that can be paid now. A proposal that cannot (not in the payment
    /// state, an account the bank would refuse, no amount decided, already paid) is left out with its
    /// reason and never holds up the others; when none can be paid, nothing is created.
    /// </summary>
    public async Task<BatchCreated> CreateAsync(SejahteraDbContext db, IReadOnlyList<long> proposalIds, string actor, CancellationToken ct = default)
    {
        var proposals = await db.Proposals.Where(p => proposalIds.Contains(p.Id)).ToListAsync(ct);
        var leftOut = new List<LeftOut>();
        foreach (var id in proposalIds.Distinct().Where(id => proposals.All(p => p.Id != id)))
        {
            leftOut.Add(new LeftOut(id, "tidak ditemukan"));
        }

        // The amount is the one the rules decided, never typed in here.
        var decisionIds = proposals.Where(p => p.LastDecisionId != null).Select(p => p.LastDecisionId!.Value).ToList();
        var amounts = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Amount, ct);
        var keys = proposals.Select(p => Key(p.Id, FirstTranche)).ToList();
        var existing = await db.Payments.Where(x => keys.Contains(x.IdempotencyKey) && x.Status != "failed").Select(x => x.IdempotencyKey).ToListAsync(ct);
        foreach (var p in proposals)
        {
            var reason = p.Stage != StateMeanings.Payment ? $"belum atau tidak lagi pada tahap pencairan (tahap {p.State})"
                : existing.Contains(Key(p.Id, FirstTranche)) ? $"pembayaran {Key(p.Id, FirstTranche)} sudah pernah dibuat; pembayaran tidak boleh dibuat dua kali"
                : p.LastDecisionId is not { } decision || amounts.GetValueOrDefault(decision) is not > 0 ? "belum memiliki keputusan layak dengan jumlah bantuan"
                : AccountCheck.Problem(p);
            if (reason is not null)
            {
                leftOut.Add(new LeftOut(p.Id, reason));
            }
        }

        proposals.RemoveAll(p => leftOut.Any(l => l.ProposalId == p.Id));
        if (proposals.Count == 0)
        {
            throw new DisbursementException("Batch tidak dibuat: " + string.Join("; ", leftOut.Select(l => $"usulan {l.ProposalId}: {l.Reason}")) + ".");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new PaymentBatch
        {
            CreatedAt = time.GetUtcNow(), CreatedBy = actor, Status = "open",
            PaymentCount = proposals.Count, TotalAmount = proposals.Sum(p => amounts[p.LastDecisionId!.Value]!.Value),
        };
        db.PaymentBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        foreach (var p in proposals)
        {
            db.Payments.Add(new Payment
            {
                BatchId = batch.Id, ProposalId = p.Id, Tranche = FirstTranche, IdempotencyKey = Key(p.Id, FirstTranche),
                AccountNumber = p.BankAccount, AccountHolder = p.AccountHolder, Amount = amounts[p.LastDecisionId!.Value]!.Value,
                Description = $"{Purpose(p)} usulan {p.Id} tahap {FirstTranche}", Status = "pending",
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another batch took the same proposal in the meantime: the unique key stopped it.
            throw new DisbursementException("Batch tidak dibuat: salah satu pembayaran baru saja dibuat oleh pengguna lain.");
        }

        await AuditLog.AppendAsync(db, batch.CreatedAt, actor, "payment-batch.create", $"batch {batch.Id}",
            JsonSerializer.Serialize(new
            {
                proposals = proposals.Select(p => p.Id), payments = batch.PaymentCount, total = batch.TotalAmount,
                left_out = leftOut.Select(l => new { proposal = l.ProposalId, reason = l.Reason }),
            }), ct);
        await tx.CommitAsync(ct);
        return new BatchCreated(batch, leftOut);
    }

    /// <summary>
    /// The bank transfer file (see <see cref="BankFile"/>), checked against the batch before it is
    /// served. Every export is audited with its rows, total and hash: it carries account numbers and moves money.
    /// </summary>
    public async Task<BankFileContent> BankFileAsync(SejahteraDbContext db, long batchId, string actor, CancellationToken ct = default)
    {
        var batch = await db.PaymentBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new DisbursementException($"Batch {batchId} tidak ditemukan.");
        var payments = await db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id).ToListAsync(ct);
        var file = BankFile.Build(batch, payments);
        await AuditLog.AppendAsync(db, time.GetUtcNow(), actor, "payment-batch.bank-file", $"batch {batchId}",
            JsonSerializer.Serialize(new { payments = file.Rows, total = file.Total, sha256 = file.Sha256 }), ct);
        return file;
    }

    /// <summary>
    /// The bank's answer: payment_id,status(paid|failed),reason. The whole file is checked first; one
    /// bad line refuses the file and nothing changes. Each answer is the case's event, reported by the
    /// treasurer reconciling: <see cref="EventMeanings.PaymentPaid"/> or <see cref="EventMeanings.PaymentFailed"/>,
    /// and the workflow decides where it leads. The same file read twice changes nothing the second time.
    /// </summary>
    public async Task<ReconciliationResult> ReconcileAsync(
        SejahteraDbContext db, long batchId, Stream file, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var payments = await db.Payments.Where(p => p.BatchId == batchId).ToDictionaryAsync(p => p.Id, ct);
        if (payments.Count == 0)
        {
            throw new DisbursementException($"Batch {batchId} tidak ditemukan atau kosong.");
        }

        var rows = new List<(Payment Payment, bool Paid, string? Reason)>();
        var problems = new List<string>();
        try
        {
            using var reader = new CsvRecordReader(file);
            _ = reader.Read();
            while (reader.Read())
            {
                if (reader.IsBlank)
                {
                    continue;
                }

                var line = reader.LineNumber;
                if (reader.FieldCount < 2 || !long.TryParse(reader.Field(0), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !payments.TryGetValue(id, out var payment))
                {
                    problems.Add($"baris {line}: pembayaran tidak dikenal dalam batch {batchId}");
                    continue;
                }

                var status = reader.Field(1).Trim().ToString().ToLowerInvariant();
                if (status is not ("paid" or "failed"))
                {
                    problems.Add($"baris {line}: status harus paid atau failed");
                    continue;
                }

                var reason = reader.FieldCount > 2 ? reader.Field(2).Trim().ToString() : null;
                if (status == "failed" && string.IsNullOrEmpty(reason))
                {
                    problems.Add($"baris {line}: pembayaran gagal harus disertai alasan dari bank");
                    continue;
                }

                if (rows.Any(r => r.Payment.Id == id))
                {
                    problems.Add($"baris {line}: pembayaran {id} disebut lebih dari sekali");
                    continue;
                }

                if (payment.Status != "pending" && payment.Status != status)
                {
                    problems.Add($"baris {line}: pembayaran {id} sudah dinyatakan {payment.Status} pada rekonsiliasi sebelumnya");
                    continue;
                }

                rows.Add((payment, status == "paid", reason));
            }
        }
        catch (FileRefusedException e)
        {
            problems.Add(e.Message);
        }

        if (problems.Count > 0)
        {
            throw new DisbursementException("Berkas rekonsiliasi ditolak, tidak ada yang berubah: " + string.Join("; ", problems) + ".");
        }

        var unchanged = rows.RemoveAll(r => r.Payment.Status != "pending");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var proposalIds = rows.Select(r => r.Payment.ProposalId).ToList();
        var proposals = await db.Proposals.Where(p => proposalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var who = new Workflows.Running.Actor(actor, roles);
        foreach (var (payment, paid, reason) in rows)
        {
            payment.Status = paid ? "paid" : "failed";
            payment.BankReason = reason;
            payment.ReconciledAt = now;
            // The bank's answer is an event of the case: the workflow says where it leads.
            var proposal = proposals[payment.ProposalId];
            try
            {
                await cases.ApplyEventAsync(db, proposal, paid ? EventMeanings.PaymentPaid : EventMeanings.PaymentFailed,
                    paid ? $"dibayar bank (batch {batchId})" : $"bank: {reason}", who, ct);
            }
            catch (ProposalRefusedException e)
            {
                db.ChangeTracker.Clear();
                throw new DisbursementException($"Berkas rekonsiliasi ditolak, tidak ada yang berubah: usulan {proposal.Id}: {e.Message}");
            }
        }

        await db.SaveChangesAsync(ct);
        var batch = await db.PaymentBatches.SingleAsync(b => b.Id == batchId, ct);
        batch.Status = payments.Values.All(p => p.Status != "pending") ? "reconciled" : "open";
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor, "payment-batch.reconcile", $"batch {batchId}",
            JsonSerializer.Serialize(new { paid = rows.Count(r => r.Paid), failed = rows.Count(r => !r.Paid), unchanged }), ct);
        await tx.CommitAsync(ct);
        var corrections = rows.Where(r => !r.Paid).Select(r => r.Payment.ProposalId).ToList();
        return new ReconciliationResult(rows.Count(r => r.Paid), rows.Count(r => !r.Paid), unchanged, corrections);
    }

    internal static string Key(long proposalId, int tranche) => $"{proposalId}-{tranche}";
}
