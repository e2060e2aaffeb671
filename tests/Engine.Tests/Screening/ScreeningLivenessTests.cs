using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Screening;

/// <summary>Heartbeats, orphaned runs and identical runs, on a fake clock: nothing here waits for real time.</summary>
public sealed class ScreeningLivenessTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly May2024 = new(2024, 5, 1);
    private static readonly ScreeningLiveness Liveness = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    private static async Task<int> ImportAsync(TestDatabase db, int households)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: 5, DefectRate: 0.01), writer);
        }

        return (int)(await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path))).Households;
    }

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2024, 5, 2, 8, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_run_whose_heartbeat_went_stale_is_resumed_and_ends_with_exactly_one_decision_per_household_and_program(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var households = await ImportAsync(db, 2_000);
        var clock = Clock();
        var progress = new ScreeningProgress();
        long runId;
        await using (var ctx = db.Context())
        {
            runId = (await new StartScreening(clock, Liveness, progress).HandleAsync(ctx, new ScreeningRequest("2020-10", "all", May2024, null, "tester"))).Id;
            // What a host killed mid-run leaves: the run marked running with its last heartbeat, and
            // (its transaction rolled back) no results of that attempt.
            await ctx.ScreeningRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ScreeningStatus.Running)
                .SetProperty(r => r.Attempts, 1)
                .SetProperty(r => r.HeartbeatAt, clock.GetUtcNow()));
        }

        var resume = new ResumeOrphanedScreenings(db.Settings, progress, Liveness, clock);
        var runner = new RunScreening(db.Settings, new RuleSetCatalog(), progress, Liveness, clock);

        clock.Advance(TimeSpan.FromSeconds(30));
        var whileAlive = await resume.HandleAsync();
        var jobWhileAlive = await runner.ContinueAsync(runId);
        clock.Advance(TimeSpan.FromSeconds(31));
        var orphaned = await resume.HandleAsync();
        var lookedAgain = await resume.HandleAsync();
        var summary = await runner.ContinueAsync(runId);
        var lateJob = await runner.ContinueAsync(runId);

        Assert.Empty(whileAlive);
        Assert.Null(jobWhileAlive);
        Assert.Equal([runId], orphaned);
        Assert.Empty(lookedAgain);
        Assert.NotNull(summary);
        Assert.Equal((households, households * 3L), (summary.Households, summary.Decisions));
        Assert.Null(lateJob);
        await using var check = db.Context();
        var run = await check.ScreeningRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((ScreeningStatus.Done, 2, households * 3L), (run.Status, run.Attempts, run.Decisions));
        Assert.Equal(households * 3L, await check.ScreeningResults.CountAsync(r => r.RunId == runId));
        Assert.Equal(0, await check.ScreeningResults.Where(r => r.RunId == runId)
            .GroupBy(r => new { r.HouseholdId, r.Program }).CountAsync(g => g.Count() > 1));
        Assert.Empty(await resume.HandleAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Starting_an_identical_run_while_one_is_live_is_refused_in_Indonesian_and_allowed_once_it_is_done_or_orphaned(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, 300);
        var clock = Clock();
        var progress = new ScreeningProgress();
        var start = new StartScreening(clock, Liveness, progress);
        await using var ctx = db.Context();
        var request = new ScreeningRequest("2020-10", "all", May2024, "53.07", "tester");

        var first = await start.HandleAsync(ctx, request);
        clock.Advance(TimeSpan.FromSeconds(20));
        var refused = await Assert.ThrowsAsync<ScreeningConflictException>(() => start.HandleAsync(ctx, request with { Programs = " ALL ", RequestedBy = "other" }));
        var otherKabupaten = await start.HandleAsync(ctx, request with { KabupatenCode = "53.08" });
        var wholeProvince = await start.HandleAsync(ctx, request with { KabupatenCode = null });
        var otherDate = await start.HandleAsync(ctx, request with { AsOf = May2024.AddDays(1) });

        // Its process writes heartbeats while it runs; a heartbeat 50 s old is still alive.
        await ctx.ScreeningRuns.Where(r => r.Id == first.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ScreeningStatus.Running).SetProperty(r => r.HeartbeatAt, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(50));
        await Assert.ThrowsAsync<ScreeningConflictException>(() => start.HandleAsync(ctx, request));

        // The heartbeat stopped more than a minute ago: the run is orphaned and no longer in the way.
        clock.Advance(TimeSpan.FromSeconds(15));
        var afterOrphan = await start.HandleAsync(ctx, request);

        Assert.Equal(first.Id, refused.RunId);
        Assert.Contains($"sudah dalam antrean sebagai penyaringan {first.Id}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kabupaten Sikka", refused.Message, StringComparison.Ordinal);
        Assert.Equal(4, new[] { otherKabupaten.Id, wholeProvince.Id, otherDate.Id, afterOrphan.Id }.Distinct().Count());
        Assert.Equal(5, await ctx.ScreeningRuns.CountAsync());
    }

    [Fact]
    public async Task A_run_executing_in_this_process_is_live_whatever_its_heartbeat_says()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, 200);
        var clock = Clock();
        var progress = new ScreeningProgress();
        var start = new StartScreening(clock, Liveness, progress);
        await using var ctx = db.Context();
        var request = new ScreeningRequest("2020-10", "bansos-sembako", May2024, null, "tester");
        var run = await start.HandleAsync(ctx, request);

        // On SQLite the run's transaction holds the write lock, so its heartbeat cannot be written.
        progress.Report(run.Id, 100, 200);
        clock.Advance(TimeSpan.FromMinutes(10));

        await Assert.ThrowsAsync<ScreeningConflictException>(() => start.HandleAsync(ctx, request));
        Assert.Empty(await new ResumeOrphanedScreenings(db.Settings, progress, Liveness, clock).HandleAsync());
        Assert.Null(await new RunScreening(db.Settings, new RuleSetCatalog(), progress, Liveness, clock).ContinueAsync(run.Id));
    }
}
