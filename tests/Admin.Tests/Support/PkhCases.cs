using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>Graduation cases and KPM of the fixture's demo data, read straight from its database.</summary>
public static class PkhCases
{
    /// <summary>A graduation case of a pendamping's desa suggested for a voluntary (mandiri) graduation and still waiting for its home visit, with its KPM id.</summary>
    public static async Task<(long CaseId, long KpmId)> WaitingForVisitAsync(this AppFixture app, string pendamping)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var desa = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == pendamping)).DesaCodes!.Split(',');
        var visited = db.ProposalTransitions.Where(t => t.Trigger != "create").Select(t => t.ProposalId);
        return await db.GraduationCases.AsNoTracking()
            .Join(db.Proposals.AsNoTracking(), g => g.ProposalId, p => p.Id, (g, p) => new { g, p })
            .Where(x => x.p.DesaCode != null && desa.Contains(x.p.DesaCode) && !visited.Contains(x.p.Id) && x.g.SuggestedKind == "graduasi-mandiri")
            .OrderBy(x => x.p.Id).Select(x => ValueTuple.Create(x.p.Id, x.g.KpmId)).FirstAsync();
    }

    /// <summary>A KPM of another pendamping's desa.</summary>
    public static async Task<long> KpmOfAsync(this AppFixture app, string pendamping)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        return await db.Kpms.AsNoTracking().Where(k => k.Pendamping == pendamping).OrderBy(k => k.Id).Select(k => k.Id).FirstAsync();
    }

    /// <summary>The objection window of a case has passed: its open task was due yesterday.</summary>
    public static async Task EndObjectionWindowAsync(this AppFixture app, long caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var task = await db.ProposalTasks.SingleAsync(t => t.ProposalId == caseId && t.CompletedAt == null);
        task.DueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        await db.SaveChangesAsync();
    }
}
