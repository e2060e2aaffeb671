using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Disbursement;

/// <summary>The payments of one batch as its page lists them, read one at a time, for download.</summary>
public static class ExportPayments
{
    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("Pembayaran", 12, Number: true), new("Usulan", 10, Number: true), new("Tahap pembayaran", 10, Number: true), new("Nomor rekening", 20),
        new("Pemilik rekening", 28), new("Keterangan", 36), new("Jumlah", 16, Number: true), new("Status", 16), new("Alasan bank", 30),
    ];

    /// <summary>Null when there is no such batch.</summary>
    public static async Task<ExportTable?> HandleAsync(SejahteraDbContext db, long batchId, Func<string, string> statusLabel, CancellationToken ct = default)
    {
        if (!await db.PaymentBatches.AnyAsync(b => b.Id == batchId, ct))
        {
            return null;
        }

        var rows = db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id).AsAsyncEnumerable().Select(p => new object?[]
        {
            p.Id, p.ProposalId, (long)p.Tranche, p.AccountNumber, p.AccountHolder, p.Description, p.Amount, statusLabel(p.Status), p.BankReason,
        });
        return new ExportTable($"batch-pembayaran-{batchId}", Columns, rows);
    }
}
