namespace Sejahtera.Engine.Registry;

/// <summary>One imported DTKS file: a period of the registry. Imports are all-or-nothing per snapshot.</summary>
public sealed class DtksSnapshot
{
    public long Id { get; set; }
    public required string Period { get; set; }
    public required string SourceFileName { get; set; }
    public required string SourceSha256 { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public long RowsRead { get; set; }
    public long Households { get; set; }
    public long Members { get; set; }
    public long Rejected { get; set; }
    public long FlaggedDuplicates { get; set; }
}

public sealed class Household
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    public required string IdDtks { get; set; }
    /// <summary>Desa/kelurahan code, dotted.</summary>
    public required string RegionCode { get; set; }
    /// <summary>Kabupaten/kota code (53.07), kept for scoping queries by the user's region.</summary>
    public required string KabupatenCode { get; set; }
    public required string NoKk { get; set; }
    public int Desil { get; set; }
    public int MemberCount { get; set; }
    /// <summary>Line of the first member row, to point people back to the file.</summary>
    public long FirstLine { get; set; }
}

[Flags]
public enum MemberFlags
{
    None = 0,
    /// <summary>The same NIK appears in more than one household of the period.</summary>
    DataGanda = 1,
    /// <summary>The NIK's birth-date part disagrees with tanggal_lahir.</summary>
    NikTanggalLahirTidakCocok = 2,
    /// <summary>The NIK's sex encoding (day + 40 for women) disagrees with jenis_kelamin.</summary>
    NikJenisKelaminTidakCocok = 4,
}

public sealed class Member
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public long SnapshotId { get; set; }
    public required string Nik { get; set; }
    public required string Name { get; set; }
    public char Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public int Relation { get; set; }
    public int MaritalStatus { get; set; }
    public int Disability { get; set; }
    public int School { get; set; }
    public bool Pregnant { get; set; }
    public int Occupation { get; set; }
    public bool Pkh { get; set; }
    public bool Bpnt { get; set; }
    public bool Pbi { get; set; }
    public MemberFlags Flags { get; set; }
    public long LineNumber { get; set; }
}

/// <summary>An input line that did not enter the registry, with the reason a person can act on.</summary>
public sealed class ImportReject
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    public long LineNumber { get; set; }
    public string? IdDtks { get; set; }
    public required string Reason { get; set; }
    public required string RawLine { get; set; }
}

/// <summary>
/// Households, members and flagged members of one kabupaten/kota in one period, written by the
/// import in its own transaction, so that the registry overview never counts millions of rows.
/// </summary>
public sealed class RegistrySummary
{
    public long SnapshotId { get; set; }
    public required string KabupatenCode { get; set; }
    public int Households { get; set; }
    public int Members { get; set; }
    /// <summary>Members with any flag (data ganda, NIK/birth date, NIK/sex).</summary>
    public int FlaggedMembers { get; set; }
}
