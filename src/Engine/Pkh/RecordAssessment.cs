using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Engine.Pkh;

/// <summary>The pendamping's home-visit assessment form.</summary>
public sealed record AssessmentRequest(
    string Work, string Business, string Assets, string IncomeChange, bool EconomyImproved, bool SignedExitStatement, bool VillageDeclaredMampu);

/// <summary>
/// The family's pendamping records what the home visit found, while the case waits for the visit; the
/// rules decide again with it when the visit is recorded. Logged on the case's timeline.
/// </summary>
public sealed class RecordAssessment(CaseService cases)
{
    public const string Assessed = "assess";

    public async Task<GraduationCase> HandleAsync(
        SejahteraDbContext db, long id, AssessmentRequest request, string userId, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.AssessGraduation);
        var proposal = await CaseService.FindAsync(db, id, scope, null, ct);
        var graduation = await db.GraduationCases.SingleOrDefaultAsync(g => g.ProposalId == id, ct) ?? throw new ProposalNotFoundException(id);
        // The visit is the case's first step: the assessment is written while the case still stands there.
        if (proposal.State != (await cases.DefinitionAsync(db, proposal, ct)).Initial)
        {
            throw new ProposalRefusedException($"Hasil kunjungan hanya dicatat selama kasus menunggu kunjungan rumah (tahap sekarang {proposal.State}).");
        }

        var problems = new List<string>();
        foreach (var (field, value) in new[] { ("pekerjaan", request.Work), ("usaha", request.Business), ("aset", request.Assets), ("perubahan penghasilan", request.IncomeChange) })
        {
            if (value.Trim().Length == 0)
            {
                problems.Add($"{field} wajib diisi (tulis 'tidak ada' bila memang tidak ada)");
            }
            else if (value.Length > 300 || SafeText.Problem(value) is not null)
            {
                problems.Add($"{field} {SafeText.Problem(value) ?? "terlalu panjang (paling banyak 300 karakter)"}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ProposalRefusedException("Hasil kunjungan tidak dapat disimpan: " + string.Join("; ", problems) + ".");
        }

        (graduation.Work, graduation.Business, graduation.Assets, graduation.IncomeChange) =
            (request.Work.Trim(), request.Business.Trim(), request.Assets.Trim(), request.IncomeChange.Trim());
        (graduation.EconomyImproved, graduation.SignedExitStatement, graduation.VillageDeclaredMampu) =
            (request.EconomyImproved, request.SignedExitStatement, request.VillageDeclaredMampu);
        proposal.RowVersion++;
        cases.Note(db, proposal, userId, Assessed, null);
        await CaseService.SaveAsync(db, ct);
        return graduation;
    }
}
