using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: the graduation evaluation of this year's demo KPM, run by the Kepala Bidang, and
/// a few of the first pendamping's cases walked on through the real use cases (the visit's assessment
/// and photo, then the shared demo step forward), so the pendamping has visits to make, the
/// coordinator a review, and the Kepala Bidang a decision.
/// </summary>
internal sealed class DemoGraduationCases(EvaluateGraduation evaluate, RecordAssessment assess, AttachDocument attach, Engine.Cases.CaseService cases, TimeProvider time)
{
    public async Task<int> AddAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var period = time.GetLocalNow().Year.ToString(CultureInfo.InvariantCulture);
        if (!await db.Kpms.AnyAsync(k => k.Period == period, ct) || await db.PkhEvaluationRuns.AnyAsync(ct))
        {
            return 0;
        }

        var run = await evaluate.HandleAsync(db, period, DateOnly.FromDateTime(time.GetLocalNow().Date), "kabid.pfm", [WorkflowRoles.KepalaBidang], ct);
        var pendamping = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == DemoKpm.FirstPendamping, ct);
        var scope = RegionScope.Parse(pendamping.RegionScope).ForDesa(pendamping.DesaCodes);
        var theirs = await db.Proposals.AsNoTracking().Where(p => p.Program == Engine.Cases.CasePrograms.PkhGraduation && p.DesaCode != null)
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Id).Select(p => new { p.Id, p.DesaCode }).ToListAsync(ct);
        var ids = theirs.Where(p => scope.Desa?.Contains(p.DesaCode!) == true).Select(p => p.Id).Take(3).ToList();
        var users = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkflowRoles.Pendamping] = pendamping.UserName!,
            [WorkflowRoles.PkhCoordinator] = "koordinator.sikka",
        };

        // The first stays waiting for its visit; the second goes to review, the third on to the decision.
        foreach (var (id, steps) in ids.Skip(1).Zip(new[] { 1, 2 }))
        {
            await assess.HandleAsync(db, id, new AssessmentRequest("petani", "tidak ada", "rumah sendiri", "tetap", false, false, false),
                pendamping.UserName!, [WorkflowRoles.Pendamping], scope, ct);
            var photo = Encoding.ASCII.GetBytes($"%PDF-1.4\n% foto kunjungan demo kasus {id}\ntrailer <<>>\n%%EOF\n");
            await attach.HandleAsync(db, id, new DocumentUpload("kunjungan", "kunjungan.pdf", photo), pendamping.UserName!, [WorkflowRoles.Pendamping], scope, ct);
            for (var step = 0; step < steps; step++)
            {
                await DemoWorkflowProposals.ForwardAsync(cases, attach, db, id, users, scope, ct);
            }
        }

        return run.Opened;
    }
}
