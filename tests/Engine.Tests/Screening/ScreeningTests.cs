using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Screening;

public sealed class ScreeningTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly May2024 = new(2024, 5, 1);

    private static async Task<int> ImportAsync(TestDatabase db, int households)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: 11, DefectRate: 0.01), writer);
        }

        return (int)(await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path))).Households;
    }

    private static RunScreening Runner(TestDatabase db) => new(db.Settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Screening_a_period_decides_every_household_by_every_household_program_a_retry_leaves_one_decision_each_and_every_stored_decision_renders_as_evaluation_explains_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // 20,000 households are three reader batches of 8,192 (the last one partial) through the
        // pipeline on both providers: as many stages at work at once as a bigger registry, in half the time.
        var households = await ImportAsync(db, 20_000);
        long runId;
        await using (var ctx = db.Context())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress()).HandleAsync(ctx, new ScreeningRequest("2020-10", "all", May2024, null, "tester"))).Id;
        }

        var first = await Runner(db).HandleAsync(runId);
        var retry = await Runner(db).HandleAsync(runId);

        Assert.Equal(households, first.Households);
        Assert.Equal(households * 3L, first.Decisions);
        Assert.Equal(first.Outcomes.ToDictionary(o => o.Key, o => o.Value.OrderBy(x => x.Key).ToList()), retry.Outcomes.ToDictionary(o => o.Key, o => o.Value.OrderBy(x => x.Key).ToList()));
        await using var check = db.Context();
        Assert.Equal(households * 3L, await check.ScreeningResults.CountAsync(r => r.RunId == runId));
        Assert.Equal(0, await check.ScreeningResults.Where(r => r.RunId == runId)
            .GroupBy(r => new { r.HouseholdId, r.Program }).CountAsync(g => g.Count() > 1));
        var run = await check.ScreeningRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal(("done", 2), (run.Status, run.Attempts));

        // Rendered on read from the compact decisions, every explanation is the one evaluation gives.
        var decisions = (await new ScreeningDecisions(new RuleSetCatalog()).ForRunAsync(check, runId))!;
        var facts = (await new RegistryFacts().GetAsync(check, default)).ToDictionary(f => f.HouseholdId, f => f.Fact);
        var catalog = new RuleSetCatalog();
        var ruleSets = new Dictionary<string, Rules.Compilation.CompiledRuleSet>();
        foreach (var used in await check.ScreeningRuleSets.Where(r => r.RunId == runId).ToListAsync())
        {
            ruleSets[used.Program] = (await catalog.ByHashAsync(check, used.RuleSetHash, default))!;
        }

        var compared = 0;
        await foreach (var stored in check.ScreeningResults.AsNoTracking().Where(r => r.RunId == runId).AsAsyncEnumerable())
        {
            var fact = facts[stored.HouseholdId];
            var eager = ruleSets[stored.Program].Evaluate(fact, May2024);
            var rendered = decisions.Render(fact.Id, stored.Program, stored.Outcome, stored.Amount, stored.PassedMask, stored.SentenceValues);
            Assert.Equal(RunDecisions.Lines(eager), RunDecisions.Lines(rendered));
            Assert.Equal(eager.Amount, rendered.Amount);

            // The amount comes back from a numeric(18,2) column: the same number, written with two decimals.
            Assert.Equal(JsonSerializer.Serialize(DecisionDocument.From(eager with { Amount = rendered.Amount })), JsonSerializer.Serialize(DecisionDocument.From(rendered)));
            compared++;
        }

        Assert.Equal(households * 3L, compared);
    }

    [Fact]
    public async Task Screening_one_kabupaten_decides_only_its_households()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, 3_000);
        await using var ctx = db.Context();
        var sikka = await ctx.Households.CountAsync(h => h.KabupatenCode == "53.07");
        var run = await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress()).HandleAsync(ctx, new ScreeningRequest("2020-10", "bansos-sembako", May2024, "53.07", "tester"));

        var summary = await Runner(db).HandleAsync(run.Id);

        Assert.Equal(sikka, summary.Households);
        Assert.Equal(sikka, await ctx.ScreeningResults.CountAsync(r => r.RunId == run.Id && r.KabupatenCode == "53.07"));
        Assert.Equal(sikka, await ctx.ScreeningResults.CountAsync(r => r.RunId == run.Id));
    }

    [Fact]
    public async Task A_request_for_an_unknown_period_program_or_kabupaten_is_refused_and_nothing_is_queued()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, 200);
        await using var ctx = db.Context();
        var start = new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress());

        var period = await Assert.ThrowsAsync<ScreeningException>(() => start.HandleAsync(ctx, new ScreeningRequest("2031-01", "all", May2024, null, "t")));
        var program = await Assert.ThrowsAsync<ScreeningException>(() => start.HandleAsync(ctx, new ScreeningRequest("2020-10", "kube", May2024, null, "t")));
        var kabupaten = await Assert.ThrowsAsync<ScreeningException>(() => start.HandleAsync(ctx, new ScreeningRequest("2020-10", "all", May2024, "53.99", "t")));

        Assert.Contains("belum diimpor", period.Message, StringComparison.Ordinal);
        Assert.Contains("tidak dapat disaring", program.Message, StringComparison.Ordinal);
        Assert.Contains("53.99 tidak dikenal", kabupaten.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.ScreeningRuns.CountAsync());
    }
}
