using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Engine.Disbursement;

/// <summary>A disbursement step refused; nothing changed. The message is for the treasurer, in Indonesian.</summary>
public sealed class DisbursementException(string message) : Exception(message);

public sealed record ReconciliationResult(int Paid, int Failed, int Unchanged, IReadOnlyList<long> CorrectionTasks);

public sealed record BatchSummary(PaymentBatch Batch, int Payments, int Pending, int Paid, int Failed, decimal Amount);

/// <summary>
/// Non-cash disbursement (DESIGN §4): approved proposals into a batch with their account checked,
/// the bank transfer file, and reconciliation from the bank's answer. A failed payment goes back to
/// the operator as a correction task; it is never retried with changed data by itself.
/// </summary>
public sealed class PaymentBatches(TimeProvider time, FireTrigger fire)
{
    public const int FirstTranche = 1;

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

    /// <summary>Approved proposals a new batch may take: in disbursement, no live payment, no correction waiting.</summary>
    public async Task<IReadOnlyList<Proposal>> ReadyAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        var waiting = await db.Proposals.AsNoTracking().Where(p => p.State == "disbursement").OrderBy(p => p.Id).ToListAsync(ct);
        var ids = waiting.Select(p => p.Id).ToList();
        var live = await db.Payments.AsNoTracking().Where(x => ids.Contains(x.ProposalId) && x.Status != "failed").Select(x => x.ProposalId).ToListAsync(ct);
        var correcting = await db.ProposalTasks.AsNoTracking()
            .Where(t => ids.Contains(t.ProposalId) && t.State == CorrectPayment.TaskState && t.CompletedAt == null).Select(t => t.ProposalId).ToListAsync(ct);
        return waiting.Where(p => !live.Contains(p.Id) && !correcting.Contains(p.Id)).ToList();
    }

    public async Task<IReadOnlyList<Payment>> PaymentsAsync(SejahteraDbContext db, long batchId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<PaymentBatch> CreateAsync(SejahteraDbContext db, IReadOnlyList<long> proposalIds, string actor, CancellationToken ct = default)
    {
        var proposals = await db.Proposals.Where(p => proposalIds.Contains(p.Id)).ToListAsync(ct);
        var problems = new List<string>();
        foreach (var id in proposalIds.Where(id => proposals.All(p => p.Id != id)))
        {
            problems.Add($"usulan {id} tidak ditemukan");
        }

        foreach (var p in proposals)
        {
            if (p.State != "disbursement")
            {
                problems.Add($"usulan {p.Id} belum pada tahap pencairan (tahap {p.State})");
            }

            if (AccountProblem(p) is { } problem)
            {
                problems.Add($"usulan {p.Id}: {problem}");
            }
        }

        // The amount is the one the rules decided, never typed in here.
        var decisionIds = proposals.Where(p => p.LastDecisionId != null).Select(p => p.LastDecisionId!.Value).ToList();
        var amounts = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Amount, ct);
        foreach (var p in proposals.Where(p => p.LastDecisionId is not { } id || amounts.GetValueOrDefault(id) is not > 0))
        {
            problems.Add($"usulan {p.Id} belum memiliki keputusan layak dengan jumlah bantuan");
        }

        var keys = proposals.Select(p => Key(p.Id, FirstTranche)).ToList();
        foreach (var existing in await db.Payments.Where(x => keys.Contains(x.IdempotencyKey) && x.Status != "failed").Select(x => x.IdempotencyKey).ToListAsync(ct))
        {
            problems.Add($"pembayaran {existing} sudah pernah dibuat; pembayaran tidak boleh dibuat dua kali");
        }

        foreach (var correcting in await db.ProposalTasks.Where(t => proposalIds.Contains(t.ProposalId) && t.State == CorrectPayment.TaskState && t.CompletedAt == null)
            .Select(t => t.ProposalId).ToListAsync(ct))
        {
            problems.Add($"usulan {correcting} menunggu koreksi rekening oleh operator setelah pembayaran gagal");
        }

        if (problems.Count > 0)
        {
            throw new DisbursementException("Batch tidak dibuat: " + string.Join("; ", problems) + ".");
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
                Description = $"Bansos KUBE {p.GroupName} usulan {p.Id} tahap {FirstTranche}", Status = "pending",
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
            JsonSerializer.Serialize(new { proposals = proposalIds, payments = batch.PaymentCount, total = batch.TotalAmount }), ct);
        await tx.CommitAsync(ct);
        return batch;
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
    /// bad line refuses the file and nothing changes. A paid payment moves its proposal on to the
    /// accountability report (the <c>disburse</c> transition, by the treasurer reconciling); a failed
    /// one becomes a correction task. The same file read twice changes nothing the second time.
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
        catch (DtksFileException e)
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
        var tasks = new List<ProposalTask>();
        var paidProposals = new List<Proposal>();
        var proposalIds = rows.Select(r => r.Payment.ProposalId).ToList();
        var proposals = await db.Proposals.Where(p => proposalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var (payment, paid, reason) in rows)
        {
            payment.Status = paid ? "paid" : "failed";
            payment.BankReason = reason;
            payment.ReconciledAt = now;
            var proposal = proposals[payment.ProposalId];
            if (paid)
            {
                paidProposals.Add(proposal);
            }
            else
            {
                var task = FireTrigger.NewTask(proposal, CorrectPayment.TaskState, [Workflows.Defaults.WorkflowRoles.Operator], null, null, now);
                db.ProposalTasks.Add(task);
                tasks.Add(task);
                db.ProposalTransitions.Add(new ProposalTransition
                {
                    ProposalId = proposal.Id, At = now, Actor = actor, From = proposal.State, To = proposal.State, Trigger = "payment-failed",
                    Reason = $"bank: {reason}", WorkflowVersion = proposal.WorkflowVersion,
                });
            }
        }

        // Saved first: the disburse transition's guard asks the database whether the bank paid.
        await db.SaveChangesAsync(ct);
        var who = new Workflows.Running.Actor(actor, roles);
        foreach (var proposal in paidProposals.Where(p => p.State == "disbursement"))
        {
            try
            {
                await fire.ApplyAsync(db, proposal, "disburse", $"dibayar bank (batch {batchId})", who, ct);
            }
            catch (ProposalRefusedException e)
            {
                db.ChangeTracker.Clear();
                throw new DisbursementException($"Berkas rekonsiliasi ditolak, tidak ada yang berubah: usulan {proposal.Id}: {e.Message}");
            }
        }

        var batch = await db.PaymentBatches.SingleAsync(b => b.Id == batchId, ct);
        batch.Status = payments.Values.All(p => p.Status != "pending") ? "reconciled" : "open";
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor, "payment-batch.reconcile", $"batch {batchId}",
            JsonSerializer.Serialize(new { paid = rows.Count(r => r.Paid), failed = rows.Count(r => !r.Paid), unchanged }), ct);
        await tx.CommitAsync(ct);
        return new ReconciliationResult(rows.Count(r => r.Paid), rows.Count(r => !r.Paid), unchanged, tasks.Select(t => t.Id).ToList());
    }

    internal static string Key(long proposalId, int tranche) => $"{proposalId}-{tranche}";

    /// <summary>Account number 8–20 digits; holder must be the group, its chair or its treasurer, tolerant of case, punctuation and a typo or two.</summary>
    internal static string? AccountProblem(Proposal p)
    {
        if (p.BankAccount.Length is < 8 or > 20 || !p.BankAccount.All(char.IsAsciiDigit))
        {
            return "nomor rekening harus 8–20 digit angka";
        }

        foreach (var (field, value) in new[] { ("pemilik rekening", p.AccountHolder), ("nama kelompok", p.GroupName) })
        {
            if (SafeText.Problem(value) is { } problem)
            {
                return $"{field} {problem}";
            }
        }

        var holder = Normalize(p.AccountHolder);
        return new[] { p.GroupName, p.ChairName, p.TreasurerName }.Any(name => Close(holder, Normalize(name)))
            ? null
            : $"pemilik rekening '{p.AccountHolder}' bukan kelompok, ketua, atau bendahara";
    }

    private static string Normalize(string name) =>
        string.Join(' ', new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool Close(string a, string b) => a.Length > 0 && b.Length > 0 && Distance(a, b) <= Math.Max(1, Math.Min(a.Length, b.Length) / 8);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
