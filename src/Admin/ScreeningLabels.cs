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
}
