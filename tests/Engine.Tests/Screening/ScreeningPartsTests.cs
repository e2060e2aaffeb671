using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Screening;

/// <summary>A province-wide run split into one part per kabupaten/kota, on a real PostgreSQL database.</summary>
public sealed class ScreeningPartsTests
{
    private static readonly DateOnly May2024 = new(2024, 5, 1);

    // Deciding every household: only such a run is split (an incremental one carries what it can).
    private static readonly ScreeningRequest Province = new("2020-10", "all", May2024, null, "tester", RedecideAll: true);

    [SkippableFact]
    public async Task A_province_run_split_into_parts_written_at_the_same_time_decides_exactly_what_an_unsplit_run_decides_and_counts_the_same()
    {
        await using var db = await TestDatabase.PostgresAsync();
        var households = await ImportAsync(db, 4_000);
        var whole = await UnsplitAsync(db);

        var runId = await StartAsync(db);
        var parts = await Parts(db).SplitAsync(runId);
        Assert.NotNull(parts);
        await using var check = db.Context();
        var kabupaten = await check.Households.Select(h => h.KabupatenCode).Distinct().CountAsync();
        Assert.True(kabupaten > 5, $"The generated registry has only {kabupaten} kabupaten/kota");
        Assert.Equal(kabupaten, parts.Count);
        var parent = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal(ScreeningStatus.Running, parent.Status);
        Assert.Equal(new PartsProgress(0, households, 0, kabupaten), await ScreeningParts.ProgressAsync(check, new ScreeningProgress(), parent, default));

        var failures = await RunAllAsync(db, parts);

        Assert.Empty(failures);
        var run = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal((ScreeningStatus.Done, (long)households, households * 3L, (string?)null), (run.Status, run.Households, run.Decisions, run.Error));
        Assert.Equal(new PartsProgress(households, households, kabupaten, kabupaten), await ScreeningParts.ProgressAsync(check, new ScreeningProgress(), run, default));
        foreach (var part in await ScreeningParts.OfAsync(check, runId, default))
        {
            Assert.Equal((ScreeningStatus.Done, 1, 0), (part.Status, part.Attempts, await check.ScreeningResults.CountAsync(r => r.RunId == part.Id)));
        }

        Assert.Equal(await DecisionsAsync(check, whole), await DecisionsAsync(check, runId));
        Assert.Equal(await RuleSetsAsync(check, whole), await RuleSetsAsync(check, runId));
        var wholeRun = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == whole);
        Assert.Equal(Normalized(wholeRun.CountsJson!), Normalized(run.CountsJson!));
    }

    [SkippableFact]
    public async Task A_part_that_fails_once_is_retried_alone_and_the_run_ends_with_every_decision_once()
    {
        await using var db = await TestDatabase.PostgresAsync();
        var households = await ImportAsync(db, 3_000);
        var whole = await UnsplitAsync(db);
        await FailSikkaAsync(db, times: 1);

        var runId = await StartAsync(db);
        var parts = (await Parts(db).SplitAsync(runId))!;
        var failures = await RunAllAsync(db, parts);

        await using var check = db.Context();
        var failed = Assert.Single(failures);
        var part = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == failed);
        Assert.Equal(("53.07", ScreeningStatus.Failed, 1), (part.KabupatenCode, part.Status, part.Attempts));
        Assert.Equal(ScreeningStatus.Running, (await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId)).Status);

        // The retry of its job: only this part runs again.
        Assert.NotNull(await Runner(db).ContinueAsync(failed));

        var run = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal((ScreeningStatus.Done, (long)households, households * 3L), (run.Status, run.Households, run.Decisions));
        foreach (var p in await ScreeningParts.OfAsync(check, runId, default))
        {
            Assert.Equal((ScreeningStatus.Done, p.Id == failed ? 2 : 1), (p.Status, p.Attempts));
        }

        Assert.Equal(households * 3, await check.ScreeningResults.CountAsync(r => r.RunId == runId));
        Assert.Equal(await DecisionsAsync(check, whole), await DecisionsAsync(check, runId));
    }

    [SkippableFact]
    public async Task A_part_failing_after_its_retries_fails_the_run_naming_its_kabupaten_and_running_the_run_again_queues_only_that_part()
    {
        await using var db = await TestDatabase.PostgresAsync();
        var households = await ImportAsync(db, 3_000);
        await FailSikkaAsync(db, times: 1 + ScreeningJob.Retries);

        var runId = await StartAsync(db);
        var parts = (await Parts(db).SplitAsync(runId))!;
        var failed = Assert.Single(await RunAllAsync(db, parts));
        for (var retry = 0; retry < ScreeningJob.Retries; retry++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Runner(db).ContinueAsync(failed));
        }

        await using var check = db.Context();
        var run = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal(ScreeningStatus.Failed, run.Status);
        Assert.StartsWith($"Bagian Kabupaten Sikka (53.07) gagal setelah {1 + ScreeningJob.Retries} percobaan: ", run.Error, StringComparison.Ordinal);

        var again = await Parts(db).SplitAsync(runId);

        Assert.Equal([failed], again);
        Assert.Equal(ScreeningStatus.Running, (await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId)).Status);
        Assert.NotNull(await Runner(db).ContinueAsync(failed));
        run = await check.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal((ScreeningStatus.Done, (long)households, households * 3L, (string?)null), (run.Status, run.Households, run.Decisions, run.Error));
        Assert.Equal(households * 3, await check.ScreeningResults.CountAsync(r => r.RunId == runId));
    }

    [SkippableFact]
    public async Task Runs_on_sqlite_are_never_split_and_a_split_run_waiting_for_its_parts_is_not_taken_for_orphaned()
    {
        Assert.False(ScreeningSplit.From(Configuration(("Screening:SplitByKabupaten", "true")), DatabaseProvider.Sqlite).ByKabupaten);
        Assert.True(ScreeningSplit.From(Configuration(), DatabaseProvider.Postgres).ByKabupaten);
        Assert.False(ScreeningSplit.From(Configuration(("Screening:SplitByKabupaten", "false")), DatabaseProvider.Postgres).ByKabupaten);
        Assert.False(ScreeningSplit.From(Configuration(), DatabaseProvider.SqlServer).ByKabupaten);

        await using var db = await TestDatabase.PostgresAsync();
        await ImportAsync(db, 500);
        var runId = await StartAsync(db);
        var parts = (await Parts(db).SplitAsync(runId))!;

        var orphaned = await new ResumeOrphanedScreenings(db.Settings, new ScreeningProgress(), ScreeningLiveness.Default, new LateClock(TimeSpan.FromMinutes(5))).HandleAsync();

        // The parts are resumed (their jobs queued again); the parent waits for them.
        Assert.Equal(parts.Order().ToList(), orphaned);
    }

    private sealed class LateClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static RunScreening Runner(TestDatabase db) => new(db.Settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System);

    private static ScreeningParts Parts(TestDatabase db) => new(db.Settings, Runner(db), new ScreeningSplit(true), ScreeningLiveness.Default, TimeProvider.System);

    private static async Task<int> ImportAsync(TestDatabase db, int households)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: 7, DefectRate: 0.01), writer);
        }

        return (int)(await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path))).Households;
    }

    private static async Task<long> StartAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        return (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress()).HandleAsync(ctx, Province)).Id;
    }

    /// <summary>The same screening on one host, in one piece.</summary>
    private static async Task<long> UnsplitAsync(TestDatabase db)
    {
        var runId = await StartAsync(db);
        await Runner(db).HandleAsync(runId);
        return runId;
    }

    /// <summary>Every part at once (four at a time), as workers would; returns the parts that failed.</summary>
    private static async Task<List<long>> RunAllAsync(TestDatabase db, IReadOnlyList<long> parts)
    {
        using var gate = new SemaphoreSlim(4);
        var failed = new List<long>();
        await Task.WhenAll(parts.Select(part => Task.Run(async () =>
        {
            await gate.WaitAsync();
            try
            {
                await Runner(db).ContinueAsync(part);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (failed)
                {
                    failed.Add(part);
                }
            }
            finally
            {
                gate.Release();
            }
        })));
        return failed;
    }

    /// <summary>
    /// Writing a decision of Sikka (53.07) fails the first <paramref name="times"/> attempts: a trigger
    /// counts them on a sequence, which a failed transaction does not roll back.
    /// </summary>
    private static async Task FailSikkaAsync(TestDatabase db, int times)
    {
        var sql = $$$"""
            CREATE SEQUENCE sikka_attempts;
            CREATE FUNCTION fail_sikka() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.kabupaten_code = '53.07' AND nextval('sikka_attempts') <= {{{times}}} THEN
                    RAISE EXCEPTION 'gangguan penulisan (uji)';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER fail_sikka BEFORE INSERT ON screening_results FOR EACH ROW EXECUTE FUNCTION fail_sikka();
            """;
        await using var ctx = db.Context();
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<List<string>> DecisionsAsync(SejahteraDbContext db, long runId) =>
        (await db.ScreeningResults.AsNoTracking().Where(r => r.RunId == runId)
            .OrderBy(r => r.HouseholdId).ThenBy(r => r.Program)
            .Select(r => new { r.HouseholdId, r.KabupatenCode, r.Program, r.Outcome, r.Amount, r.PassedMask, r.SentenceValues })
            .ToListAsync())
        .Select(r => $"{r.HouseholdId} {r.KabupatenCode} {r.Program} {r.Outcome} {r.Amount?.ToString(CultureInfo.InvariantCulture)} {r.PassedMask} {Convert.ToBase64String(r.SentenceValues)}")
        .ToList();

    private static async Task<List<string>> RuleSetsAsync(SejahteraDbContext db, long runId) =>
        await db.ScreeningRuleSets.Where(r => r.RunId == runId).OrderBy(r => r.Program).Select(r => r.Program + " " + r.Version + " " + r.RuleSetHash).ToListAsync();

    /// <summary>The counts with keys sorted and numbers written one way, whatever order and scale they were written in.</summary>
    private static string Normalized(string json)
    {
        return Write(JsonDocument.Parse(json).RootElement);

        static string Write(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Write(p.Value))) + "}",
            JsonValueKind.Number => e.GetDecimal().ToString("0.############", CultureInfo.InvariantCulture),
            _ => e.GetRawText(),
        };
    }
}
