using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: termination cases for terminated residents of the two homes that have demo UPT
/// accounts, proposed and walked by the demo accounts through the real use cases to different stages,
/// so each role of the panti flow finds work (UPT staff a draft, the Seksi Rehabilitasi Sosial a
/// verification, the Kepala Dinas an approval, the treasurer a payment).
/// </summary>
internal sealed class DemoTerminationCases(ProposeTermination propose, CaseService cases, AttachDocument attach)
{
    /// <summary>The homes with demo UPT accounts, and how many steps forward each of their cases is walked.</summary>
    private static readonly (string Home, string UptUser, string Kabupaten, int[] Steps)[] Homes =
    [
        ("riang-naibonat", "upt.naibonat", "53.01", [0, 1, 2, 3]),
        ("budi-agung", "upt.budiagung", "53.71", [1, 3]),
    ];

    public async Task<int> AddAsync(SejahteraDbContext db, CancellationToken ct)
    {
        if (await db.Proposals.AnyAsync(p => p.Program == CasePrograms.PantiTermination, ct))
        {
            return 0;
        }

        var added = 0;
        foreach (var (home, upt, kabupaten, steps) in Homes)
        {
            var scope = RegionScope.Parse(kabupaten).ForHome(home);
            var users = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WorkflowRoles.UptStaff] = upt,
                [WorkflowRoles.Rehsos] = "rehsos",
                [WorkflowRoles.KepalaDinas] = "kadis",
            };
            var residents = await db.Residents.AsNoTracking()
                .Where(r => r.HomeCode == home && r.Stage == RehabilitationStages.Termination && r.PlanCompleted && r.EvaluationDone && r.GuardianName != "")
                .OrderBy(r => r.Id).Take(steps.Length).ToListAsync(ct);
            foreach (var (resident, i) in residents.Select((r, i) => (r, i)))
            {
                var proposal = await propose.HandleAsync(db, new TerminationRequest(
                    resident.Id, resident.StageSince, "kembali-ke-keluarga", resident.OriginAddress, resident.GuardianName,
                    resident.StageSince.AddDays(30), "wali", $"00823456{added:00}", resident.GuardianName), upt, [WorkflowRoles.UptStaff], scope, ct);
                for (var step = 0; step < steps[i]; step++)
                {
                    await DemoWorkflowProposals.ForwardAsync(cases, attach, db, proposal.Id, users, scope, ct);
                }

                added++;
            }
        }

        return added;
    }
}
