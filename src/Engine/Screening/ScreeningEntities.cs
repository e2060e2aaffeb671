namespace Sejahtera.Engine.Screening;

/// <summary>A screening of one DTKS period against household rule sets as of a date.</summary>
public sealed class ScreeningRun
{
    public long Id { get; set; }
    public required string Period { get; set; }
    /// <summary>Comma-separated programs, or "all" for every household program.</summary>
    public required string Programs { get; set; }
    public DateOnly AsOf { get; set; }
    public string? KabupatenCode { get; set; }
    /// <summary>queued, running, done or failed.</summary>
    public required string Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>
    /// Written every few seconds by the process executing the run (<see cref="ScreeningLiveness"/>);
    /// a queued or running run whose heartbeat (or creation) is older than the threshold is orphaned.
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public long Households { get; set; }
    public long Decisions { get; set; }
    public int Attempts { get; set; }
    /// <summary>Counts per program and outcome, as JSON.</summary>
    public string? CountsJson { get; set; }
    public string? Error { get; set; }
}

/// <summary>One household's decision by one program within a run, with its explanation.</summary>
public sealed class ScreeningResult
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long HouseholdId { get; set; }
    public required string KabupatenCode { get; set; }
    public required string Program { get; set; }
    public required string Outcome { get; set; }
    public decimal? Amount { get; set; }
    public required string RuleSetHash { get; set; }
    /// <summary>Ids of the criteria that failed, comma-separated.</summary>
    public required string Failed { get; set; }
    /// <summary>One line per criterion: ✓/✗, its id and its sentence.</summary>
    public required string Explanation { get; set; }
}
