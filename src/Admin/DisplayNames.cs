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

    /// <summary>The actions the audit log records, in the order the filter offers them.</summary>
    public static IReadOnlyList<string> AuditActions { get; } =
    [
        "rule-set.publish", "rule-set.publish-refused", "rule-set.retire", "screening.quota.set", "payment-batch.create", "payment-batch.bank-file",
        "payment-batch.reconcile", "payment.correct", "indicators.catalog.import", "indicators.catalog.edit", "indicators.values.record",
        "indicators.value.enter", "indicators.value.verify", "indicators.value.reject", "indicators.compute",
    ];

    /// <summary>An action of the audit log as users read it.</summary>
    public static string AuditAction(string action) => action switch
    {
        "rule-set.publish" => "terbitkan aturan",
        "rule-set.publish-refused" => "penerbitan aturan ditolak",
        "rule-set.retire" => "pensiunkan aturan",
        "screening.quota.set" => "isi kuota program",
        "payment-batch.create" => "buat batch pembayaran",
        "payment-batch.bank-file" => "unduh berkas transfer bank",
        "payment-batch.reconcile" => "rekonsiliasi dari bank",
        "payment.correct" => "koreksi rekening pembayaran",
        "indicators.catalog.import" => "muat katalog indikator",
        "indicators.catalog.edit" => "ubah target indikator",
        "indicators.values.record" => "muat nilai historis indikator",
        "indicators.value.enter" => "isi nilai indikator",
        "indicators.value.verify" => "verifikasi nilai indikator",
        "indicators.value.reject" => "tolak nilai indikator",
        "indicators.compute" => "hitung indikator bulanan",
        _ => action,
    };

    /// <summary>The subject types of the audit log (the part of an action before its last dot), in the order the filter offers them.</summary>
    public static IReadOnlyList<string> AuditSubjectTypes { get; } =
        AuditActions.Select(Engine.Audit.ListAuditEntries.SubjectTypeOf).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A subject type of the audit log as users read it.</summary>
    public static string AuditSubjectType(string type) => type switch
    {
        "rule-set" => "Aturan",
        "screening.quota" => "Kuota penyaringan",
        "payment-batch" => "Batch pembayaran",
        "payment" => "Pembayaran",
        "indicators.catalog" => "Katalog indikator",
        "indicators.values" => "Nilai historis indikator",
        "indicators.value" => "Nilai indikator",
        "indicators" => "Indikator",
        _ => type,
    };
}
