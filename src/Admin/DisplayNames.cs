using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin;

/// <summary>
/// Codes the service stores (programs, rule subjects, criterion tags, screening statuses) as users read them, in
/// Indonesian. The API keeps the codes and adds these labels next to them; the pages show only the labels.
/// </summary>
public static class DisplayNames
{
    /// <summary>The program value of a screening request that means every household program.</summary>
    public const string AllPrograms = "all";

    /// <summary>A rule program (also the program of a case).</summary>
    public static string Program(string program) => program switch
    {
        AllPrograms => "semua program rumah tangga",
        "bansos-aspd" => "ASPD (asistensi sosial penyandang disabilitas)",
        "bansos-pbi-jk" => "PBI-JK (penerima bantuan iuran jaminan kesehatan)",
        "bansos-sembako" => "Sembako (BPNT)",
        "pkh-bantuan" => "Bantuan PKH",
        _ => CasePrograms.Label(program),
    };

    /// <summary>The programs of a screening run (stored comma-separated, or <see cref="AllPrograms"/>).</summary>
    public static string Programs(string programs) =>
        string.Join(", ", programs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Program));

    /// <summary>The subject a rule set decides on.</summary>
    public static string Subject(string subject) => subject switch
    {
        "Household" => "Rumah tangga",
        "KubeProposal" => "Usulan KUBE",
        "PkhFamily" => "Keluarga PKH",
        "PantiClient" => "Klien panti",
        _ => subject,
    };

    /// <summary>How firmly a criterion is grounded in its source (docs/rules.md).</summary>
    public static string Tag(string tag) => tag switch
    {
        "C" => "terkonfirmasi",
        "C-weak" => "terkonfirmasi lemah",
        "I" => "tafsiran",
        _ => tag,
    };

    /// <summary>The status of a screening run.</summary>
    public static string ScreeningStatus(string status) => status switch
    {
        Engine.Screening.ScreeningStatus.Queued => "menunggu giliran",
        Engine.Screening.ScreeningStatus.Running => "sedang berjalan",
        Engine.Screening.ScreeningStatus.Done => "selesai",
        Engine.Screening.ScreeningStatus.Failed => "gagal",
        _ => status,
    };

    /// <summary>The outcome of Sembako and PBI-JK for desil 3 since DTSEN: eligible only within the kabupaten's quota.</summary>
    public const string WithinQuota = Sejahtera.Engine.Screening.Quotas.QuotaPrograms.EligibleWithinQuota;

    /// <summary>The style of an outcome: eligible (ok), eligible within quota (quota), anything else (no).</summary>
    public static string OutcomeClass(string outcome) => outcome switch
    {
        Sejahtera.Engine.Screening.Quotas.QuotaPrograms.Eligible => "ok",
        WithinQuota => "quota",
        _ => "no",
    };

    /// <summary>What an outcome's badge says on hover.</summary>
    public static string? OutcomeTitle(string outcome) =>
        outcome == WithinQuota ? "layak hanya dalam kuota kabupaten/kota (desil 3 sejak DTSEN)" : null;
}
