namespace Sejahtera.Engine.Indicators;

/// <summary>A program of the strategic plan (Renstra), e.g. <c>LINJAMSOS</c> — Program Perlindungan dan Jaminan Sosial.</summary>
public sealed class IndicatorProgram
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The program's outcome indicator as printed (e.g. "Peningkatan Cakupan Jaminan Sosial bagi PMKS").</summary>
    public string? Outcome { get; set; }
    /// <summary>The document the program was loaded from (e.g. "Renstra … Tabel T-C.27").</summary>
    public required string Source { get; set; }
}

/// <summary>
/// One performance indicator of a kegiatan (activity), with its unit, the bidang answering for it,
/// and how its realization is found: <see cref="Measure"/> names a query over the system's own records
/// (<see cref="IndicatorMeasures"/>), or is <c>manual</c> for values entered by staff.
/// </summary>
public sealed class Indicator
{
    public required string Code { get; set; }
    public required string ProgramCode { get; set; }
    public required string Kegiatan { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    /// <summary>The bidang code (<see cref="Bidang"/>), or null when the document names none.</summary>
    public string? BidangCode { get; set; }
    public string? Location { get; set; }
    /// <summary><c>manual</c> or a measure name, with its argument after a colon (<c>panti_clients_served:anak</c>).</summary>
    public required string Measure { get; set; }
    /// <summary>How monthly values add up to the year: <c>sum</c> (counts of things done) or <c>last</c> (a level, e.g. a percentage).</summary>
    public required string Aggregation { get; set; }
    public string? Note { get; set; }
    public required string Source { get; set; }
    public int DisplayOrder { get; set; }
}

/// <summary>One year of an indicator: the target (null for a dash: no target that year, never zero) and the budget.</summary>
public sealed class IndicatorYear
{
    public long Id { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public decimal? Target { get; set; }
    public decimal? BudgetIdr { get; set; }
    /// <summary>The budget as printed when the document is garbled and no amount can be read from it.</summary>
    public string? BudgetPrinted { get; set; }
}

/// <summary>
/// A value of a manual indicator for one month, entered by the responsible bidang's staff with a note
/// and an evidence file; it counts only once a Kepala Bidang other than the one who entered it has
/// verified it. A newer entry for the same month replaces an older one once it is verified.
/// </summary>
public sealed class IndicatorValue
{
    public long Id { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public decimal Value { get; set; }
    public required string Note { get; set; }
    public string? EvidenceFileName { get; set; }
    public string? EvidenceContentType { get; set; }
    public byte[]? Evidence { get; set; }
    public required string EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    /// <summary>See <see cref="IndicatorValueStatus"/>.</summary>
    public required string Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
}

public static class IndicatorValueStatus
{
    public const string Entered = "entered";
    public const string Verified = "verified";
    public const string Rejected = "declined";

    public static string Label(string status) => status switch
    {
        Entered => "menunggu verifikasi",
        Verified => "terverifikasi",
        Rejected => "ditolak",
        _ => status,
    };
}

/// <summary>
/// The realization of one indicator for one month as the monthly computation found it: the month's
/// value, the year to date, the year's target, the ratio and whether it is on track. Immutable: a
/// recompute adds the next revision with its reason and leaves the earlier ones as they were.
/// </summary>
public sealed class IndicatorSnapshot
{
    public long Id { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int Revision { get; set; }
    public decimal MonthValue { get; set; }
    public decimal YearToDate { get; set; }
    public decimal? Target { get; set; }
    public int? Ratio { get; set; }
    public bool? OnTrack { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public required string ComputedBy { get; set; }
    public string? Reason { get; set; }
}
