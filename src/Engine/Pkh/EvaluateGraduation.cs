using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Pkh;

/// <summary>What an evaluation run did: families decided, candidates found, cases opened, and candidates whose case was already open.</summary>
public sealed record GraduationEvaluation(long RunId, string Period, DateOnly AsOf, int Evaluated, int Candidates, int Opened, int AlreadyOpen);

/// <summary>
/// The yearly graduation evaluation: <c>pkh-graduasi</c> decides every family of a period still in the
/// register, and each candidate gets a graduation case (started by the case service) with the
/// suggested kind and the stored, explained decision; a family the rules keep but that is more than five
/// years in the program gets a case too, for the home visit that alone can find a voluntary
/// (mandiri) graduation. A family with a case of the period is never
/// given a second (also guarded by a unique index), so running it again opens nothing twice. Families
/// more than five years in the program come first in the queues. Families are read page by page.
/// </summary>
public sealed class EvaluateGraduation(DatabaseSettings settings, RuleSetCatalog catalog, CaseService cases, TimeProvider time)
{
    /// <summary>Families read and decided per page; each page's cases are one transaction.</summary>
    public const int PageSize = 500;

    /// <summary>Years in the program after which a family comes first in the queues.</summary>
    public const int LongStayYears = 5;

    /// <summary>The background job: its own database context.</summary>
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task<GraduationEvaluation> RunAsync(string period, DateOnly asOf, string actor, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        return await HandleAsync(db, period, asOf, actor, [WorkflowRoles.Admin], ct);
    }

    public async Task<GraduationEvaluation> HandleAsync(
        SejahteraDbContext db, string period, DateOnly asOf, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.EvaluateGraduation);
        if (!await db.Kpms.AnyAsync(k => k.Period == period, ct))
        {
            throw new ProposalRefusedException($"Periode {period} tidak memiliki KPM; impor daftar KPM periode itu dahulu.");
        }

        var ruleSet = await catalog.InForceAsync(db, CasePrograms.PkhGraduation, asOf, ct);
        var run = new PkhEvaluationRun { Period = period, AsOf = asOf, StartedBy = actor, StartedAt = time.GetUtcNow() };
        db.PkhEvaluationRuns.Add(run);
        await db.SaveChangesAsync(ct);

        var open = (await db.GraduationCases.AsNoTracking().Where(g => g.Period == period).Select(g => g.KpmCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var exited = (await db.KpmExits.AsNoTracking().Select(e => e.KpmCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var (evaluated, candidates, opened, already) = (0, 0, 0, 0);
        long after = 0;
        while (true)
        {
            var page = await db.Kpms.AsNoTracking().Where(k => k.Period == period && k.Id > after).OrderBy(k => k.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            var opening = new List<(Kpm Kpm, Rules.Facts.PkhFamily Family, StoredDecision Decision, string Suggested)>();
            foreach (var kpm in page.Where(k => !exited.Contains(k.KpmCode)))
            {
                ct.ThrowIfCancellationRequested();
                var family = KpmFacts.Family(kpm, asOf);
                var decision = ruleSet.Evaluate(family, asOf);
                evaluated++;
                var suggested = PkhGraduation.IsGraduation(decision.Outcome) ? decision.Outcome
                    : family.YearsInProgram > LongStayYears ? PkhGraduation.Mandiri
                    : null;
                if (suggested is null)
                {
                    continue;
                }

                candidates++;
                if (!open.Add(kpm.KpmCode))
                {
                    already++;
                    continue;
                }

                opening.Add((kpm, family, EvaluateSubject.Stored(decision, family, kpm.HouseholdId, actor, time.GetUtcNow()), suggested));
            }

            if (opening.Count == 0)
            {
                continue;
            }

            // One transaction per page: its decisions, cases, their PKH parts, tasks and log entries.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Decisions.AddRange(opening.Select(o => o.Decision));
            await db.SaveChangesAsync(ct);
            var proposals = opening.Select(o => NewCase(o.Kpm, actor, o.Family.YearsInProgram, o.Decision.Id, o.Decision.Outcome)).ToList();
            await cases.StartManyAsync(db, proposals, DefaultWorkflows.PkhGraduationKey, actor, ct, afterInsert: () =>
                db.GraduationCases.AddRange(opening.Zip(proposals, (o, p) => new GraduationCase
                {
                    ProposalId = p.Id, KpmId = o.Kpm.Id, KpmCode = o.Kpm.KpmCode, Period = period, YearsInProgram = o.Family.YearsInProgram,
                    SuggestedKind = o.Suggested,
                })));
            opened += opening.Count;
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        var finished = await db.PkhEvaluationRuns.SingleAsync(r => r.Id == run.Id, ct);
        (finished.Evaluated, finished.Candidates, finished.Opened, finished.FinishedAt) = (evaluated, candidates, opened, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new GraduationEvaluation(run.Id, period, asOf, evaluated, candidates, opened, already);
    }

    private Proposal NewCase(Kpm kpm, string actor, int years, long decisionId, string outcome) => new()
    {
        Program = CasePrograms.PkhGraduation,
        WorkflowKey = DefaultWorkflows.PkhGraduationKey,
        State = "",
        KabupatenCode = kpm.KabupatenCode,
        DesaCode = kpm.DesaCode,
        KecamatanCode = kpm.DesaCode[..8],
        Priority = years > LongStayYears ? 1 : 0,
        GroupName = kpm.CaretakerName,
        BusinessType = "",
        MembersJson = "[]",
        BankAccount = "",
        AccountHolder = "",
        ChairName = "",
        TreasurerName = "",
        BusinessPlan = "",
        LastDecisionId = decisionId,
        LastOutcome = outcome,
        CreatedBy = actor,
        CreatedAt = time.GetUtcNow(),
    };
}
