namespace Sejahtera.Engine.Panti;

/// <summary>A government care home (panti/UPT) of the province; reference data shipped with the project.</summary>
public sealed class PantiHome
{
    /// <summary>Short stable code, e.g. <c>riang-naibonat</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>anak, lansia or disabilitas (see <see cref="ResidentCategories"/>).</summary>
    public required string Kind { get; set; }
    public required string KabupatenCode { get; set; }
}

/// <summary>
/// A resident (klien) of a home. The NIK is unique within a home; the current rehabilitation stage
/// and its history (<see cref="ResidentStageEntry"/>) follow <see cref="RehabilitationStages"/>.
/// </summary>
public sealed class Resident
{
    public long Id { get; set; }
    public required string HomeCode { get; set; }
    public required string Nik { get; set; }
    public required string Name { get; set; }
    /// <summary>L or P.</summary>
    public required string Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    /// <summary>anak, lansia or disabilitas.</summary>
    public required string Category { get; set; }
    public DateOnly AdmittedOn { get; set; }
    public required string OriginAddress { get; set; }
    /// <summary>Family member or guardian (wali) who placed or will receive the resident.</summary>
    public required string GuardianName { get; set; }
    public required string GuardianRelation { get; set; }
    /// <summary>Current stage, one of <see cref="RehabilitationStages.All"/>.</summary>
    public required string Stage { get; set; }
    public DateOnly StageSince { get; set; }
    public bool PlanCompleted { get; set; }
    public bool EvaluationDone { get; set; }
    /// <summary>The NIK was found in the DTKS registry when the resident was recorded.</summary>
    public bool InDtks { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>One step of a resident's rehabilitation: the stage entered and on which date.</summary>
public sealed class ResidentStageEntry
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public required string Stage { get; set; }
    public DateOnly On { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// The panti part of a termination-assistance case (the case itself is a <see cref="Proposals.Proposal"/>
/// of program <c>panti-terminasi</c>): the resident, the termination and where the resident goes.
/// </summary>
public sealed class PantiTermination
{
    public long ProposalId { get; set; }
    public long ResidentId { get; set; }
    public required string HomeCode { get; set; }
    public DateOnly TerminationOn { get; set; }
    /// <summary>tujuan-tercapai, kembali-ke-keluarga, hidup-mandiri, rujukan, meninggal, melarikan-diri.</summary>
    public required string TerminationReason { get; set; }
    public required string DestinationAddress { get; set; }
    /// <summary>The family or guardian receiving the resident.</summary>
    public required string ReceivingFamily { get; set; }
    public DateOnly? FollowUpVisitOn { get; set; }
    /// <summary>Who holds the account paid: <c>klien</c> or <c>wali</c>.</summary>
    public required string Payee { get; set; }
}

/// <summary>The resident categories, which are also the kinds of homes.</summary>
public static class ResidentCategories
{
    public static IReadOnlyList<string> All { get; } = ["anak", "lansia", "disabilitas"];

    public static string Label(string category) => category switch
    {
        "anak" => "Anak",
        "lansia" => "Lanjut usia",
        "disabilitas" => "Penyandang disabilitas",
        _ => category,
    };
}

/// <summary>
/// The stages of social rehabilitation in a home (Permensos 16/2019; Permensos 7/2021 ATENSI), in order.
/// </summary>
public static class RehabilitationStages
{
    public const string Resocialisation = "resosialisasi";
    public const string Termination = "terminasi";
    public const string FollowUp = "bimbingan-lanjut";

    public static IReadOnlyList<string> All { get; } =
        ["pendekatan-awal", "pengungkapan-masalah", "rencana-intervensi", "intervensi", Resocialisation, Termination, FollowUp];

    public static string Label(string stage) => stage switch
    {
        "pendekatan-awal" => "Pendekatan awal",
        "pengungkapan-masalah" => "Pengungkapan dan pemahaman masalah",
        "rencana-intervensi" => "Penyusunan rencana intervensi",
        "intervensi" => "Intervensi",
        "resosialisasi" => "Resosialisasi",
        Termination => "Terminasi",
        FollowUp => "Bimbingan lanjut",
        _ => stage,
    };

    /// <summary>Whether termination assistance may be proposed for a resident at <paramref name="stage"/>: from resocialisation on.</summary>
    public static bool MayBeProposed(string stage) => All.ToList().IndexOf(stage) >= All.ToList().IndexOf(Resocialisation);

    /// <summary>The termination reasons the case form offers, as the rule set names them.</summary>
    public static IReadOnlyList<string> TerminationReasons { get; } =
        ["tujuan-tercapai", "kembali-ke-keluarga", "hidup-mandiri", "rujukan", "meninggal", "melarikan-diri"];
}
