using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Persistence.Bulk;
using Sejahtera.Rules.Compilation;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// What an incremental run carries forward: from which run, for which programs, which households;
/// by reference when it carries every program of the run.
/// </summary>
internal sealed record CarryPlan(ScreeningRun? Base, IReadOnlyList<string> Programs, bool ByReference)
{
    public static readonly CarryPlan None = new(null, [], false);

    /// <summary>The carried households, in id order.</summary>
    public IReadOnlyList<long> Carried { get; init; } = [];

    public long Households => Carried.Count;

    /// <summary>The lowest carried household id: copies take their ids by household from it.</summary>
    public long FirstHousehold => Carried.Count == 0 ? 0 : Carried[0];

    /// <summary>How many ids the copies may take: one per program for every household id from the first carried to the last.</summary>
    public long IdSpan => Carried.Count == 0 ? 0 : (Carried[^1] - Carried[0] + 1) * Programs.Count;

    /// <summary>The households of the run decided by every rule set (changed since the base run, or new), in id order.</summary>
    public IReadOnlyList<long> Redecided { get; init; } = [];

    /// <summary>
    /// Where the base run's decisions are (run and household holding the rows) of its households this
    /// run does not carry: changed, aged, gone from the register or from the area. The carried
    /// decisions are counted as the base run's counts less theirs. Null when the base run covers
    /// another area (the province, for a run of one kabupaten/kota): the carried decisions are counted.
    /// </summary>
    public IReadOnlyList<(long Run, long Household)>? Dropped { get; init; }

    public bool Any => Base is not null && Programs.Count > 0 && Carried.Count > 0;
}

/// <summary>
/// Incremental re-screening: a decision is carried forward from the latest finished run that covers
/// this run's area (the base run) instead of being made again when nothing it depends on changed:
/// <list type="bullet">
/// <item>the program was decided with the same rule-set version (hash), and the version decides alike
/// on both dates (<see cref="CompiledRuleSet.DecidesAlikeOn"/>: the same parameter values in force,
/// the date read only through ages);</item>
/// <item>the household (the same ID DTKS in the base run's period) has the same facts
/// (<see cref="HouseholdFingerprint"/>), and, when the dates differ, every member the same age on both.</item>
/// </list>
/// The carried households are written to <c>screening_carries</c> first, as ranges of consecutive ids
/// each with the run whose rows hold their decisions (<see cref="ScreeningCarry"/>). When every program
/// of the run is carried, those ranges are the carried decisions: nothing is copied, and the run's
/// decisions are read through <see cref="ScreeningRunResults"/>. When some program is decided again,
/// the carried programs' rows are copied by the database, marked with the run they were made in, and
/// the ranges are removed when the run commits.
/// </summary>
internal sealed class CarryForward(DatabaseSettings settings)
{
    /// <param name="phase">Called as each step ends (finding the carried households, writing them), to say where the time went.</param>
    public async Task<CarryPlan> PlanAsync(ScreeningRun run, long snapshotId, IReadOnlyList<CompiledRuleSet> ruleSets, Action<string> phase, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ScreeningCarries.Where(c => c.RunId == run.Id).ExecuteDeleteAsync(ct);
        // A part of a split run (written under its parent) decides every household of its kabupaten/kota:
        // a run is split only when there is nothing to carry (ScreeningParts).
        if (run.RedecideAll || run.ParentRunId is not null || await BaseAsync(db, run, ruleSets, ct) is not (var baseRun, var baseSnapshotId, var programs))
        {
            await tx.CommitAsync(ct);
            return CarryPlan.None;
        }

        // On SQLite the database matches each household of the run to the base run's by the (period, ID DTKS)
        // index, reading the run's period in id order ("+ 0", HouseholdBatches); elsewhere both periods are
        // read plainly by period, each joined to its fingerprints by id, and matched here.
        var sqlite = settings.Provider == DatabaseProvider.Sqlite;
        var current = sqlite ? HouseholdBatches.Of(db, snapshotId) : db.Households.AsNoTracking().Where(n => n.SnapshotId == snapshotId);
        var previous = db.Households.AsNoTracking().Where(o => o.SnapshotId == baseSnapshotId);
        if (run.KabupatenCode is { } kab)
        {
            current = current.Where(h => h.KabupatenCode == kab);
            previous = previous.Where(o => o.KabupatenCode == kab);
        }

        // Where the base run's decisions of a household of its period are: its own rows, or those it carried.
        var origins = await Origins.OfAsync(db, baseRun.Id, ct);
        var datesDiffer = baseRun.AsOf != run.AsOf;
        // Over the same area the carried decisions are counted from the base run's counts (less those not carried).
        var fromBaseCounts = baseRun.KabupatenCode == run.KabupatenCode;

        var carried = new List<(long Household, long Run, long From)>();
        var redecided = new List<long>();
        var dropped = new List<(long Run, long Household)>();
        var pairs = sqlite ? JoinedAsync(db, snapshotId, run.KabupatenCode, current, previous, datesDiffer, fromBaseCounts, ct) : MatchedAsync(db, current, previous, datesDiffer, ct);
        await foreach (var h in pairs.WithCancellation(ct))
        {
            if (h.Old is not { } old)
            {
                redecided.Add(h.Id);
                continue;
            }

            var origin = origins.Of(old);
            if (h.Id == Gone)
            {
                // The base run's household gone from this run (out of the register, or moved out of its kabupaten/kota).
                if (fromBaseCounts)
                {
                    dropped.Add(origin);
                }

                continue;
            }

            if (h.NewHash is { } hash && h.OldHash == hash && (!datesDiffer || HouseholdFingerprint.AgesAlike(h.BirthDays, baseRun.AsOf, run.AsOf)))
            {
                carried.Add((h.Id, origin.Run, origin.Household));
                continue;
            }

            redecided.Add(h.Id);
            if (fromBaseCounts)
            {
                dropped.Add(origin);
            }
        }

        carried.Sort();
        redecided.Sort();
        phase("plan-find");
        var ranges = Ranges(run.Id, carried);
        if (ranges.Count > 0)
        {
            await BulkWriter.For(settings.Provider, db.Database.GetDbConnection(), tx.GetDbTransaction()).WriteAllAsync(ScreeningTables.Carries, ranges, ct);
        }

        await tx.CommitAsync(ct);
        return new CarryPlan(baseRun, programs, ByReference: programs.Count == ruleSets.Count)
        {
            Carried = carried.ConvertAll(c => c.Household),
            Redecided = redecided,
            Dropped = fromBaseCounts ? dropped : null,
        };
    }

    /// <summary>The household id of a pair whose household of the base run's period is gone from the run.</summary>
    private const long Gone = 0;

    /// <summary>
    /// A household of the run, the household of the same ID DTKS in the base run's period (and area) if any, and
    /// both fingerprints; or (<see cref="Gone"/>) a household of the base run's period the run no longer has.
    /// </summary>
    private sealed record Pair(long Id, long? Old, long? NewHash, long? OldHash, byte[]? BirthDays);

    /// <summary>
    /// The pairs, matched by the database (0.7 s on SQLite for the full registry), then the gone households
    /// (when <paramref name="withGone"/>) by the (period, ID DTKS) index. Birth dates only when the dates differ.
    /// </summary>
    private static async IAsyncEnumerable<Pair> JoinedAsync(
        SejahteraDbContext db, long snapshotId, string? kabupaten, IQueryable<Household> current, IQueryable<Household> previous, bool datesDiffer, bool withGone,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var pairs =
            from n in current
            from fn in db.HouseholdFingerprints.Where(f => f.HouseholdId == n.Id).DefaultIfEmpty()
            from o in previous.Where(o => o.IdDtks == n.IdDtks).DefaultIfEmpty()
            from fo in db.HouseholdFingerprints.Where(f => f.HouseholdId == o.Id).DefaultIfEmpty()
            select new Pair(n.Id, (long?)o.Id, (long?)fn.FactsHash, (long?)fo.FactsHash, datesDiffer ? fn.BirthDays : null);
        await foreach (var pair in pairs.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return pair;
        }

        if (withGone)
        {
            var gone = previous
                .Where(o => !db.Households.Any(n => n.SnapshotId == snapshotId && n.IdDtks == o.IdDtks && (kabupaten == null || n.KabupatenCode == kabupaten)))
                .Select(o => o.Id);
            await foreach (var o in gone.AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return new Pair(Gone, o, null, null, null);
            }
        }
    }

    /// <summary>
    /// The pairs, matched here by ID DTKS, then the gone households (those left unmatched): PostgreSQL, joining
    /// on ID DTKS, looked up the old household and its fingerprint by index for every household of the run (4.4 s
    /// on the full registry, against 2.8 s so).
    /// </summary>
    private static async IAsyncEnumerable<Pair> MatchedAsync(
        SejahteraDbContext db, IQueryable<Household> current, IQueryable<Household> previous, bool datesDiffer, [EnumeratorCancellation] CancellationToken ct)
    {
        var before = new Dictionary<string, (long Id, long? Hash)>(StringComparer.Ordinal);
        var old =
            from o in previous
            from fo in db.HouseholdFingerprints.Where(f => f.HouseholdId == o.Id).DefaultIfEmpty()
            select new { o.Id, o.IdDtks, Hash = (long?)fo.FactsHash };
        await foreach (var o in old.AsAsyncEnumerable().WithCancellation(ct))
        {
            before[o.IdDtks] = (o.Id, o.Hash);
        }

        var households =
            from n in current
            from fn in db.HouseholdFingerprints.Where(f => f.HouseholdId == n.Id).DefaultIfEmpty()
            select new { n.Id, n.IdDtks, Hash = (long?)fn.FactsHash, BirthDays = datesDiffer ? fn.BirthDays : null };
        await foreach (var n in households.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return before.Remove(n.IdDtks, out var o) ? new Pair(n.Id, o.Id, n.Hash, o.Hash, n.BirthDays) : new Pair(n.Id, null, n.Hash, null, n.BirthDays);
        }

        foreach (var o in before.Values)
        {
            yield return new Pair(Gone, o.Id, null, null, null);
        }
    }

    /// <summary>The carried households (in id order) as ranges of consecutive ids whose decisions are in one run, at one offset.</summary>
    private static List<ScreeningCarry> Ranges(long runId, List<(long Household, long Run, long From)> carried)
    {
        var ranges = new List<ScreeningCarry>();
        ScreeningCarry? last = null;
        foreach (var (household, fromRun, from) in carried)
        {
            if (last is not null && last.LastHouseholdId + 1 == household && last.FromRunId == fromRun && last.HouseholdOffset == household - from)
            {
                last.LastHouseholdId = household;
                continue;
            }

            last = new ScreeningCarry { RunId = runId, FirstHouseholdId = household, LastHouseholdId = household, FromRunId = fromRun, HouseholdOffset = household - from };
            ranges.Add(last);
        }

        return ranges;
    }

    /// <summary>
    /// Where a run's decisions of each household of its period are: in its own rows, or, for the households
    /// it carried, in the run and household its ranges name. Held as the run's ranges in id order.
    /// </summary>
    private sealed class Origins(long runId, ScreeningCarry[] ranges)
    {
        public static async Task<Origins> OfAsync(SejahteraDbContext db, long runId, CancellationToken ct) =>
            new(runId, await db.ScreeningCarries.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.FirstHouseholdId).ToArrayAsync(ct));

        public (long Run, long Household) Of(long household)
        {
            int low = 0, high = ranges.Length - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                var range = ranges[mid];
                if (household < range.FirstHouseholdId)
                {
                    high = mid - 1;
                }
                else if (household > range.LastHouseholdId)
                {
                    low = mid + 1;
                }
                else
                {
                    return (range.FromRunId, household - range.HouseholdOffset);
                }
            }

            return (runId, household);
        }
    }

    /// <summary>
    /// Copies the carried programs' decisions into the run (a plan not by reference), in the caller's
    /// transaction, with ids in the block of <see cref="CarryPlan.IdSpan"/> ids reserved from <paramref name="firstId"/>,
    /// in the order of the carried households. Returns how many rows were copied.
    /// </summary>
    public static async Task<int> CopyAsync(SejahteraDbContext db, long runId, CarryPlan plan, long firstId, CancellationToken ct)
    {
        object[] parameters = [firstId, runId, plan.FirstHousehold, plan.Programs.Count, .. plan.Programs];
        var programs = string.Join(", ", plan.Programs.Select((_, i) => $"{{{i + 4}}}"));
        var rank = string.Join(" ", plan.Programs.Select((_, i) => $"WHEN {{{i + 4}}} THEN {i}"));
        // Range by range on the index, as in ScreeningRunResults: SQLite joins so anyway (and takes no lateral join).
        const string InRange = "r.run_id = c.from_run_id AND r.household_id BETWEEN c.first_household_id - c.household_offset AND c.last_household_id - c.household_offset";
        var perRange = db.Database.IsSqlite()
            ? $"JOIN screening_results r ON {InRange}"
            : $"{(db.Database.IsNpgsql() ? "CROSS JOIN LATERAL" : "CROSS APPLY")} (SELECT * FROM screening_results r WHERE {InRange}) r";
#pragma warning disable EF1002, EF1003 // Only parameter placeholders are formatted into the statement.
        var rows = await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO screening_results (id, run_id, household_id, kabupaten_code, program, outcome, amount, passed_mask, sentence_values, carried_from_run_id) "
            + $"SELECT {{0}} + (r.household_id + c.household_offset - {{2}}) * {{3}} + CASE r.program {rank} END, {{1}}, r.household_id + c.household_offset, r.kabupaten_code, r.program, r.outcome, r.amount, r.passed_mask, r.sentence_values, COALESCE(r.carried_from_run_id, r.run_id) "
            + $"FROM screening_carries c {perRange} "
            + $"WHERE c.run_id = {{1}} AND r.program IN ({programs})",
            parameters, ct);
#pragma warning restore EF1002, EF1003
        return rows;
    }

    /// <summary>Whether a finished run covers the run's area, so that the run may carry decisions from it.</summary>
    public static Task<bool> HasBaseAsync(SejahteraDbContext db, ScreeningRun run, CancellationToken ct) =>
        db.ScreeningRuns.AnyAsync(r => r.Id != run.Id && r.Status == ScreeningStatus.Done && (r.KabupatenCode == null || r.KabupatenCode == run.KabupatenCode), ct);

    /// <summary>Counts of decisions (the carried ones only, or all) per kabupaten/kota, program, outcome and amount.</summary>
    public static async Task<List<(string Kabupaten, string Program, string Outcome, decimal? Amount, long Count)>> CountsAsync(
        IQueryable<ScreeningResult> results, bool carriedOnly, CancellationToken ct) =>
        (await (carriedOnly ? results.Where(r => r.CarriedFromRunId != null) : results)
            .GroupBy(r => new { r.KabupatenCode, r.Program, r.Outcome, r.Amount })
            .Select(g => new { g.Key.KabupatenCode, g.Key.Program, g.Key.Outcome, g.Key.Amount, Count = g.LongCount() })
            .ToListAsync(ct))
        .Select(g => (g.KabupatenCode, g.Program, g.Outcome, g.Amount, g.Count)).ToList();

    /// <summary>
    /// Counts of the base run's decisions of the carried programs that are not carried (<see cref="CarryPlan.Dropped"/>),
    /// per kabupaten/kota, program, outcome and amount: read by household, a few thousand at a time.
    /// </summary>
    public static async Task<List<(string Kabupaten, string Program, string Outcome, decimal? Amount, long Count)>> DroppedCountsAsync(
        SejahteraDbContext db, CarryPlan plan, CancellationToken ct)
    {
        const int Chunk = 4_096;
        var programs = plan.Programs;
        var counts = new List<(string, string, string, decimal?, long)>();
        foreach (var run in (plan.Dropped ?? []).GroupBy(d => d.Run))
        {
            foreach (var chunk in run.Select(d => d.Household).Chunk(Chunk))
            {
                counts.AddRange(await CountsAsync(
                    db.ScreeningResults.Where(r => r.RunId == run.Key && EF.Parameter(chunk).Contains(r.HouseholdId) && programs.Contains(r.Program)), carriedOnly: false, ct));
            }
        }

        return counts;
    }

    /// <summary>The base run, its period, and the programs whose decisions may be carried from it.</summary>
    private static async Task<(ScreeningRun Run, long SnapshotId, IReadOnlyList<string> Programs)?> BaseAsync(
        SejahteraDbContext db, ScreeningRun run, IReadOnlyList<CompiledRuleSet> ruleSets, CancellationToken ct)
    {
        var wanted = ruleSets.Select(r => r.Program).ToList();
        var baseRun = await db.ScreeningRuns.AsNoTracking()
            .Where(r => r.Id != run.Id && r.Status == ScreeningStatus.Done && (r.KabupatenCode == null || r.KabupatenCode == run.KabupatenCode)
                && db.ScreeningRuleSets.Any(u => u.RunId == r.Id && wanted.Contains(u.Program)))
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (baseRun is null || await db.Snapshots.Where(s => s.Period == baseRun.Period).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct) is not { } snapshotId)
        {
            return null;
        }

        var used = await db.ScreeningRuleSets.AsNoTracking().Where(u => u.RunId == baseRun.Id).ToDictionaryAsync(u => u.Program, u => u.RuleSetHash, ct);
        var programs = ruleSets
            .Where(r => used.GetValueOrDefault(r.Program) == r.Hash && r.DecidesAlikeOn(baseRun.AsOf, run.AsOf))
            .Select(r => r.Program)
            .ToList();
        return programs.Count == 0 ? null : (baseRun, snapshotId, programs);
    }
}
