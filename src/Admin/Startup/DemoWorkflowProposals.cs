using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: a few Sikka KUBE proposals walked by the demo accounts through the real use cases
/// to different stages, so every demo role finds work in its queue (the verifier a desk task, the
/// pendamping a visit, the Kepala Dinas an approval, the treasurer a proposal to pay).
/// </summary>
internal sealed class DemoWorkflowProposals(CreateKubeProposal create, CaseService cases, AttachDocument attach, TimeProvider time)
{
    private static readonly (string Group, string Business, string[] Walk)[] Stages =
    [
        ("KUBE Demo Tenun Ikat Lepo Gete", "tenun ikat", []),
        ("KUBE Demo Ternak Babi Wairpelit", "ternak babi", ["submit"]),
        ("KUBE Demo Kios Sembako Nita", "kios sembako", ["submit", "pass"]),
        ("KUBE Demo Anyaman Lontar Koting", "anyaman lontar", ["submit", "pass", "record-visit", "recommend"]),
        ("KUBE Demo Jagung Titi Kewapante", "olahan jagung", ["submit", "pass", "record-visit", "recommend", "approve"]),
    ];

    private static readonly Dictionary<string, (string User, string Role)> Actors = new(StringComparer.Ordinal)
    {
        ["submit"] = ("operator.sikka", WorkflowRoles.Operator),
        ["pass"] = ("verifikator.sikka", WorkflowRoles.Verifier),
        ["record-visit"] = ("pendamping.sikka", WorkflowRoles.Pendamping),
        ["recommend"] = ("kabid.pfm", WorkflowRoles.KepalaBidang),
        ["approve"] = ("kadis", WorkflowRoles.KepalaDinas),
    };

    public async Task<int> AddAsync(SejahteraDbContext db, int count, CancellationToken ct)
    {
        if (count <= 0 || await db.Proposals.AnyAsync(ct))
        {
            return 0;
        }

        // Working-age earners of one kecamatan, unflagged: groups the KUBE rules find eligible.
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Flags == 0 && m.Occupation >= 1 && m.Occupation <= 4)
            .Join(db.Households.AsNoTracking().Where(h => h.KabupatenCode == "53.07"), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Nik, m.Name, m.BirthDate, h.RegionCode })
            .ToListAsync(ct);
        var groups = candidates.Where(c => c.BirthDate.AddYears(20) <= today && c.BirthDate.AddYears(58) > today)
            .GroupBy(c => c.RegionCode[..8]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(6).Where(chunk => chunk.Length == 6).Select(chunk => (Kecamatan: g.Key, Members: chunk)))
            .Take(Math.Min(count, Stages.Length)).ToList();

        var scope = RegionScope.Parse("53.07");
        for (var i = 0; i < groups.Count; i++)
        {
            var ((group, business, walk), (kecamatan, members)) = (Stages[i], groups[i]);
            var chair = members[0].Name;
            var proposal = await create.HandleAsync(db, new KubeProposalRequest(
                group, business, kecamatan, members.Select(m => m.Nik).ToList(), $"007123450{i}", chair, chair, members[1].Name,
                $"Modal usaha {business} untuk 6 KK anggota", 10_000_000m, true, true, true), "operator.sikka", scope, ct);
            foreach (var trigger in walk)
            {
                var (user, role) = Actors[trigger];
                if (trigger == "record-visit")
                {
                    var note = Encoding.ASCII.GetBytes($"%PDF-1.4\n% berita acara kunjungan demo {group}\ntrailer <<>>\n%%EOF\n");
                    await attach.HandleAsync(db, proposal.Id, new DocumentUpload("kunjungan", "berita-acara-kunjungan.pdf", note), user, [role], scope, ct);
                }

                await cases.FireAsync(db, proposal.Id, trigger, trigger == "record-visit" ? "kunjungan demo: usaha sudah berjalan" : null, user, [role], RegionScope.All, ct: ct);
            }
        }

        return groups.Count;
    }
}
