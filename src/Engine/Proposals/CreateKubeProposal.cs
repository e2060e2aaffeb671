using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Workflows.Defaults;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Proposals;

public sealed record KubeProposalRequest(
    string GroupName, string BusinessType, string KecamatanCode, IReadOnlyList<string> MemberNiks,
    string BankAccount, string AccountHolder, string ChairName, string TreasurerName, string BusinessPlan, decimal BudgetAmount,
    bool OfficersChosen, bool HasRecommendation, bool DocumentsComplete);

/// <summary>
/// An operator's new KUBE proposal, as a draft: members are resolved by NIK against the latest
/// registry period (in DTKS?, desil, birth date, occupation, data ganda, earlier KUBE proposals),
/// within the operator's kabupaten/kota. Bad input is refused with every problem named.
/// </summary>
public sealed class CreateKubeProposal(TimeProvider time)
{
    public async Task<Proposal> HandleAsync(SejahteraDbContext db, KubeProposalRequest request, string userId, RegionScope scope, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.GroupName))
        {
            problems.Add("nama kelompok wajib diisi");
        }

        if (!RegionCatalog.Ntt.IsKecamatan(request.KecamatanCode))
        {
            problems.Add($"kecamatan {request.KecamatanCode} tidak dikenal");
        }
        else if (!scope.Allows(request.KecamatanCode[..5]))
        {
            problems.Add($"kecamatan {request.KecamatanCode} di luar wilayah kerja Anda");
        }

        var niks = request.MemberNiks.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        foreach (var bad in niks.Where(n => Nik.CheckStructure(n) != Nik.Problem.None))
        {
            problems.Add($"NIK {Nik.Mask(bad)} tidak sah (harus 16 digit dengan tanggal lahir yang benar)");
        }

        if (niks.Count == 0)
        {
            problems.Add("daftar anggota (NIK) kosong");
        }

        if (problems.Count > 0)
        {
            throw new ProposalRefusedException("Usulan tidak dapat dibuat: " + string.Join("; ", problems) + ".");
        }

        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        var found = snapshot is null ? [] : await db.Members.AsNoTracking()
            .Where(m => m.SnapshotId == snapshot.Id && niks.Contains(m.Nik))
            .Join(db.Households.AsNoTracking(), m => m.HouseholdId, h => h.Id, (m, h) => new { Member = m, h.RegionCode, h.Desil })
            .ToListAsync(ct);
        var earlier = await db.Proposals.AsNoTracking().Where(p => p.State == "closed" || p.State == "accountability" || p.State == "disbursement")
            .Select(p => p.MembersJson).ToListAsync(ct);

        var members = niks.Select(nik =>
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

        var now = time.GetUtcNow();
        var definition = await db.WorkflowDefinitions.AsNoTracking().Where(w => w.Key == DefaultWorkflows.KubeProposalKey && w.Status == "published")
            .OrderByDescending(w => w.Version).FirstAsync(ct);
        var proposal = new Proposal
        {
            Program = "kube",
            WorkflowKey = definition.Key,
            WorkflowVersion = definition.Version,
            State = "draft",
            KabupatenCode = request.KecamatanCode[..5],
            KecamatanCode = request.KecamatanCode,
            GroupName = request.GroupName.Trim(),
            BusinessType = request.BusinessType.Trim(),
            MembersJson = JsonSerializer.Serialize(members, SubjectJson.Options),
            BankAccount = request.BankAccount.Trim(),
            AccountHolder = request.AccountHolder.Trim(),
            ChairName = request.ChairName.Trim(),
            TreasurerName = request.TreasurerName.Trim(),
            BusinessPlan = request.BusinessPlan.Trim(),
            BudgetAmount = request.BudgetAmount,
            OfficersChosen = request.OfficersChosen,
            HasRecommendation = request.HasRecommendation,
            DocumentsComplete = request.DocumentsComplete,
            CreatedBy = userId,
            CreatedAt = now,
        };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = proposal.Id, At = now, Actor = userId, From = "", To = "draft", Trigger = "create", WorkflowVersion = proposal.WorkflowVersion,
        });
        await db.SaveChangesAsync(ct);
        return proposal;
    }
}
