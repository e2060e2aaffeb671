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
    /// <summary>
    /// Set on a part: the province-wide run this run screens one kabupaten/kota of (<see cref="ScreeningParts"/>).
    /// A part writes its decisions under its parent's id; the parent does no screening itself.
    /// </summary>
    public long? ParentRunId { get; set; }
    /// <summary>The process that last claimed the run (machine name and process id).</summary>
    public string? Host { get; set; }
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
    /// <summary>
    /// Decide every household again, carrying nothing forward from an earlier run. Without it a run is
    /// incremental (<see cref="CarryForward"/>).
    /// </summary>
    public bool RedecideAll { get; set; }
    /// <summary>The earlier run the carried decisions were read from, when any were.</summary>
    public long? BaseRunId { get; set; }
    /// <summary>Of <see cref="Decisions"/>, those carried forward rather than made again.</summary>
    public long CarriedDecisions { get; set; }
    /// <summary>Counts per program and outcome, as JSON.</summary>
    public string? CountsJson { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// One household's decision by one program within a run, kept compact: the outcome, the amount, one
/// bit per criterion and the values its sentences name, not the sentences. The sentences are rendered
/// on read (<see cref="ScreeningDecisions"/>) with the rule-set version the run used for that program
/// (<see cref="ScreeningRuleSet"/>) on the run's date, and come out as the evaluation wrote them.
/// </summary>
public sealed class ScreeningResult
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long HouseholdId { get; set; }
    public required string KabupatenCode { get; set; }
    public required string Program { get; set; }
    public required string Outcome { get; set; }
    public decimal? Amount { get; set; }
    /// <summary>Bit i set when criterion i (in the rule set's order) passed.</summary>
    public long PassedMask { get; set; }
    /// <summary>The values the chosen sentences name, in order (<c>CompactValues</c>).</summary>
    public required byte[] SentenceValues { get; set; }
    /// <summary>
    /// When the decision was not made again but carried forward from an earlier run (the household's
    /// facts, the rule set and its parameter values all unchanged): that run.
    /// </summary>
    public long? CarriedFromRunId { get; set; }
}

/// <summary>The rule-set version a run decided a program with: every decision of that run and program was made with it.</summary>
public sealed class ScreeningRuleSet
{
    public long RunId { get; set; }
    public required string Program { get; set; }
    public required string Version { get; set; }
    public required string RuleSetHash { get; set; }
}

/// <summary>
/// Households of a run whose decisions were carried forward, as a range of consecutive household ids:
/// each household h of the range is household h − <see cref="HouseholdOffset"/> in the period of the run
/// <see cref="FromRunId"/>, whose rows hold its decisions (a new period lists unchanged households in
/// the same order, so a few ranges cover hundreds of thousands of households). When a run carries
/// every program these ranges are its carried decisions (<see cref="ScreeningRunResults"/>); when some
/// program was decided again, the carried rows are copied and the ranges removed.
/// </summary>
public sealed class ScreeningCarry
{
    public long RunId { get; set; }
    public long FirstHouseholdId { get; set; }
    public long LastHouseholdId { get; set; }
    public long FromRunId { get; set; }
    /// <summary>The household of this run less the household of the same ID DTKS whose decisions are in <see cref="FromRunId"/>.</summary>
    public long HouseholdOffset { get; set; }
}

/// <summary>
/// A counter from which writers reserve blocks of ids for a table (<see cref="ResultIds"/>), in a short
/// transaction of its own, so that parts of one run writing at the same time never take the same id.
/// </summary>
public sealed class IdBlock
{
    public required string Name { get; set; }
    /// <summary>The first id not yet handed out.</summary>
    public long NextId { get; set; }
}
