using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Running;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Proposals;

public sealed record QueueItem(ProposalTask Task, Proposal Proposal, bool Overdue);

/// <summary>The open tasks of a user's roles in their scope, and how many of them are past their due date.</summary>
public sealed record TaskCounts(int Open, int Overdue);

public sealed record ProposalView(
    Proposal Proposal,
    IReadOnlyList<Fact.KubeMember> Members,
    DecisionDocument? Screening,
    IReadOnlyList<ProposalTransition> Timeline,
    IReadOnlyList<ActionOption> Actions,
    ProposalTask? OpenTask,
    IReadOnlyList<DocumentInfo> Documents,
    TerminationView? Termination = null,
    GraduationView? Graduation = null);

/// <summary>The PKH part of a graduation case as its page shows it: the family, the assessment and letter, and the KUBE offer once graduated.</summary>
public sealed record GraduationView(Pkh.GraduationCase Graduation, Pkh.Kpm Kpm, Pkh.KubeCandidate? KubeCandidate)
{
    public string SuggestedLabel => Pkh.PkhGraduation.KindLabel(Graduation.SuggestedKind);

    public string DecidedLabel => Pkh.PkhGraduation.KindLabel(Graduation.DecidedKind);
}

/// <summary>The panti part of a termination case as its page shows it: the termination, the resident and their home.</summary>
public sealed record TerminationView(Panti.PantiTermination Termination, Panti.Resident Resident, string HomeName);

/// <summary>The verifier's desk: open tasks for the user's roles in their kabupaten/kota, and one proposal in full.</summary>
public sealed class ProposalViews(CaseService cases, TimeProvider time)
{
    /// <summary>
    /// The open tasks of the user's roles in their scope, highest priority first, then by due date. Filtered in
    /// the database (an evaluation run leaves hundreds of thousands of open tasks): the few distinct
    /// candidate-role lists are matched against the user's roles first, then tasks and their cases are
    /// read only for those lists, the user's kabupaten/kota, home and desa.
    /// </summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(SejahteraDbContext db, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        var rows = await QueueQueryAsync(db, roles, scope, ct);
        var found = await rows.OrderByDescending(r => r.Proposal.Priority).ThenBy(r => r.Task.DueDate).ThenBy(r => r.Task.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        return found.Select(r => new QueueItem(r.Task, r.Proposal, r.Task.DueDate is { } due && ProposalWorkflow.Calendar.IsOverdue(due, now))).ToList();
    }

    /// <summary>How many tasks <see cref="QueueAsync"/> would list, and how many of them are overdue; only due dates are read.</summary>
    public async Task<TaskCounts> CountsAsync(SejahteraDbContext db, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        var due = await (await QueueQueryAsync(db, roles, scope, ct)).Select(r => r.Task.DueDate).ToListAsync(ct);
        var now = time.GetUtcNow();
        return new TaskCounts(due.Count, due.Count(d => d is { } date && ProposalWorkflow.Calendar.IsOverdue(date, now)));
    }

    private static async Task<IQueryable<QueueRow>> QueueQueryAsync(SejahteraDbContext db, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct)
    {
        var open = db.ProposalTasks.AsNoTracking().Where(t => t.CompletedAt == null);
        var lists = await open.Select(t => t.CandidateRoles).Distinct().ToListAsync(ct);
        var mine = lists.Where(l => l.Split(',').Any(roles.Contains)).ToList();
        if (!scope.IsAll)
        {
            var codes = scope.Codes.ToList();
            open = open.Where(t => codes.Contains(t.KabupatenCode));
        }

        var rows = open.Where(t => mine.Contains(t.CandidateRoles))
            .Join(db.Proposals.AsNoTracking(), t => t.ProposalId, p => p.Id, (t, p) => new QueueRow { Task = t, Proposal = p });
        if (scope.Home is { } home)
        {
            rows = rows.Where(r => r.Proposal.HomeCode == home);
        }

        if (scope.Desa is { } desa)
        {
            var desaCodes = desa.ToList();
            rows = rows.Where(r => r.Proposal.DesaCode == null || desaCodes.Contains(r.Proposal.DesaCode));
        }

        return rows;
    }

    /// <summary>A task and its case, built by member initialisation so the database can filter on both.</summary>
    private sealed class QueueRow
    {
        public required ProposalTask Task { get; init; }
        public required Proposal Proposal { get; init; }
    }

    public async Task<ProposalView?> DetailsAsync(SejahteraDbContext db, long id, string userId, IEnumerable<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode, proposal.HomeCode, proposal.DesaCode))
        {
            return null;
        }

        var timeline = await db.ProposalTransitions.AsNoTracking().Where(t => t.ProposalId == id).OrderBy(t => t.Id).ToListAsync(ct);
        DecisionDocument? screening = null;
        if (proposal.LastDecisionId is { } decisionId && await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct) is { } d)
        {
            screening = new DecisionDocument(d.Id, d.Program, d.SubjectType, d.SubjectId, d.Outcome, d.Amount, d.RuleSetVersion, d.RuleSetHash, d.AsOf,
                DecisionDocument.ReadFindings(d.FindingsJson));
        }

        var actions = await cases.ActionsAsync(db, proposal, new Actor(userId, roles), ct);
        var task = await db.ProposalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.ProposalId == id && t.CompletedAt == null, ct);
        var documents = await DocumentsAsync(db, id, ct);
        var termination = await Panti.PantiCaseFacts.OfAsync(db, proposal, ct) is { } panti
            ? new TerminationView(panti.Termination, panti.Resident, panti.Client.Home)
            : null;
        var graduation = await Pkh.PkhCaseFacts.OfAsync(db, proposal, ct) is { } pkh
            ? new GraduationView(pkh.Graduation, pkh.Kpm, await db.KubeCandidates.AsNoTracking().FirstOrDefaultAsync(c => c.SourceProposalId == id, ct))
            : null;
        return new ProposalView(proposal, ProposalWorkflow.Members(proposal), screening, timeline, actions, task, documents, termination, graduation);
    }

    public static async Task<IReadOnlyList<DocumentInfo>> DocumentsAsync(SejahteraDbContext db, long proposalId, CancellationToken ct = default) =>
        await db.ProposalDocuments.AsNoTracking().Where(d => d.ProposalId == proposalId).OrderBy(d => d.Id)
            .Select(d => new DocumentInfo(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.State, d.UploadedBy, d.UploadedAt))
            .ToListAsync(ct);

    /// <summary>One attached file with its bytes, if the proposal is in the user's scope.</summary>
    public static async Task<ProposalDocument?> DocumentAsync(SejahteraDbContext db, long proposalId, long documentId, RegionScope scope, CancellationToken ct = default)
    {
        var owner = await db.Proposals.AsNoTracking().Where(p => p.Id == proposalId).Select(p => new { p.KabupatenCode, p.HomeCode, p.DesaCode }).FirstOrDefaultAsync(ct);
        return owner is null || !scope.Allows(owner.KabupatenCode, owner.HomeCode, owner.DesaCode)
            ? null
            : await db.ProposalDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ProposalId == proposalId, ct);
    }
}
