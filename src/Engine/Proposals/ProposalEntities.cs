namespace Sejahtera.Engine.Proposals;

/// <summary>
/// A KUBE grant proposal moving through its workflow. The workflow state is stored here (external
/// state storage for Stateless); <see cref="RowVersion"/> makes two simultaneous transitions collide
/// instead of both succeeding.
/// </summary>
public sealed class Proposal
{
    public long Id { get; set; }
    public required string Program { get; set; }
    public required string WorkflowKey { get; set; }
    public int WorkflowVersion { get; set; }
    public required string State { get; set; }
    /// <summary>The meaning of <see cref="State"/> in its definition version (draft, payment, closed…), or null; kept with the state so queries never name states.</summary>
    public string? Stage { get; set; }
    public required string KabupatenCode { get; set; }
    /// <summary>The home (panti) a case belongs to, for programs run by a home; null otherwise. UPT staff see only their home's cases.</summary>
    public string? HomeCode { get; set; }
    /// <summary>The desa a case is about, for programs served per desa (PKH graduation); pendamping bound to desa see only theirs.</summary>
    public string? DesaCode { get; set; }
    public required string KecamatanCode { get; set; }
    /// <summary>Queue order: a higher priority comes first (PKH families more than five years in the program).</summary>
    public int Priority { get; set; }
    public required string GroupName { get; set; }
    public required string BusinessType { get; set; }
    /// <summary>Members resolved against the registry, as the KUBE facts (JSON).</summary>
    public required string MembersJson { get; set; }
    public required string BankAccount { get; set; }
    public required string AccountHolder { get; set; }
    public required string ChairName { get; set; }
    public required string TreasurerName { get; set; }
    public required string BusinessPlan { get; set; }
    public decimal BudgetAmount { get; set; }
    public bool OfficersChosen { get; set; }
    public bool HasRecommendation { get; set; }
    public bool DocumentsComplete { get; set; }
    public long? LastDecisionId { get; set; }
    public string? LastOutcome { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>A human task: the state's candidate roles in the proposal's kabupaten/kota, with its SLA due date.</summary>
public sealed class ProposalTask
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public required string State { get; set; }
    public required string CandidateRoles { get; set; }
    public required string KabupatenCode { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? EscalateTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}

/// <summary>The append-only log of a proposal's transitions.</summary>
public sealed class ProposalTransition
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public required string Trigger { get; set; }
    public string? Reason { get; set; }
    public int WorkflowVersion { get; set; }
}

/// <summary>A workflow definition version as stored; immutable once published, proposals keep theirs.</summary>
public sealed class WorkflowDefinitionVersion
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A file attached to a proposal (field-visit evidence, LPJ, bank book...); the bytes are kept in the database with their hash.</summary>
public sealed class ProposalDocument
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    /// <summary>One of <see cref="AttachDocument.Kinds"/>.</summary>
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>The proposal's state when the file was attached.</summary>
    public required string State { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
