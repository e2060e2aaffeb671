using System.Text.Json.Serialization;
using Sejahtera.Engine.Indicators;

namespace Sejahtera.Admin.Api;

/// <summary>The dashboard of a year: every indicator with where it stands.</summary>
internal sealed record IndicatorDashboard(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("indicators")] IReadOnlyList<DashboardEntry> Indicators);

/// <summary>An indicator on the dashboard: target, realization to date, ratio and its cumulative monthly line.</summary>
internal sealed record DashboardEntry(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("measure")] string Measure,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("realization")] decimal? Realization,
    [property: JsonPropertyName("ratio")] int? Ratio,
    [property: JsonPropertyName("on_track")] bool? OnTrack,
    [property: JsonPropertyName("through_month")] int ThroughMonth,
    [property: JsonPropertyName("cumulative")] IReadOnlyList<decimal?> Cumulative)
{
    public static DashboardEntry Of(DashboardIndicator r) => new(r.Indicator.Code, r.Indicator.ProgramCode, r.Indicator.Name, r.Indicator.Unit,
        r.Indicator.Measure, r.Target, r.YearToDate, r.Ratio, r.OnTrack, r.ThroughMonth, r.Cumulative);
}

/// <summary>An indicator with its years, its monthly snapshots (every revision) and its values.</summary>
internal sealed record IndicatorDetailsResponse(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("kegiatan")] string Kegiatan,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("bidang")] string? Bidang,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("measure")] string Measure,
    [property: JsonPropertyName("measure_counts")] string? MeasureCounts,
    [property: JsonPropertyName("aggregation")] string Aggregation,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("years")] IReadOnlyList<IndicatorYearEntry> Years,
    [property: JsonPropertyName("snapshots")] IReadOnlyList<IndicatorSnapshotEntry> Snapshots,
    [property: JsonPropertyName("values")] IReadOnlyList<IndicatorValueEntryResponse> Values)
{
    public static IndicatorDetailsResponse Of(IndicatorDetail d) => new(
        d.Indicator.Code, d.Indicator.ProgramCode, d.Indicator.Kegiatan, d.Indicator.Name, d.Indicator.Unit, d.Indicator.BidangCode, d.Indicator.Location,
        d.Indicator.Measure, d.Measure?.Counts, d.Indicator.Aggregation, d.Indicator.Source,
        [.. d.Years.Select(y => new IndicatorYearEntry(y.Year, y.Target, y.BudgetIdr, y.BudgetPrinted))],
        [.. d.Snapshots.Select(s => new IndicatorSnapshotEntry(s.Year, s.Month, s.Revision, s.MonthValue, s.YearToDate, s.Target, s.Ratio, s.OnTrack,
            s.ComputedAt, s.ComputedBy, s.Reason))],
        [.. d.Values.Select(IndicatorValueEntryResponse.Of)]);
}

/// <summary>An indicator's target and budget in a year.</summary>
internal sealed record IndicatorYearEntry(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("budget_idr")] decimal? BudgetIdr,
    [property: JsonPropertyName("budget_printed")] string? BudgetPrinted);

/// <summary>A month of an indicator as computed (one revision).</summary>
internal sealed record IndicatorSnapshotEntry(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("month")] int Month,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("month_value")] decimal MonthValue,
    [property: JsonPropertyName("year_to_date")] decimal YearToDate,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("ratio")] int? Ratio,
    [property: JsonPropertyName("on_track")] bool? OnTrack,
    [property: JsonPropertyName("computed_at")] DateTimeOffset ComputedAt,
    [property: JsonPropertyName("computed_by")] string ComputedBy,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>A manual value with its evidence and the Kepala Bidang's decision.</summary>
internal sealed record IndicatorValueEntryResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("month")] int Month,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("evidence")] string? Evidence,
    [property: JsonPropertyName("entered_by")] string EnteredBy,
    [property: JsonPropertyName("entered_at")] DateTimeOffset EnteredAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_label")] string StatusLabel,
    [property: JsonPropertyName("decided_by")] string? DecidedBy,
    [property: JsonPropertyName("decided_at")] DateTimeOffset? DecidedAt,
    [property: JsonPropertyName("decision_reason")] string? DecisionReason)
{
    public static IndicatorValueEntryResponse Of(ValueInfo v) => new(v.Id, v.Code, v.Year, v.Month, v.Value, v.Note, v.EvidenceFileName, v.EnteredBy,
        v.EnteredAt, v.Status, IndicatorValueStatus.Label(v.Status), v.DecidedBy, v.DecidedAt, v.DecisionReason);
}

/// <summary>A row of T-C.23: an indicator's target and realization in a year.</summary>
internal sealed record Tc23Entry(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("kegiatan")] string Kegiatan,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("realization")] decimal? Realization,
    [property: JsonPropertyName("ratio")] int? Ratio);

/// <summary>A row of T-C.24: a kegiatan's (or program's) budget and its realization in a year.</summary>
internal sealed record Tc24Entry(
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("program_name")] string ProgramName,
    [property: JsonPropertyName("kegiatan")] string? Kegiatan,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("budget")] decimal? Budget,
    [property: JsonPropertyName("budget_printed")] string? BudgetPrinted,
    [property: JsonPropertyName("measured_budget")] decimal? MeasuredBudget,
    [property: JsonPropertyName("realization")] decimal? Realization,
    [property: JsonPropertyName("ratio")] int? Ratio,
    [property: JsonPropertyName("measured_indicators")] IReadOnlyList<string> MeasuredIndicators);

/// <summary>A month computed again.</summary>
internal sealed record ComputedMonthResponse(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("month")] int Month,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("indicators")] int Indicators);

/// <summary>What a catalog import did.</summary>
internal sealed record CatalogImported(
    [property: JsonPropertyName("programs_added")] int ProgramsAdded,
    [property: JsonPropertyName("programs_updated")] int ProgramsUpdated,
    [property: JsonPropertyName("indicators_added")] int IndicatorsAdded,
    [property: JsonPropertyName("indicators_updated")] int IndicatorsUpdated,
    [property: JsonPropertyName("years")] int Years,
    [property: JsonPropertyName("sha256")] string Sha256);
