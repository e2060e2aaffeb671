using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Pkh.Browse;

/// <summary>The yearly PKH assistance of the family by the <c>pkh-bantuan</c> rule set, or why it cannot be shown.</summary>
public sealed record KpmAssistance(decimal? Amount, string? Outcome, string? RuleSetVersion, string? Unavailable);

/// <summary>A graduation case of the family: the case (proposal) number, its stage, the suggested and decided kind.</summary>
public sealed record KpmCaseLink(long ProposalId, string Period, string State, string? Stage, string SuggestedKind, string? DecidedKind, DateTimeOffset CreatedAt,
    string WorkflowKey = "", int WorkflowVersion = 0);

/// <summary>The family's DTKS household, when its KK number is in the latest DTKS period.</summary>
public sealed record KpmHousehold(long Id, string IdDtks, int Desil, int MemberCount);

/// <summary>A KPM with its DTKS link, its exit from PKH if any, its assistance and its graduation cases.</summary>
public sealed record KpmDetails(Kpm Kpm, KpmHousehold? Household, KpmExit? Exit, KpmAssistance Assistance, IReadOnlyList<KpmCaseLink> Cases);

/// <summary>One KPM for a user who may see it.</summary>
public sealed class GetKpmDetails(RuleSetCatalog catalog)
{
    public const string AssistanceProgram = "pkh-bantuan";

    /// <summary>Null when the KPM does not exist or is not the user's to see (the same answer for both).</summary>
    public async Task<KpmDetails?> HandleAsync(SejahteraDbContext db, KpmAudience audience, long id, DateOnly today, CancellationToken ct = default)
    {
        var kpm = await audience.Filter(db.Kpms.AsNoTracking()).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kpm is null)
        {
            return null;
        }

        var household = kpm.HouseholdId is { } householdId
            ? await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => new KpmHousehold(h.Id, h.IdDtks, h.Desil, h.MemberCount)).FirstOrDefaultAsync(ct)
            : null;
        var exit = await db.KpmExits.AsNoTracking().FirstOrDefaultAsync(e => e.KpmCode == kpm.KpmCode, ct);
        var cases = await db.GraduationCases.AsNoTracking()
            .Where(g => g.KpmCode == kpm.KpmCode)
            .Join(db.Proposals.AsNoTracking(), g => g.ProposalId, p => p.Id,
                (g, p) => new KpmCaseLink(p.Id, g.Period, p.State, p.Stage, g.SuggestedKind, g.DecidedKind, p.CreatedAt, p.WorkflowKey, p.WorkflowVersion))
            .ToListAsync(ct);
        return new KpmDetails(kpm, household, exit, await AssistanceAsync(db, kpm, today, ct), cases.OrderBy(c => c.ProposalId).ToList());
    }

    /// <summary>
    /// The family evaluated (not stored: reading a page decides nothing) with the <c>pkh-bantuan</c>
    /// rule set in force today; while none is published the page says so instead of failing.
    /// </summary>
    private async Task<KpmAssistance> AssistanceAsync(SejahteraDbContext db, Kpm kpm, DateOnly today, CancellationToken ct)
    {
        try
        {
            var ruleSet = await catalog.InForceAsync(db, AssistanceProgram, today, ct);
            if (ruleSet.SubjectType != typeof(Rules.Facts.PkhFamily))
            {
                return new KpmAssistance(null, null, null, $"aturan {AssistanceProgram} belum tersedia (subjeknya bukan keluarga PKH)");
            }

            var decision = ruleSet.Evaluate(KpmFacts.Family(kpm, today), today, ct);
            return new KpmAssistance(decision.Amount, decision.Outcome, decision.RuleSetVersion, null);
        }
        catch (RuleEvaluationException e)
        {
            return new KpmAssistance(null, null, null, $"aturan {AssistanceProgram} belum tersedia ({e.Message})");
        }
    }
}
