using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Workflows.Definitions;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Proposals;

public sealed record KubeProposalRequest(
    string GroupName, string BusinessType, string KecamatanCode, IReadOnlyList<string> MemberNiks,
    string BankAccount, string AccountHolder, string ChairName, string TreasurerName, string BusinessPlan, decimal BudgetAmount,
    bool OfficersChosen, bool HasRecommendation, bool DocumentsComplete);

/// <summary>
/// What creating and editing a KUBE proposal share: the checks of the operator's input, and the
/// members resolved by NIK against the latest registry period (in DTKS?, desil, birth date,
/// occupation, data ganda, KUBE grants already received).
/// </summary>
public static class KubeProposalForm
{
    /// <summary>Every problem of the request, in Indonesian; the proposal is refused when there is any.</summary>
    internal static void Check(KubeProposalRequest request, RegionScope scope)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.GroupName))
        {
            problems.Add("nama kelompok wajib diisi");
        }

        // These go to the bank's transfer file and to the office's spreadsheets.
        foreach (var (field, value) in new[]
        {
            ("nama kelompok", request.GroupName), ("jenis usaha", request.BusinessType), ("pemilik rekening", request.AccountHolder),
            ("nama ketua", request.ChairName), ("nama bendahara", request.TreasurerName),
        })
        {
            if (SafeText.Problem(value) is { } problem)
            {
                problems.Add($"{field} {problem}");
            }
        }

        // Checked where the account is typed: a wrong holder found only at payment blocks the money for weeks.
        if (problems.Count == 0
            && AccountCheck.Problem(request.BankAccount, request.AccountHolder, request.GroupName, request.ChairName, request.TreasurerName) is { } account)
        {
            problems.Add(account);
        }

        if (!RegionCatalog.Ntt.IsKecamatan(request.KecamatanCode))
        {
            problems.Add($"kecamatan {request.KecamatanCode} tidak dikenal");
        }
        else if (!scope.Allows(request.KecamatanCode[..5]))
        {
            problems.Add($"kecamatan {request.KecamatanCode} di luar wilayah kerja Anda");
        }

        var niks = Niks(request.MemberNiks);
        foreach (var bad in niks.Where(n => Nik.CheckStructure(n) != Nik.Problem.None))
        {
            problems.Add($"NIK {Nik.Mask(bad)} tidak sah (harus 16 digit dengan tanggal lahir yang benar)");
        }

        foreach (var twice in niks.GroupBy(n => n).Where(g => g.Count() > 1))
        {
            problems.Add($"NIK {Nik.Mask(twice.Key)} tercantum lebih dari sekali");
        }

        if (niks.Count == 0)
        {
            problems.Add("daftar anggota (NIK) kosong");
        }

        if (request.BudgetAmount < 0)
        {
            problems.Add("anggaran tidak boleh negatif");
        }

        if (problems.Count > 0)
        {
            throw new ProposalRefusedException("Usulan tidak dapat disimpan: " + string.Join("; ", problems) + ".");
        }
    }

    internal static List<string> Niks(IEnumerable<string> raw) => raw.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();

    /// <summary>
    /// The members as the rules see them. A NIK not in the latest period is kept (InDtks false) so
    /// the screening can say so; <paramref name="exceptProposalId"/> keeps a proposal from counting itself.
    /// </summary>
    public static async Task<IReadOnlyList<Fact.KubeMember>> ResolveMembersAsync(
        SejahteraDbContext db, IEnumerable<string> memberNiks, long? exceptProposalId = null, CancellationToken ct = default)
    {
        var niks = Niks(memberNiks).Where(n => Nik.CheckStructure(n) == Nik.Problem.None).Distinct().ToList();
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        var found = snapshot is null ? [] : await db.Members.AsNoTracking()
            .Where(m => m.SnapshotId == snapshot.Id && niks.Contains(m.Nik))
            .Join(db.Households.AsNoTracking(), m => m.HouseholdId, h => h.Id, (m, h) => new { Member = m, h.RegionCode, h.Desil })
            .ToListAsync(ct);
        // A grant counts once the proposal reached payment; rejected or running ones do not.
        var earlier = await db.Proposals.AsNoTracking()
            .Where(p => p.Id != exceptProposalId && p.Stage != null && StateMeanings.Granted.Contains(p.Stage))
            .Select(p => p.MembersJson).ToListAsync(ct);

        return niks.Select(nik =>
        {
            var row = found.FirstOrDefault(f => f.Member.Nik == nik);
            return row is null
                ? new Fact.KubeMember { Nik = nik, InDtks = false, HasKtp = true, HasKk = true }
                : new Fact.KubeMember
                {
                    Nik = nik,
                    Name = row.Member.Name,
                    BirthDate = row.Member.BirthDate,
                    InDtks = true,
                    Desil = row.Desil,
                    Occupation = row.Member.Occupation,
                    HeadOrMainEarner = row.Member.Relation == 1 || row.Member.Occupation is >= 1 and <= 4,
                    PriorKubeGrants = earlier.Count(json => json.Contains(nik, StringComparison.Ordinal)),
                    KecamatanCode = row.RegionCode[..8],
                    HasKtp = true,
                    HasKk = true,
                    DataGanda = row.Member.Flags.HasFlag(MemberFlags.DataGanda),
                };
        }).ToList();
    }

    /// <summary>Copies the request onto the proposal; the kabupaten follows the kecamatan.</summary>
    internal static void Apply(Proposal proposal, KubeProposalRequest request, IReadOnlyList<Fact.KubeMember> members)
    {
        proposal.KabupatenCode = request.KecamatanCode[..5];
        proposal.KecamatanCode = request.KecamatanCode;
        proposal.GroupName = request.GroupName.Trim();
        proposal.BusinessType = request.BusinessType.Trim();
        proposal.MembersJson = JsonSerializer.Serialize(members, SubjectJson.Options);
        proposal.BankAccount = request.BankAccount.Trim();
        proposal.AccountHolder = request.AccountHolder.Trim();
        proposal.ChairName = request.ChairName.Trim();
        proposal.TreasurerName = request.TreasurerName.Trim();
        proposal.BusinessPlan = request.BusinessPlan.Trim();
        proposal.BudgetAmount = request.BudgetAmount;
        proposal.OfficersChosen = request.OfficersChosen;
        proposal.HasRecommendation = request.HasRecommendation;
        proposal.DocumentsComplete = request.DocumentsComplete;
    }
}
