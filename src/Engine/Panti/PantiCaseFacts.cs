using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Panti;

/// <summary>A termination case as the rules and the workflow's guards see it: its panti part, the resident, and the rule set's fact.</summary>
internal sealed record PantiCaseFacts(PantiTermination Termination, Resident Resident, Fact.PantiClient Client)
{
    /// <summary>The facts of a <c>panti-terminasi</c> case, read fresh (the resident's stage and flags may have changed since the case was proposed).</summary>
    public static async Task<PantiCaseFacts> LoadAsync(SejahteraDbContext db, Proposal proposal, CancellationToken ct)
    {
        var termination = await db.PantiTerminations.AsNoTracking().SingleAsync(t => t.ProposalId == proposal.Id, ct);
        var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == termination.ResidentId, ct);
        var home = await db.PantiHomes.AsNoTracking().Where(h => h.Code == termination.HomeCode).Select(h => h.Name).SingleAsync(ct);
        // Assistance given before: another case of the same person (by NIK, in any home) that reached payment.
        var prior = await db.PantiTerminations.AsNoTracking()
            .Where(t => t.ProposalId != proposal.Id)
            .Join(db.Residents.AsNoTracking().Where(r => r.Nik == resident.Nik), t => t.ResidentId, r => r.Id, (t, r) => t.ProposalId)
            .Join(db.Proposals.AsNoTracking(), id => id, p => p.Id, (id, p) => p.Stage)
            .AnyAsync(stage => stage != null && StateMeanings.Granted.Contains(stage), ct);
        var client = new Fact.PantiClient
        {
            Id = $"USULAN-{proposal.Id}",
            Nik = resident.Nik,
            Home = home,
            Category = resident.Category,
            BirthDate = resident.BirthDate,
            AdmittedOn = resident.AdmittedOn,
            TerminationOn = termination.TerminationOn,
            RehabilitationPlanCompleted = resident.PlanCompleted,
            EvaluationDone = resident.EvaluationDone,
            TerminationReason = termination.TerminationReason,
            DestinationKnown = termination.DestinationAddress.Trim().Length > 0,
            ReceivingFamilyKnown = termination.ReceivingFamily.Trim().Length > 0,
            PriorTerminationAssistance = prior,
            FollowUpVisitOn = termination.FollowUpVisitOn,
        };
        return new PantiCaseFacts(termination, resident, client);
    }

    /// <summary>The case's facts when it is a panti termination case, else null.</summary>
    public static async Task<PantiCaseFacts?> OfAsync(SejahteraDbContext db, Proposal proposal, CancellationToken ct) =>
        proposal.Program == CasePrograms.PantiTermination ? await LoadAsync(db, proposal, ct) : null;
}
