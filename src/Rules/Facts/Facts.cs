using System.Text.Json.Serialization;

namespace Sejahtera.Rules.Facts;

/// <summary>
/// The fact vocabulary rules are written against. Facts are immutable records with a unique
/// <c>Id</c>; properties default to neutral values (0, false, empty) so a test case only spells
/// out what matters to it. Ages are never stored: rules ask <c>AgeOn(AsOf)</c>.
/// </summary>
public interface IFact
{
    string Id { get; }
}

/// <summary>A person in the DTKS registry (codes as in the DTKS exchange file).</summary>
public sealed record Person
{
    public string Nik { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>L or P.</summary>
    public string Sex { get; init; } = "L";
    public DateOnly BirthDate { get; init; }
    /// <summary>1 kepala, 2 istri/suami, 3 anak, 4 menantu, 5 cucu, 6 orang tua/mertua, 7 pembantu, 8 lainnya.</summary>
    public int Relation { get; init; }
    /// <summary>1 belum kawin, 2 kawin, 3 cerai hidup, 4 cerai mati.</summary>
    public int MaritalStatus { get; init; }
    /// <summary>0 none, 1 light/moderate, 2 severe (berat).</summary>
    public int Disability { get; init; }
    /// <summary>0 not yet, 1 SD, 2 SMP, 3 SMA, 4 no longer in school.</summary>
    public int School { get; init; }
    public bool Pregnant { get; init; }
    /// <summary>0 none, 1 farmer, 2 fisher, 3 trader, 4 labourer, 5 PNS/TNI/Polri, 6 pensioner, 7 other.</summary>
    public int Occupation { get; init; }
    public bool Pkh { get; init; }
    public bool Bpnt { get; init; }
    public bool Pbi { get; init; }
    /// <summary>Has an income of their own (ASPD requires none).</summary>
    public bool HasIncome { get; init; }
    /// <summary>The same NIK is registered in another household (data ganda).</summary>
    public bool DataGanda { get; init; }
    /// <summary>The NIK's birth-date or sex encoding disagrees with the record.</summary>
    public bool NikSuspect { get; init; }

    /// <summary>
    /// The NIK is a NIK: exactly 16 digits 0–9 and nothing else (a letter, a space or a missing
    /// digit is not). Computed from <see cref="Nik"/>, whatever the subject came from.
    /// </summary>
    [JsonIgnore]
    public bool HasNik => NikText.IsSixteenDigits(Nik);

    public int AgeOn(DateOnly date) => Age.On(BirthDate, date);
}

/// <summary>A DTKS household with its members; the subject of the bansos rule sets.</summary>
public sealed record Household : IFact
{
    public string Id { get; init; } = "";
    /// <summary>Desa/kelurahan code, e.g. 53.07.01.2001.</summary>
    public string RegionCode { get; init; } = "";
    public string KabupatenCode { get; init; } = "";
    /// <summary>Welfare decile, 1–10 (DTKS used 1–4).</summary>
    public int Desil { get; init; }
    public IReadOnlyList<Person> Members { get; init; } = [];
}

/// <summary>A member of a KUBE group, resolved against the registry by NIK.</summary>
public sealed record KubeMember
{
    public string Nik { get; init; } = "";
    public string Name { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    /// <summary>Found in the DTKS registry.</summary>
    public bool InDtks { get; init; }
    /// <summary>Desil of the member's DTKS household (0 when not in DTKS).</summary>
    public int Desil { get; init; }
    public int Occupation { get; init; }
    /// <summary>Head of the family or its main earner (Permensos 2/2019 Pasal 5).</summary>
    public bool HeadOrMainEarner { get; init; }
    /// <summary>KUBE grants this person's group(s) received before.</summary>
    public int PriorKubeGrants { get; init; }
    /// <summary>Kecamatan code of the member's desa, e.g. 53.07.01.</summary>
    public string KecamatanCode { get; init; } = "";
    public bool HasKtp { get; init; }
    public bool HasKk { get; init; }
    public bool DataGanda { get; init; }

    /// <summary>The NIK is exactly 16 digits 0–9 (see <see cref="Person.HasNik"/>).</summary>
    [JsonIgnore]
    public bool HasNik => NikText.IsSixteenDigits(Nik);

    public int AgeOn(DateOnly date) => Age.On(BirthDate, date);
}

/// <summary>A KUBE (Kelompok Usaha Bersama) grant proposal.</summary>
public sealed record KubeProposal : IFact
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string BusinessType { get; init; } = "";
    /// <summary>Kecamatan code where the group is based.</summary>
    public string KecamatanCode { get; init; } = "";
    public IReadOnlyList<KubeMember> Members { get; init; } = [];
    /// <summary>Ketua, sekretaris and bendahara chosen among the members.</summary>
    public bool OfficersChosen { get; init; }
    /// <summary>A bank account in the group's name.</summary>
    public bool HasBankAccount { get; init; }
    /// <summary>Business plan and budget (RAB) attached.</summary>
    public bool HasBusinessPlan { get; init; }
    /// <summary>Recommendation of the kabupaten/kota Dinas Sosial.</summary>
    public bool HasRecommendation { get; init; }
}

/// <summary>A PKH beneficiary family (KPM), for the graduation evaluation.</summary>
public sealed record PkhFamily : IFact
{
    public string Id { get; init; } = "";
    public int YearsInProgram { get; init; }
    public int PregnantWomen { get; init; }
    /// <summary>Children aged 0–6.</summary>
    public int YoungChildren { get; init; }
    /// <summary>Children in SD/SMP/SMA aged 6–21 without 12 years of schooling.</summary>
    public int SchoolChildren { get; init; }
    /// <summary>Of <see cref="SchoolChildren"/>: children in SD (the PKH amounts differ by school level).</summary>
    public int SdChildren { get; init; }
    /// <summary>Of <see cref="SchoolChildren"/>: children in SMP.</summary>
    public int SmpChildren { get; init; }
    /// <summary>Of <see cref="SchoolChildren"/>: children in SMA.</summary>
    public int SmaChildren { get; init; }
    public int Elderly { get; init; }
    public int SevereDisability { get; init; }
    /// <summary>Written warnings for failed commitments in the last 12 months.</summary>
    public int CommitmentWarnings { get; init; }
    /// <summary>Share of the monthly P2K2 sessions attended in the last 12 months, 0–1.</summary>
    public decimal P2k2Attendance { get; init; }
    /// <summary>Lowest school attendance of the family's school children, 0–1.</summary>
    public decimal SchoolAttendance { get; init; } = 1m;
    /// <summary>A village deliberation (musdes/muskel) stated the family is "mampu".</summary>
    public bool VillageDeclaredMampu { get; init; }
    /// <summary>The assessment found the family's economy improved (job, business, assets).</summary>
    public bool EconomyImproved { get; init; }
    /// <summary>Signed statement (surat pernyataan bermaterai) to leave the program.</summary>
    public bool SignedExitStatement { get; init; }
    public int Desil { get; init; }
}

/// <summary>A resident leaving a government care home (panti/UPT), for termination assistance.</summary>
public sealed record PantiClient : IFact
{
    public string Id { get; init; } = "";
    public string Nik { get; init; } = "";
    public string Home { get; init; } = "";
    /// <summary>anak, lansia or disabilitas.</summary>
    public string Category { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public DateOnly AdmittedOn { get; init; }
    public DateOnly TerminationOn { get; init; }
    public bool RehabilitationPlanCompleted { get; init; }
    public bool EvaluationDone { get; init; }
    /// <summary>tujuan-tercapai, kembali-ke-keluarga, hidup-mandiri, rujukan, meninggal, melarikan-diri.</summary>
    public string TerminationReason { get; init; } = "";
    public bool DestinationKnown { get; init; }
    public bool ReceivingFamilyKnown { get; init; }
    public bool PriorTerminationAssistance { get; init; }
    /// <summary>Date of the scheduled follow-up visit (bimbingan lanjut), if any.</summary>
    public DateOnly? FollowUpVisitOn { get; init; }

    public int AgeOn(DateOnly date) => Age.On(BirthDate, date);
}

internal static class NikText
{
    public static bool IsSixteenDigits(string? nik) => nik is { Length: 16 } && nik.All(char.IsAsciiDigit);
}

/// <summary>Age in whole years on a date, as every rule reads it (<c>AgeOn</c>).</summary>
public static class Age
{
    public static int On(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return birth.AddYears(age) > date ? age - 1 : age;
    }
}
