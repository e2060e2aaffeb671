using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Engine.Pkh;

/// <summary>A graduation case as its guards and the rules see it: its PKH part and the family in the register.</summary>
internal sealed record PkhCaseFacts(GraduationCase Graduation, Kpm Kpm)
{
    /// <summary>The facts of a <c>pkh-graduasi</c> case, else null.</summary>
    public static async Task<PkhCaseFacts?> OfAsync(SejahteraDbContext db, Proposal proposal, CancellationToken ct)
    {
        if (proposal.Program != CasePrograms.PkhGraduation)
        {
            return null;
        }

        var graduation = await db.GraduationCases.AsNoTracking().SingleAsync(g => g.ProposalId == proposal.Id, ct);
        var kpm = await db.Kpms.AsNoTracking().SingleAsync(k => k.Id == graduation.KpmId, ct);
        return new PkhCaseFacts(graduation, kpm);
    }

    /// <summary>The family as <c>pkh-graduasi</c> decides it on <paramref name="asOf"/>, with what the home visit found.</summary>
    public Rules.Facts.PkhFamily Family(DateOnly asOf) => KpmFacts.Family(Kpm, asOf, Graduation);

    /// <summary>The document kinds the assessment needs: photos of the visit, and the signed statement or the village minutes when the visit found them.</summary>
    public IEnumerable<string> RequiredDocuments()
    {
        yield return "kunjungan";
        if (Graduation.SignedExitStatement)
        {
            yield return "pernyataan-keluar";
        }

        if (Graduation.VillageDeclaredMampu)
        {
            yield return "berita-acara-musdes";
        }
    }
}
