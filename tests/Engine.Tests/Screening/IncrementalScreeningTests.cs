using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Rules.Compilation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Tests.Screening;

public sealed class IncrementalScreeningTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly May2024 = new(2024, 5, 1);
    private static readonly DateOnly June2024 = new(2024, 6, 1);
    private const int Households = 4_000;

    /// <summary>
    /// Period 2020-10 as generated, and period 2020-11: the same file with one household in twenty
    /// changed (every member's occupation moved on by one; in every other one of those, the desil too),
    /// one in fifty gone from the register and one in fifty new (an ID DTKS not seen before).
    /// Returns the ID DTKS of the changed households.
    /// </summary>
    private static async Task<HashSet<string>> ImportTwoPeriodsAsync(TestDatabase db)
    {
        var first = Path.Combine(db.Folder, "dtks-2020-10.csv");
        var second = Path.Combine(db.Folder, "dtks-2020-11.csv");
        await using (var writer = new StreamWriter(first, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(Households, Seed: 23, DefectRate: 0.01), writer);
        }

        var lines = await File.ReadAllLinesAsync(first);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (id, occupation, desil, period) = (Column("id_dtks"), Column("pekerjaan"), Column("desil"), Column("periode"));
        var ids = lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length == header.Length).Select(f => f[id]).Distinct().ToList();
        var changed = ids.Where((_, i) => i % 20 == 7).ToHashSet();
        var desilToo = ids.Where((_, i) => i % 40 == 7).ToHashSet();
        var gone = ids.Where((_, i) => i % 50 == 11).ToHashSet();
        var renamed = ids.Where((_, i) => i % 50 == 13).ToHashSet();
        var output = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != header.Length)
            {
                output.Add(line);
                continue;
            }

            f[period] = "2020-11";
            if (gone.Contains(f[id]))
            {
                continue;
            }

            if (renamed.Contains(f[id]))
            {
                f[id] += "-B";
            }

            if (changed.Contains(f[id]) && int.TryParse(f[occupation], out var o))
            {
                f[occupation] = ((o + 1) % 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (desilToo.Contains(f[id]) && int.TryParse(f[desil], out var d))
            {
                f[desil] = (d % 4 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            output.Add(string.Join(',', f));
        }

        await File.WriteAllLinesAsync(second, output, new UTF8Encoding(false));
        var importer = new DtksImporter(db.Settings, TimeProvider.System);
        await importer.ImportAsync(new ImportRequest(first));
        await importer.ImportAsync(new ImportRequest(second));
        return changed;
    }

    private static async Task<ScreeningSummary> ScreenAsync(TestDatabase db, string period, DateOnly asOf, bool redecideAll = false, string? kabupaten = null)
    {
        long runId;
        await using (var ctx = db.Context())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress())
                .HandleAsync(ctx, new ScreeningRequest(period, "all", asOf, kabupaten, "tester", redecideAll))).Id;
        }

        return await new RunScreening(db.Settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System).HandleAsync(runId);
    }

    /// <summary>A run's decisions by household and program, as comparable text.</summary>
    private static async Task<Dictionary<(long, string), string>> DecisionsAsync(SejahteraDbContext ctx, long runId) =>
        (await ScreeningRunResults.Of(ctx, runId).ToListAsync())
        .ToDictionary(r => (r.HouseholdId, r.Program), r => $"{r.KabupatenCode} {r.Outcome} {r.Amount:F2} {r.PassedMask} {Convert.ToHexString(r.SentenceValues)}");

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task An_incremental_run_after_a_new_period_carries_the_unchanged_households_and_gives_exactly_the_decisions_of_a_full_run(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var changed = await ImportTwoPeriodsAsync(db);
        var first = await ScreenAsync(db, "2020-10", May2024);

        var incremental = await ScreenAsync(db, "2020-11", June2024);
        var retried = await new RunScreening(db.Settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System).HandleAsync(incremental.RunId);
        var full = await ScreenAsync(db, "2020-11", June2024, redecideAll: true);

        await using var ctx = db.Context();
        var expected = await DecisionsAsync(ctx, full.RunId);
        var actual = await DecisionsAsync(ctx, incremental.RunId);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Empty(expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Take(5));
        Assert.Equal(0, full.CarriedDecisions);
        Assert.Equal(incremental.CarriedDecisions, retried.CarriedDecisions);

        // Carried: the households unchanged, with every member the same age in May and June, each
        // decision marked with the run it was made in; every changed household was decided again.
        var november = await ctx.Snapshots.Where(s => s.Period == "2020-11").Select(s => s.Id).SingleAsync();
        var households = await ctx.Households.AsNoTracking().Where(h => h.SnapshotId == november).ToDictionaryAsync(h => h.Id, h => h.IdDtks);
        var carried = await ScreeningRunResults.Of(ctx, incremental.RunId).Where(r => r.CarriedFromRunId != null).ToListAsync();
        Assert.Equal(incremental.CarriedDecisions, carried.Count);
        Assert.All(carried, r => Assert.Equal(first.RunId, r.CarriedFromRunId));
        Assert.DoesNotContain(carried, r => changed.Contains(households[r.HouseholdId]));
        var run = await ctx.ScreeningRuns.SingleAsync(r => r.Id == incremental.RunId);
        Assert.Equal((first.RunId, incremental.CarriedDecisions), (run.BaseRunId!.Value, run.CarriedDecisions));
        Assert.InRange(carried.Select(r => r.HouseholdId).Distinct().Count(), Households / 2, Households - changed.Count);
        var birthdays = await ctx.Members.AsNoTracking().Where(m => m.SnapshotId == november && m.BirthDate.Month == 5 && m.BirthDate.Day >= 2).Select(m => m.HouseholdId).Distinct().ToListAsync();
        Assert.DoesNotContain(carried, r => birthdays.Contains(r.HouseholdId));
        // The carried households are held as ranges of consecutive ids: far fewer rows than households.
        var ranges = await ctx.ScreeningCarries.Where(c => c.RunId == incremental.RunId).Select(c => c.LastHouseholdId - c.FirstHouseholdId + 1).ToListAsync();
        Assert.Equal(carried.Count, ranges.Sum() * 3);
        Assert.True(ranges.Count * 2 < ranges.Sum(), $"{ranges.Count} ranges for {ranges.Sum()} households");
        Assert.Equal(0, await ctx.ScreeningResults.CountAsync(r => r.CarriedFromRunId != null));

        // The counts of the run count the carried decisions too.
        Assert.Equal(full.Outcomes.ToDictionary(o => o.Key, o => o.Value.OrderBy(x => x.Key).ToList()), incremental.Outcomes.ToDictionary(o => o.Key, o => o.Value.OrderBy(x => x.Key).ToList()));
        Assert.Equal(full.Amounts, incremental.Amounts);
        var counts = await ctx.ScreeningRuns.Where(r => r.Id == full.RunId || r.Id == incremental.RunId).ToDictionaryAsync(r => r.Id, r => r.CountsJson);
        Assert.Equal(Normalized(counts[full.RunId]!), Normalized(counts[incremental.RunId]!));
    }

    /// <summary>A run's counts as JSON with every object's keys in order and numbers without trailing zeros, to compare two runs' counts.</summary>
    private static string Normalized(string json)
    {
        static JsonNode? Sorted(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            JsonValue v => JsonValue.Create(v.GetValue<decimal>().ToString("0.############", System.Globalization.CultureInfo.InvariantCulture)),
            _ => node?.DeepClone(),
        };
        return Sorted(JsonNode.Parse(json))!.ToJsonString();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task On_the_same_date_every_household_unchanged_in_the_new_period_is_carried_and_a_run_carrying_from_that_run_still_finds_each_decision_where_it_was_made(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var changed = await ImportTwoPeriodsAsync(db);
        var first = await ScreenAsync(db, "2020-10", May2024);
        var incremental = await ScreenAsync(db, "2020-11", May2024);
        // Nothing changed since the incremental run: every household is carried from it, by reference to where its decisions are.
        var again = await ScreenAsync(db, "2020-11", May2024);

        await using var ctx = db.Context();
        var periods = await ctx.Snapshots.ToDictionaryAsync(p => p.Period, p => p.Id);
        var november = await ctx.Households.Where(h => h.SnapshotId == periods["2020-11"]).ToDictionaryAsync(h => h.Id, h => h.IdDtks);
        var sample = november.Keys.Order().Where((_, i) => i % 97 == 0).ToList();
        foreach (var household in sample)
        {
            var one = await ScreeningRunResults.Of(ctx, again.RunId, household).ToListAsync();
            Assert.Equal(3, one.Count);
            Assert.Equal(again.RunId, await ScreeningRunResults.RunsOf(ctx, household).FirstAsync());
        }

        var full = await ScreenAsync(db, "2020-11", May2024, redecideAll: true);
        var expected = await DecisionsAsync(ctx, full.RunId);
        foreach (var run in new[] { incremental, again })
        {
            var actual = await DecisionsAsync(ctx, run.RunId);
            Assert.Equal(expected.Count, actual.Count);
            Assert.Empty(expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Take(5));
        }

        var counts = await ctx.ScreeningRuns.Where(r => r.Id == full.RunId || r.Id == incremental.RunId || r.Id == again.RunId).ToDictionaryAsync(r => r.Id, r => r.CountsJson);
        Assert.Equal(Normalized(counts[full.RunId]!), Normalized(counts[incremental.RunId]!));
        Assert.Equal(Normalized(counts[full.RunId]!), Normalized(counts[again.RunId]!));

        // Carried: exactly the households of both periods whose facts did not change, each from the first run.
        var october = (await ctx.Households.Where(h => h.SnapshotId == periods["2020-10"]).Select(h => h.IdDtks).ToListAsync()).ToHashSet();
        var unchanged = november.Where(h => october.Contains(h.Value) && !changed.Contains(h.Value)).Select(h => h.Key).Order().ToList();
        var carried = (await ctx.ScreeningCarries.Where(c => c.RunId == incremental.RunId).ToListAsync())
            .SelectMany(c => Enumerable.Range(0, (int)(c.LastHouseholdId - c.FirstHouseholdId + 1)).Select(i => (Household: c.FirstHouseholdId + i, c.FromRunId)))
            .OrderBy(c => c.Household).ToList();
        Assert.Equal(unchanged, carried.Select(c => c.Household).ToList());
        Assert.All(carried, c => Assert.Equal(first.RunId, c.FromRunId));
        Assert.Equal(unchanged.Count * 3L, incremental.CarriedDecisions);

        // The run after it carries every household, each decision marked with the run that made it: the first run, or the incremental one for the changed and new.
        Assert.Equal(november.Count * 3L, again.CarriedDecisions);
        var unchangedSet = unchanged.ToHashSet();
        Assert.All(await ScreeningRunResults.Of(ctx, again.RunId).ToListAsync(),
            r => Assert.Equal(unchangedSet.Contains(r.HouseholdId) ? first.RunId : incremental.RunId, r.CarriedFromRunId));
    }

    public static TheoryData<DatabaseProvider, bool> ProvidersAndBases => new()
    {
        { DatabaseProvider.Sqlite, true }, { DatabaseProvider.Sqlite, false }, { DatabaseProvider.Postgres, true }, { DatabaseProvider.Postgres, false },
    };

    [SkippableTheory]
    [MemberData(nameof(ProvidersAndBases))]
    public async Task A_run_of_one_kabupaten_carries_from_a_province_run_or_from_a_run_of_its_own_kabupaten_and_equals_a_full_run_of_it(DatabaseProvider provider, bool fromProvince)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportTwoPeriodsAsync(db);
        string kabupaten;
        await using (var ctx = db.Context())
        {
            kabupaten = await ctx.Households.GroupBy(h => h.KabupatenCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        var first = await ScreenAsync(db, "2020-10", May2024, kabupaten: fromProvince ? null : kabupaten);
        var incremental = await ScreenAsync(db, "2020-11", June2024, kabupaten: kabupaten);
        var full = await ScreenAsync(db, "2020-11", June2024, redecideAll: true, kabupaten: kabupaten);

        await using var check = db.Context();
        var expected = await DecisionsAsync(check, full.RunId);
        var actual = await DecisionsAsync(check, incremental.RunId);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Empty(expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Take(5));
        Assert.InRange(incremental.CarriedDecisions, expected.Count / 2, expected.Count - 1);
        Assert.Equal(first.RunId, (await check.ScreeningRuns.SingleAsync(r => r.Id == incremental.RunId)).BaseRunId);
        var counts = await check.ScreeningRuns.Where(r => r.Id == full.RunId || r.Id == incremental.RunId).ToDictionaryAsync(r => r.Id, r => r.CountsJson);
        Assert.Equal(Normalized(counts[full.RunId]!), Normalized(counts[incremental.RunId]!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task After_a_new_rule_set_version_only_that_program_is_decided_again_and_the_run_equals_a_full_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportTwoPeriodsAsync(db);
        await ScreenAsync(db, "2020-11", June2024);
        await using (var ctx = db.Context())
        {
            var current = await ctx.RuleSetVersions.SingleAsync(v => v.Program == "bansos-sembako");
            var yaml = current.Yaml
                .Replace("- { from: 2019-01-01, value: 4, ref: dtks }", "- { from: 2019-01-01, value: 3, ref: dtks }", StringComparison.Ordinal)
                .Replace("version: \"2019.1\"", "version: \"2024.1\"", StringComparison.Ordinal)
                .Replace("effective_from: 2019-01-01", "effective_from: 2024-01-01", StringComparison.Ordinal);
            Assert.NotEqual(current.Yaml, yaml);
            ctx.RuleSetVersions.Add(new RuleSetVersion
            {
                Program = current.Program, Version = "2024.1", Title = current.Title, Subject = current.Subject, EffectiveFrom = new DateOnly(2024, 1, 1),
                Yaml = yaml, Hash = RuleSetCompiler.Compile(yaml, current.Program).Hash, Status = RuleSetCatalog.Published, Author = "admin", CreatedAt = DateTimeOffset.UtcNow,
            });
            await ctx.SaveChangesAsync();
        }

        var incremental = await ScreenAsync(db, "2020-11", June2024);
        var full = await ScreenAsync(db, "2020-11", June2024, redecideAll: true);

        await using var check = db.Context();
        var expected = await DecisionsAsync(check, full.RunId);
        var actual = await DecisionsAsync(check, incremental.RunId);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Empty(expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Take(5));
        var decided = await check.ScreeningResults.Where(r => r.RunId == incremental.RunId && r.CarriedFromRunId == null).Select(r => r.Program).Distinct().ToListAsync();
        Assert.Equal(["bansos-sembako"], decided);
        Assert.Equal(incremental.Households * 2, incremental.CarriedDecisions);
        Assert.Equal(incremental.Households * 2, await check.ScreeningResults.CountAsync(r => r.RunId == incremental.RunId && r.CarriedFromRunId != null));
        Assert.Equal(0, await check.ScreeningCarries.CountAsync(c => c.RunId == incremental.RunId));
    }

    [Fact]
    public void A_change_to_any_fact_of_a_member_changes_the_fingerprint_of_the_household()
    {
        var person = new Fact.Person { Nik = "5307014101900001", Name = "MARIA", BirthDate = new DateOnly(1990, 1, 1), Relation = 1 };
        var household = new Fact.Household { Id = "H1", RegionCode = "53.07.01.2001", KabupatenCode = "53.07", Desil = 2, Members = [person] };
        var hash = HouseholdFingerprint.Of(1, household).FactsHash;

        var properties = typeof(Fact.Person).GetProperties().Where(p => p.CanWrite).ToList();
        Assert.True(properties.Count >= 15);
        foreach (var property in properties)
        {
            var changed = person with { };
            object value = property.PropertyType == typeof(string) ? "X" + property.GetValue(person)
                : property.PropertyType == typeof(DateOnly) ? new DateOnly(1991, 2, 3)
                : property.PropertyType == typeof(bool) ? !(bool)property.GetValue(person)!
                : (int)property.GetValue(person)! + 1;
            property.SetValue(changed, value);
            Assert.NotEqual(hash, HouseholdFingerprint.Of(1, household with { Members = [changed] }).FactsHash);
        }

        Assert.NotEqual(hash, HouseholdFingerprint.Of(1, household with { Desil = 3 }).FactsHash);
        Assert.NotEqual(hash, HouseholdFingerprint.Of(1, household with { Members = [person, person with { Relation = 3 }] }).FactsHash);
        Assert.Equal(hash, HouseholdFingerprint.Of(2, household with { Members = [person with { }] }).FactsHash);
    }

    [Fact]
    public void Ages_are_alike_on_two_dates_unless_a_member_has_a_birthday_between_them()
    {
        var household = new Fact.Household { Members = [new Fact.Person { BirthDate = new DateOnly(1990, 5, 20) }, new Fact.Person { BirthDate = new DateOnly(2012, 2, 29) }] };
        var days = HouseholdFingerprint.Of(1, household).BirthDays;

        Assert.True(HouseholdFingerprint.AgesAlike(days, new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 19)));
        Assert.False(HouseholdFingerprint.AgesAlike(days, new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 20)));
        Assert.False(HouseholdFingerprint.AgesAlike(days, new DateOnly(2023, 2, 27), new DateOnly(2023, 3, 1)));
    }
}
