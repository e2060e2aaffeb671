using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Persistence.Bulk;
using Sejahtera.Rules.Compilation;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// What an incremental run carries forward: from which run, for which programs, how many households;
/// by reference when it carries every program of the run.
/// </summary>
internal sealed record CarryPlan(ScreeningRun? Base, IReadOnlyList<string> Programs, long Households, bool ByReference)
{
    public static readonly CarryPlan None = new(null, [], 0, false);

    /// <summary>The lowest carried household id: copies take their ids by household from it.</summary>
    public long FirstHousehold { get; init; }

    /// <summary>How many ids the copies may take: one per program for every household id from the first carried to the last.</summary>
    public long IdSpan { get; init; }

    /// <summary>The households of the run decided by every rule set (changed since the base run, or new), in id order.</summary>
    public IReadOnlyList<long> Redecided { get; init; } = [];

    /// <summary>
    /// Where the base run's decisions are (run and household holding the rows) of its households this
    /// run does not carry: changed, aged, gone from the register or from the area. The carried
    /// decisions are counted as the base run's counts less theirs. Null when the base run covers
    /// another area (the province, for a run of one kabupaten/kota): the carried decisions are counted.
    /// </summary>
    public IReadOnlyList<(long Run, long Household)>? Dropped { get; init; }

    public bool Any => Base is not null && Programs.Count > 0 && Households > 0;
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
/// The carried households are written to <c>screening_carries</c> first, each with the run whose rows
/// hold its decisions (committed, so the run's reader, on its own connection, leaves them out). When
/// every program of the run is carried, those rows are the carried decisions: nothing is copied, and
/// the run's decisions are read through <see cref="ScreeningRunResults"/>. When some program is decided
/// again, the carried programs' rows are copied by the database, marked with the run they were made
/// in, and the carried households are removed when the run commits.
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

        var current = HouseholdBatches.Of(db, snapshotId);
        var previous = db.Households.AsNoTracking().Where(o => o.SnapshotId == baseSnapshotId);
        if (run.KabupatenCode is { } kab)
        {
            current = current.Where(h => h.KabupatenCode == kab);
            previous = previous.Where(o => o.KabupatenCode == kab);
        }

        // Every household of the run with its household of the same ID DTKS in the base run's period (and
        // area: one moved in is new to it), if any, both fingerprints, and where the base run's decisions
        // of that household are: its own rows, or those it carried by reference. Birth dates are read
        // only when the dates differ.
        var baseRunId = baseRun.Id;
        var datesDiffer = baseRun.AsOf != run.AsOf;
        // Over the same area the carried decisions are counted from the base run's counts (less those not carried).
        var fromBaseCounts = baseRun.KabupatenCode == run.KabupatenCode;

        // On the same date the fingerprints alone decide what is carried: on SQLite the database writes those
        // carries itself, and only the other households are read here (on PostgreSQL that statement measured
        // slower than reading the households and copying the carries in). On another date the ages are compared here.
        var carried = db.ScreeningCarries.Where(c => c.RunId == run.Id);
        var carriedHere = 0;
        var rest = current;
        if (!datesDiffer && settings.Provider == DatabaseProvider.Sqlite)
        {
            carriedHere = await InsertCarriesAsync(db, run, snapshotId, baseRunId, baseSnapshotId, ct);
            await AnalyzeCarriesAsync(db, ct);
            rest = current.Where(n => !carried.Any(c => c.HouseholdId == n.Id));
        }

        var households =
            from n in rest
            from fn in db.HouseholdFingerprints.Where(f => f.HouseholdId == n.Id).DefaultIfEmpty()
            from o in previous.Where(o => o.IdDtks == n.IdDtks).DefaultIfEmpty()
            from fo in db.HouseholdFingerprints.Where(f => f.HouseholdId == o.Id).DefaultIfEmpty()
            from b in db.ScreeningCarries.Where(c => c.RunId == baseRunId && c.HouseholdId == o.Id).DefaultIfEmpty()
            select new
            {
                n.Id,
                Old = (long?)o.Id,
                NewHash = (long?)fn.FactsHash,
                OldHash = (long?)fo.FactsHash,
                BirthDays = datesDiffer ? fn.BirthDays : null,
                FromRun = (long?)b.FromRunId,
                FromHousehold = (long?)b.FromHouseholdId,
            };

        // Read whole before writing: a bulk stream may not be open while a query reads on its connection.
        var carries = new List<ScreeningCarry>();
        var redecided = new List<long>();
        var dropped = new List<(long Run, long Household)>();
        await foreach (var h in households.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (h.Old is not { } old)
            {
                redecided.Add(h.Id);
                continue;
            }

            var origin = (Run: h.FromRun ?? baseRunId, Household: h.FromHousehold ?? old);
            if (h.NewHash is { } hash && h.OldHash == hash && (!datesDiffer || HouseholdFingerprint.AgesAlike(h.BirthDays, baseRun.AsOf, run.AsOf)))
            {
                carries.Add(new ScreeningCarry { RunId = run.Id, HouseholdId = h.Id, FromRunId = origin.Run, FromHouseholdId = origin.Household });
                continue;
            }

            redecided.Add(h.Id);
            if (fromBaseCounts)
            {
                dropped.Add(origin);
            }
        }

        // The base run's households gone from this run (out of the register, or moved out of its kabupaten/kota).
        if (fromBaseCounts)
        {
            // By the (period, ID DTKS) index: not through the period's reader, which keeps off that index.
            var gone =
                from o in previous
                where !db.Households.Any(n => n.SnapshotId == snapshotId && n.IdDtks == o.IdDtks && (run.KabupatenCode == null || n.KabupatenCode == run.KabupatenCode))
                from b in db.ScreeningCarries.Where(c => c.RunId == baseRunId && c.HouseholdId == o.Id).DefaultIfEmpty()
                select new { FromRun = (long?)b.FromRunId, FromHousehold = (long?)b.FromHouseholdId, o.Id };
            await foreach (var o in gone.AsAsyncEnumerable().WithCancellation(ct))
            {
                dropped.Add((o.FromRun ?? baseRunId, o.FromHousehold ?? o.Id));
            }
        }

        phase("plan-find");
        if (carries.Count > 0)
        {
            await BulkWriter.For(settings.Provider, db.Database.GetDbConnection(), tx.GetDbTransaction()).WriteAllAsync(ScreeningTables.Carries, carries, ct);
            await AnalyzeCarriesAsync(db, ct);
        }

        var count = carriedHere + carries.Count;
        var (first, last) = count == 0 ? (0L, -1L) : (await carried.MinAsync(c => c.HouseholdId, ct), await carried.MaxAsync(c => c.HouseholdId, ct));
        await tx.CommitAsync(ct);
        redecided.Sort();
        return new CarryPlan(baseRun, programs, count, ByReference: programs.Count == ruleSets.Count)
        {
            FirstHousehold = first,
            IdSpan = (last - first + 1) * programs.Count,
            Redecided = redecided,
            Dropped = fromBaseCounts ? dropped : null,
        };
    }

    /// <summary>Fresh statistics on PostgreSQL, or the planner joins hundreds of thousands of carries as if there were none.</summary>
    private async Task AnalyzeCarriesAsync(SejahteraDbContext db, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE screening_carries", ct);
        }
    }

    /// <summary>
    /// Writes the carries of a run on the base run's date, in the database: every household of the run
    /// whose household of the same ID DTKS in the base run's period (and area) has the same fingerprint,
    /// with where the base run's decisions of it are. Returns how many were written.
    /// </summary>
    private static Task<int> InsertCarriesAsync(SejahteraDbContext db, ScreeningRun run, long snapshotId, long baseRunId, long baseSnapshotId, CancellationToken ct)
    {
        var area = run.KabupatenCode is null ? "" : " AND n.kabupaten_code = {4} AND o.kabupaten_code = {4}";
#pragma warning disable EF1002, EF1003 // Only parameter placeholders are formatted into the statement.
        return db.Database.ExecuteSqlRawAsync(
            "INSERT INTO screening_carries (run_id, household_id, from_run_id, from_household_id) "
            + "SELECT {0}, n.id, COALESCE(b.from_run_id, {1}), COALESCE(b.from_household_id, o.id) "
            + "FROM households n "
            + "JOIN household_fingerprints fn ON fn.household_id = n.id "
            + "JOIN households o ON o.snapshot_id = {3} AND o.id_dtks = n.id_dtks "
            + "JOIN household_fingerprints fo ON fo.household_id = o.id AND fo.facts_hash = fn.facts_hash "
            + "LEFT JOIN screening_carries b ON b.run_id = {1} AND b.household_id = o.id "
            + "WHERE n.snapshot_id + 0 = {2}" + area,
            [run.Id, baseRunId, snapshotId, baseSnapshotId, run.KabupatenCode ?? ""], ct);
#pragma warning restore EF1002, EF1003
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
#pragma warning disable EF1002, EF1003 // Only parameter placeholders are formatted into the statement.
        var rows = await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO screening_results (id, run_id, household_id, kabupaten_code, program, outcome, amount, passed_mask, sentence_values, carried_from_run_id) "
            + $"SELECT {{0}} + (c.household_id - {{2}}) * {{3}} + CASE r.program {rank} END, {{1}}, c.household_id, r.kabupaten_code, r.program, r.outcome, r.amount, r.passed_mask, r.sentence_values, COALESCE(r.carried_from_run_id, r.run_id) "
            + "FROM screening_carries c JOIN screening_results r ON r.run_id = c.from_run_id AND r.household_id = c.from_household_id "
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
