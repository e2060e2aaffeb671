using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Tests.RuleLifecycle;

public sealed class DryRunTests
{
    private static readonly DateOnly May2024 = new(2024, 5, 1);

    private static async Task ImportAsync(TestDatabase db, int households)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: 5, DefectRate: 0.01), writer);
        }

        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));
    }

    [Fact]
    public async Task Lowering_the_Sembako_desil_limit_shows_who_loses_per_kabupaten_with_the_budget_impact_and_the_reason()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, 5_000);
        await using var ctx = db.Context();
        var draft = await new SaveDraft(TimeProvider.System).StartAsync(ctx, "bansos-sembako", "admin");
        var edited = draft.Yaml.Replace("- { from: 2019-01-01, value: 4, ref: dtks }", "- { from: 2019-01-01, value: 3, ref: dtks }", StringComparison.Ordinal);
        await new SaveDraft(TimeProvider.System).SaveAsync(ctx, draft.Id, edited, "admin");
        var desilFour = await ctx.Households.CountAsync(h => h.Desil == 4);

        var result = await new DryRun(new RuleSetCatalog(), new RegistryFacts(), TimeProvider.System, RuleRunBudget.Default).HandleAsync(ctx, draft.Id, May2024);

        Assert.Equal(await ctx.Households.CountAsync(), result.Subjects);
        var loss = Assert.Single(result.Matrix);
        Assert.Equal(("layak", "tidak-layak"), (loss.From, loss.To));
        Assert.True(loss.Count > 0 && loss.Count <= desilFour);
        Assert.Equal(loss.Count, result.ChangedCount);
        Assert.Equal(-200_000m * loss.Count, result.BudgetDelta);
        Assert.Contains(result.ByKabupaten, k => k.Code == "53.02" && k.Changed > 0);
        Assert.Equal(result.ChangedCount, result.ByKabupaten.Sum(k => k.Changed));
        Assert.All(result.Changed, c =>
        {
            Assert.Equal("desil-dalam-batas", c.Criterion);
            Assert.Contains("desil 4", c.Because, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_fast_path_gives_the_NRules_outcome_and_the_compact_decision_renders_the_NRules_explanation_for_every_household_of_a_100000_household_registry()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, 100_000);
        await using var ctx = db.Context();
        var facts = await new RegistryFacts().GetAsync(ctx, default);
        var ruleSets = DefaultRuleSets.All.Select(r => RuleSetCompiler.Compile(r.Yaml, r.Name)).Where(r => r.SubjectType == typeof(Fact.Household)).ToList();
        var mismatches = 0;
        var unexplained = 0;

        Parallel.ForEach(facts, f =>
        {
            foreach (var ruleSet in ruleSets)
            {
                var full = ruleSet.Evaluate(f.Fact, May2024);
                var quick = ruleSet.Decide(f.Fact, May2024);
                if (full.Outcome != quick.Outcome || full.Amount != quick.Amount || !full.Findings.Select((x, i) => x.Passed == quick.Passed(i)).All(same => same))
                {
                    Interlocked.Increment(ref mismatches);
                }

                // The compact decision a screening stores, rendered on read, explains exactly as evaluation does.
                var compact = ruleSet.Capture(f.Fact, May2024);
                var rendered = ruleSet.Render(f.Fact.Id, May2024, compact.Outcome, compact.Amount, compact.PassedMask, compact.Values);
                if (Engine.Screening.RunDecisions.Lines(rendered) != Engine.Screening.RunDecisions.Lines(full)
                    || System.Text.Json.JsonSerializer.Serialize(DecisionDocument.From(rendered)) != System.Text.Json.JsonSerializer.Serialize(DecisionDocument.From(full)))
                {
                    Interlocked.Increment(ref unexplained);
                }
            }
        });

        Assert.True(facts.Count > 99_000);
        Assert.Equal(3, ruleSets.Count);
        Assert.Equal(0, mismatches);
        Assert.Equal(0, unexplained);
    }
}
