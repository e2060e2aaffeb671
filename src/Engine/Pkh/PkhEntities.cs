namespace Sejahtera.Engine.Pkh;

/// <summary>
/// A PKH beneficiary family (KPM) as the beneficiary file of one period lists it. Linked to its DTKS
/// household by KK number when there is one (desil from there); one without is kept and flagged.
/// </summary>
public sealed class Kpm
{
    public long Id { get; set; }
    /// <summary>The period of the beneficiary file, e.g. <c>2024</c>.</summary>
    public required string Period { get; set; }
    /// <summary>The KPM id of the PKH system.</summary>
    public required string KpmCode { get; set; }
    public required string KkNumber { get; set; }
    /// <summary>NIK of the family's caretaker (pengurus), usually the mother.</summary>
    public required string CaretakerNik { get; set; }
    public required string CaretakerName { get; set; }
    public required string DesaCode { get; set; }
    public required string KabupatenCode { get; set; }
    public int YearOfEntry { get; set; }
    public int PregnantWomen { get; set; }
    public int YoungChildren { get; set; }
    public int SdChildren { get; set; }
    public int SmpChildren { get; set; }
    public int SmaChildren { get; set; }
    public int Elderly { get; set; }
    public int SevereDisability { get; set; }
    /// <summary>Written warnings for failed commitments in the last 12 months.</summary>
    public int CommitmentWarnings { get; set; }
    /// <summary>Share of P2K2 sessions attended in the last 12 months, 0–1.</summary>
    public decimal P2k2Attendance { get; set; }
    /// <summary>Lowest school attendance share of the family's school children, 0–1.</summary>
    public decimal SchoolAttendance { get; set; } = 1m;
    /// <summary>User name of the pendamping assigned to the family.</summary>
    public required string Pendamping { get; set; }
    /// <summary>The DTKS household with the same KK number in the latest period, if any.</summary>
    public long? HouseholdId { get; set; }
    public int? Desil { get; set; }
    /// <summary>SHA-256 of the line's content, so a second import of the same line changes nothing.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A KPM that left the register: graduated (with its kind) on a date, through a graduation case.</summary>
public sealed class KpmExit
{
    public long Id { get; set; }
    public required string KpmCode { get; set; }
    /// <summary>graduasi-alamiah, graduasi-mandiri or graduasi-paksa.</summary>
    public required string Kind { get; set; }
    public DateOnly On { get; set; }
    /// <summary>The period the family leaves the register from (the next one after its case).</summary>
    public required string FromPeriod { get; set; }
    public long ProposalId { get; set; }
}

/// <summary>
/// The PKH part of a graduation case (the case is a <see cref="Proposals.Proposal"/> of program
/// <c>pkh-graduasi</c>): the family, the suggested kind, the pendamping's assessment, the decision and its letter.
/// </summary>
public sealed class GraduationCase
{
    public long ProposalId { get; set; }
    public long KpmId { get; set; }
    public required string KpmCode { get; set; }
    public required string Period { get; set; }
    public int YearsInProgram { get; set; }
    /// <summary>The kind the evaluation run suggested: graduasi-alamiah, graduasi-mandiri or graduasi-paksa.</summary>
    public required string SuggestedKind { get; set; }
    public string? Work { get; set; }
    public string? Business { get; set; }
    public string? Assets { get; set; }
    public string? IncomeChange { get; set; }
    public bool EconomyImproved { get; set; }
    public bool SignedExitStatement { get; set; }
    public bool VillageDeclaredMampu { get; set; }
    public string? DecidedKind { get; set; }
    /// <summary>The Kepala Bidang who decided the graduation (and signs its letter).</summary>
    public string? DecidedBy { get; set; }
    public string? LetterNumber { get; set; }
    public DateOnly? LetterDate { get; set; }
    public int Objections { get; set; }
}

/// <summary>The head of a graduated family offered to empowerment as a KUBE member, pre-checked against the KUBE member criteria.</summary>
public sealed class KubeCandidate
{
    public long Id { get; set; }
    public required string Nik { get; set; }
    public required string Name { get; set; }
    public required string DesaCode { get; set; }
    public required string KabupatenCode { get; set; }
    public long SourceProposalId { get; set; }
    /// <summary>The KUBE member criteria found nothing against the person.</summary>
    public bool PreChecked { get; set; }
    /// <summary>What the pre-check found, in Indonesian; empty when it passed.</summary>
    public required string Findings { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One graduation evaluation of a period: how many families were decided and how many cases it opened.</summary>
public sealed class PkhEvaluationRun
{
    public long Id { get; set; }
    public required string Period { get; set; }
    public DateOnly AsOf { get; set; }
    public int Evaluated { get; set; }
    public int Candidates { get; set; }
    public int Opened { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
