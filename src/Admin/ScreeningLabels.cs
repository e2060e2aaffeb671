using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin;

/// <summary>Screening run statuses and programs as a user reads them.</summary>
public static class ScreeningLabels
{
    public static string Status(string status) => status switch
    {
        ScreeningStatus.Queued => "menunggu giliran",
        ScreeningStatus.Running => "sedang berjalan",
        ScreeningStatus.Done => "selesai",
        ScreeningStatus.Failed => "gagal",
        _ => status,
    };

    /// <summary>The programs of a run: every household program, or the ones named.</summary>
    public static string Programs(string programs) =>
        programs == StartScreening.All
            ? "semua program rumah tangga"
            : string.Join(", ", programs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Sejahtera.Engine.Cases.CasePrograms.Label));

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
