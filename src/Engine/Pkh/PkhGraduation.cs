using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Proposals;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Pkh;

/// <summary>
/// What the graduation workflow's entry actions do to the PKH register: the graduation letter, the
/// family's exit from the register, and the offer of its head to empowerment as a KUBE candidate.
/// All tracked, saved by the case service with the transition.
/// </summary>
public static class PkhGraduation
{
    /// <summary>
    /// The kind suggested for a family the rules keep but that is more than five years in the program:
    /// whether it graduates of its own accord only a home visit can tell (economy improved, statement
    /// signed), so the evaluation opens a case for the visit [I].
    /// </summary>
    public const string Mandiri = "graduasi-mandiri";

    /// <summary>The outcomes of <c>pkh-graduasi</c> that graduate a family (the others keep it in PKH).</summary>
    public static bool IsGraduation(string outcome) => outcome.StartsWith("graduasi-", StringComparison.Ordinal);

    /// <summary>The kind as a letter and a page read it.</summary>
    public static string KindLabel(string? kind) => kind switch
    {
        "graduasi-alamiah" => "graduasi alamiah",
        "graduasi-mandiri" => "graduasi mandiri",
        "graduasi-paksa" => "graduasi paksa",
        null => "-",
        _ => kind,
    };

    /// <summary>The decided kind is the one the rules gave after the visit; the letter gets the next number of its kabupaten/kota and year.</summary>
    internal static async Task IssueLetterAsync(ProposalSubject s, string decidedBy, DateOnly today, CancellationToken ct)
    {
        var graduation = await s.Db.GraduationCases.SingleAsync(g => g.ProposalId == s.Proposal.Id, ct);
        var kabupaten = s.Proposal.KabupatenCode;
        var issued = await s.Db.GraduationCases.Where(g => g.LetterDate != null && g.LetterDate.Value.Year == today.Year && g.ProposalId != graduation.ProposalId)
            .Join(s.Db.Proposals.Where(p => p.KabupatenCode == kabupaten), g => g.ProposalId, p => p.Id, (g, p) => g.ProposalId).CountAsync(ct);
        graduation.DecidedKind = s.Proposal.LastOutcome;
        graduation.DecidedBy = decidedBy;
        graduation.LetterDate = today;
        graduation.LetterNumber = string.Create(CultureInfo.InvariantCulture, $"{issued + 1:000}/SKG-PKH/{kabupaten}/{today.Year}");
    }

    /// <summary>The family leaves the register from the period after its case, with its kind and date.</summary>
    internal static async Task ExitRegisterAsync(ProposalSubject s, DateOnly today, CancellationToken ct)
    {
        var graduation = await s.Db.GraduationCases.AsNoTracking().SingleAsync(g => g.ProposalId == s.Proposal.Id, ct);
        if (await s.Db.KpmExits.AnyAsync(e => e.KpmCode == graduation.KpmCode, ct))
        {
            return;
        }

        s.Db.KpmExits.Add(new KpmExit
        {
            KpmCode = graduation.KpmCode, Kind = graduation.DecidedKind ?? graduation.SuggestedKind, On = today,
            FromPeriod = NextPeriod(graduation.Period), ProposalId = s.Proposal.Id,
        });
    }

    /// <summary>
    /// The head of the graduated family (from DTKS when the family is there, else its caretaker) is
    /// offered to empowerment as a KUBE member, pre-checked with the <c>kube</c> rule set's criteria on a
    /// group of one: every criterion but the group size is about the person, so what fails is what a
    /// KUBE operator would meet.
    /// </summary>
    internal static async Task OfferKubeAsync(ProposalSubject s, RuleSetCatalog catalog, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await s.Db.KubeCandidates.AnyAsync(c => c.SourceProposalId == s.Proposal.Id, ct))
        {
            return;
        }

        var kpm = s.Pkh!.Kpm;
        var head = kpm.HouseholdId is { } household
            ? await s.Db.Members.AsNoTracking().Where(m => m.HouseholdId == household && m.Relation == 1).Select(m => new { m.Nik, m.Name }).FirstOrDefaultAsync(ct)
            : null;
        var (nik, name) = head is null ? (kpm.CaretakerNik, kpm.CaretakerName) : (head.Nik, head.Name);
        var member = (await KubeProposalForm.ResolveMembersAsync(s.Db, [nik], ct: ct)).SingleOrDefault() ?? new Fact.KubeMember { Nik = nik, Name = name };
        var group = new Fact.KubeProposal
        {
            Id = $"CALON-{s.Proposal.Id}", Name = name, KecamatanCode = member.KecamatanCode.Length > 0 ? member.KecamatanCode : kpm.DesaCode[..8],
            Members = [member], OfficersChosen = true, HasBankAccount = true, HasBusinessPlan = true, HasRecommendation = true,
        };
        var ruleSet = await catalog.InForceAsync(s.Db, Cases.CasePrograms.Kube, today, ct);
        var failed = ruleSet.Evaluate(group, today).Failed.Where(f => f.Id != GroupSizeCriterion).Select(f => f.Because).ToList();
        s.Db.KubeCandidates.Add(new KubeCandidate
        {
            Nik = nik, Name = name, DesaCode = kpm.DesaCode, KabupatenCode = kpm.KabupatenCode, SourceProposalId = s.Proposal.Id,
            PreChecked = failed.Count == 0, Findings = string.Join("; ", failed), CreatedAt = now,
        });
    }

    /// <summary>The one criterion of the <c>kube</c> rule set about the group's size, which a group of one always fails.</summary>
    private const string GroupSizeCriterion = "jumlah-anggota";

    /// <summary>The period after <paramref name="period"/> (a year, or year-month).</summary>
    public static string NextPeriod(string period) =>
        int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? (year + 1).ToString(CultureInfo.InvariantCulture)
        : DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : period;
}
