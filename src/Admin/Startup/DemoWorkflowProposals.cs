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
    /// <summary>Each demo group and how many steps forward it is walked from its draft.</summary>
    private static readonly (string Group, string Business, int Steps)[] Stages =
    [
        ("KUBE Demo Tenun Ikat Lepo Gete", "tenun ikat", 0),
        ("KUBE Demo Ternak Babi Wairpelit", "ternak babi", 1),
        ("KUBE Demo Kios Sembako Nita", "kios sembako", 2),
        ("KUBE Demo Anyaman Lontar Koting", "anyaman lontar", 4),
        ("KUBE Demo Jagung Titi Kewapante", "olahan jagung", 5),
    ];

    /// <summary>The demo account that acts for each role.</summary>
    private static readonly Dictionary<string, string> Users = new(StringComparer.Ordinal)
    {
        [WorkflowRoles.Operator] = "operator.sikka",
        [WorkflowRoles.Verifier] = "verifikator.sikka",
        [WorkflowRoles.Pendamping] = "pendamping.sikka",
        [WorkflowRoles.KepalaBidang] = "kabid.pfm",
        [WorkflowRoles.KepalaDinas] = "kadis",
    };

    public async Task<int> AddAsync(SejahteraDbContext db, int count, CancellationToken ct)
    {
        if (count <= 0 || await db.Proposals.AnyAsync(ct))
        {
            return 0;
        }

        // Working-age earners of one kecamatan, unflagged, of desil 1–2 (the KUBE limit under DTSEN): groups the KUBE rules find eligible.
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Flags == 0 && m.Occupation >= 1 && m.Occupation <= 4)
            .Join(db.Households.AsNoTracking().Where(h => h.KabupatenCode == "53.07" && h.Desil >= 1 && h.Desil <= 2), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Nik, m.Name, m.BirthDate, h.RegionCode })
            .ToListAsync(ct);
        var groups = candidates.Where(c => c.BirthDate.AddYears(20) <= today && c.BirthDate.AddYears(58) > today)
            .GroupBy(c => c.RegionCode[..8]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(6).Where(chunk => chunk.Length == 6).Select(chunk => (Kecamatan: g.Key, Members: chunk)))
            .Take(Math.Min(count, Stages.Length)).ToList();

        var scope = RegionScope.Parse("53.07");
        for (var i = 0; i < groups.Count; i++)
        {
            var ((group, business, steps), (kecamatan, members)) = (Stages[i], groups[i]);
            var chair = members[0].Name;
            var proposal = await create.HandleAsync(db, new KubeProposalRequest(
                group, business, kecamatan, members.Select(m => m.Nik).ToList(), $"007123450{i}", chair, chair, members[1].Name,
                $"Modal usaha {business} untuk 6 KK anggota", 10_000_000m, true, true, true), "operator.sikka", [WorkflowRoles.Operator], scope, ct);
            for (var step = 0; step < steps; step++)
            {
                await ForwardAsync(cases, attach, db, proposal.Id, Users, scope, ct);
            }
        }

        return groups.Count;
    }

    /// <summary>
    /// One step forward as the workflow defines it: the state's first action that needs no reason and
    /// waits for no outside event, taken by the demo account of its role (<paramref name="users"/>), with the evidence its guards ask for.
    /// </summary>
    internal static async Task ForwardAsync(
        CaseService cases, AttachDocument attach, SejahteraDbContext db, long id, IReadOnlyDictionary<string, string> users, RegionScope scope, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var state = (await cases.DefinitionAsync(db, proposal, ct)).GetState(proposal.State);
        var forward = state.Transitions.First(t => t.Event is null && !t.ReasonRequired);
        var role = (forward.Roles ?? state.Task?.Roles ?? []).First(users.ContainsKey);
        foreach (var kind in forward.Guards.Select(AttachDocument.KindRequiredBy).OfType<string>())
        {
            var note = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {AttachDocument.Kinds[kind]} demo usulan {id}\ntrailer <<>>\n%%EOF\n");
            await attach.HandleAsync(db, id, new DocumentUpload(kind, kind + ".pdf", note), users[role], [role], scope, ct);
        }

        await cases.FireAsync(db, id, forward.Trigger, "langkah demo", users[role], [role], scope, ct: ct);
    }
}
