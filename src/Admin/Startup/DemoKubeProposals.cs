using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: KUBE proposals made of household heads of one kecamatan from the demo registry,
/// decided with the published KUBE rules, so the pages and a dry run of a KUBE rule change have
/// proposals on file. Deterministic; labelled as demo data in their names and decider.
/// </summary>
internal static class DemoKubeProposals
{
    public const string DecidedBy = "demo";

    public static async Task<int> AddAsync(SejahteraDbContext db, EvaluateSubject evaluate, DateOnly asOf, int count, CancellationToken ct)
    {
        if (await db.Decisions.AnyAsync(d => d.Program == "kube", ct))
        {
            return 0;
        }

        var heads = await db.Members.AsNoTracking()
            .Where(m => m.Relation == 1)
            .Join(db.Households.AsNoTracking(), m => m.HouseholdId, h => h.Id, (m, h) => new { Member = m, h.RegionCode, h.Desil })
            .ToListAsync(ct);
        var random = new Random(2020);
        var added = 0;
        foreach (var kecamatan in heads.GroupBy(h => h.RegionCode[..8]).Where(g => g.Count() >= 6).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (added == count)
            {
                break;
            }

            var pool = kecamatan.OrderBy(_ => random.Next()).Take(random.Next(5, Math.Min(12, kecamatan.Count() + 1))).ToList();
            var proposal = new Fact.KubeProposal
            {
                Id = $"KUBE-DEMO-{kecamatan.Key.Replace(".", "", StringComparison.Ordinal)}",
                Name = $"KUBE demo {kecamatan.Key}",
                BusinessType = new[] { "tenun ikat", "ternak babi", "kios sembako", "perikanan", "kopi" }[random.Next(5)],
                KecamatanCode = kecamatan.Key,
                OfficersChosen = true,
                HasBankAccount = true,
                HasBusinessPlan = true,
                HasRecommendation = random.Next(10) > 0,
                Members = pool.Select(p => new Fact.KubeMember
                {
                    Nik = p.Member.Nik,
                    Name = p.Member.Name,
                    BirthDate = p.Member.BirthDate,
                    InDtks = true,
                    Desil = p.Desil,
                    Occupation = p.Member.Occupation,
                    HeadOrMainEarner = true,
                    KecamatanCode = kecamatan.Key,
                    HasKtp = true,
                    HasKk = true,
                    DataGanda = p.Member.Flags.HasFlag(Engine.Registry.MemberFlags.DataGanda),
                }).ToList(),
            };
            await evaluate.HandleAsync(db, "kube", SubjectJson.Write(proposal), asOf, DecidedBy, ct);
            added++;
        }

        return added;
    }
}
