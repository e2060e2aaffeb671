using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Disbursement;

/// <summary>One beneficiary of a decree: an approved case of the batch and the assistance it receives.</summary>
public sealed record DecreeLine(
    int Number, long ProposalId, string Program, string GroupName, string ChairName, int Members, string Kecamatan, string Kabupaten, decimal Amount);

public sealed record Decree(PaymentBatch Batch, IReadOnlyList<DecreeLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>
/// The beneficiaries a decree (Surat Keputusan Kepala Dinas) of a payment batch lists: every case
/// approved and put into the batch, once, with the amount of its payment in the batch (a payment the bank
/// refused stays on the list: the case is still approved and its account is being corrected).
/// </summary>
public static class DecreeListing
{
    public static async Task<Decree?> HandleAsync(SejahteraDbContext db, long batchId, CancellationToken ct = default)
    {
        var batch = await db.PaymentBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return null;
        }

        var rows = await db.Payments.AsNoTracking().Where(x => x.BatchId == batchId)
            .Join(db.Proposals.AsNoTracking(), x => x.ProposalId, p => p.Id, (x, p) => new { Payment = x, Proposal = p })
            .OrderBy(r => r.Proposal.KabupatenCode).ThenBy(r => r.Proposal.KecamatanCode).ThenBy(r => r.Proposal.Id)
            .ToListAsync(ct);
        var lines = rows
            .GroupBy(r => r.Proposal.Id)
            .Select((g, i) =>
            {
                var p = g.First().Proposal;
                var members = p.Program == CasePrograms.Kube ? ProposalWorkflow.Members(p).Count : 1;
                return new DecreeLine(i + 1, p.Id, CasePrograms.Label(p.Program), p.GroupName, p.ChairName, members,
                    RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name ?? p.KecamatanCode, RegionCatalog.Ntt.Find(p.KabupatenCode)?.Name ?? p.KabupatenCode,
                    g.OrderBy(r => r.Payment.Id).Last().Payment.Amount);
            })
            .ToList();
        return new Decree(batch, lines);
    }
}
