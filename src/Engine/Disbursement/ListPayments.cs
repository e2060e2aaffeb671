using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Disbursement;

/// <summary>
/// What narrows payments (and the batches that hold them): a status (of the batch in the batch list, of the payment
/// in a batch), the program of the paid case (KUBE, terminasi panti), and a search (<see cref="ListPayments"/> says what
/// it matches).
/// </summary>
public sealed record PaymentFilter(string? Status = null, string? Program = null, string? Q = null);

/// <summary>A page of batches with their payments counted; <paramref name="SearchProblem"/> says why the search text was not used.</summary>
public sealed record BatchList(PaymentFilter Filter, Paged<BatchSummary> Batches, string? SearchProblem);

/// <summary>A page of one batch's payments.</summary>
public sealed record PaymentList(PaymentFilter Filter, Paged<Payment> Payments, string? SearchProblem);

/// <summary>
/// The payment batches and the payments of a batch, a page at a time, filtered and sorted in the database. The search
/// text is a case number ("#123"), a member's 16-digit NIK (in the member list of the paid case), at least
/// <see cref="MinimumAccountDigits"/> digits of an account number, or at least <see cref="SearchText.MinimumLength"/>
/// letters of the account holder's name or the group's name. The batch list shows the batches holding such a payment.
/// Payments are seen by the roles that read disbursement, province-wide, as before paging.
/// </summary>
public static class ListPayments
{
    public const int MinimumAccountDigits = 4;

    /// <summary>Batch sort keys: number (newest first by default), status, payment count, total amount.</summary>
    public static readonly SortKeys<PaymentBatch> BatchSorts = new SortKeys<PaymentBatch>(b => b.Id, "nomor", defaultDescending: true)
        .Add("status", b => b.Status)
        .Add("pembayaran", b => b.PaymentCount)
        .Add("jumlah", b => b.TotalAmount);

    /// <summary>Payment sort keys: number (the default, the order of the bank file), case, account holder, amount, status.</summary>
    public static readonly SortKeys<Payment> PaymentSorts = new SortKeys<Payment>(p => p.Id, "nomor")
        .Add("usulan", p => p.ProposalId)
        .Add("pemilik", p => p.AccountHolder)
        .Add("jumlah", p => p.Amount)
        .Add("status", p => p.Status);

    public static async Task<BatchList> BatchesAsync(SejahteraDbContext db, PaymentFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var query = db.PaymentBatches.AsNoTracking();
        if (filter.Status is { Length: > 0 } status)
        {
            query = query.Where(b => b.Status == status);
        }

        var (payments, problem) = Matching(db, db.Payments.AsNoTracking(), filter with { Status = null });
        if (filter.Program is { Length: > 0 } || SearchText.Normalize(filter.Q) is not null)
        {
            var batchIds = payments.Select(p => p.BatchId);
            query = query.Where(b => batchIds.Contains(b.Id));
        }

        var page = await BatchSorts.PageAsync(query, request, ct);
        var ids = page.Items.Select(b => b.Id).ToList();
        var counts = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.BatchId)).Select(p => new { p.BatchId, p.Status, p.Amount }).ToListAsync(ct);
        return new BatchList(filter, page.Map(b =>
        {
            var mine = counts.Where(p => p.BatchId == b.Id).ToList();
            return new BatchSummary(b, mine.Count, mine.Count(p => p.Status == PaymentStatuses.Pending), mine.Count(p => p.Status == PaymentStatuses.Paid),
                mine.Count(p => p.Status == PaymentStatuses.Failed), mine.Sum(p => p.Amount));
        }), problem);
    }

    public static async Task<PaymentList> OfBatchAsync(SejahteraDbContext db, long batchId, PaymentFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var (query, problem) = Matching(db, db.Payments.AsNoTracking().Where(p => p.BatchId == batchId), filter);
        return new PaymentList(filter, await PaymentSorts.PageAsync(query, request, ct), problem);
    }

    private static (IQueryable<Payment> Query, string? Problem) Matching(SejahteraDbContext db, IQueryable<Payment> query, PaymentFilter filter)
    {
        if (filter.Status is { Length: > 0 } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Program is { Length: > 0 } program)
        {
            var ofProgram = db.Proposals.Where(c => c.Program == program).Select(c => c.Id);
            query = query.Where(p => ofProgram.Contains(p.ProposalId));
        }

        if (SearchText.Normalize(filter.Q) is not { } q)
        {
            return (query, null);
        }

        var number = q.TrimStart('#');
        if (q.StartsWith('#') && SearchText.IsNumber(number) && long.TryParse(number, out var caseId))
        {
            return (query.Where(p => p.ProposalId == caseId), null);
        }

        if (SearchText.IsNumber(q))
        {
            if (q.Length == 16)
            {
                var withMember = db.Proposals.Where(c => c.MembersJson.Contains(q)).Select(c => c.Id);
                return (query.Where(p => p.AccountNumber == q || withMember.Contains(p.ProposalId)), null);
            }

            return q.Length < MinimumAccountDigits
                ? (query, $"Ketik sedikitnya {MinimumAccountDigits} angka nomor rekening, NIK lengkap (16 angka), atau nomor usulan dengan tanda # di depan.")
                : (query.Where(p => p.AccountNumber.Contains(q)), null);
        }

        if (q.Length < SearchText.MinimumLength)
        {
            return (query, $"Ketik sedikitnya {SearchText.MinimumLength} huruf nama pemilik rekening atau nama kelompok.");
        }

        var lower = q.ToLowerInvariant();
        var named = db.Proposals.Where(c => c.GroupName.ToLower().Contains(lower)).Select(c => c.Id);
        return (query.Where(p => p.AccountHolder.ToLower().Contains(lower) || named.Contains(p.ProposalId)), null);
    }
}
