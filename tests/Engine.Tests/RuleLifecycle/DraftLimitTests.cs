using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.RuleLifecycle;

/// <summary>Drafts that would cost the host too much: refused when saved, or stopped when run.</summary>
public sealed class DraftLimitTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;
    private static readonly DateOnly May2024 = new(2024, 5, 1);

    /// <summary>A condition that is allowed (every step walks the subject's members) but nests <paramref name="depth"/> loops: members^depth steps.</summary>
    private static string Nested(int depth)
    {
        var inner = $"x{depth - 1}.Occupation >= 0";
        for (var i = depth - 1; i >= 0; i--)
        {
            inner = $"s.Members.Count(x{i} => {inner}) >= 0";
        }

        return inner;
    }

    [Fact]
    public async Task Saving_a_draft_of_50000_nested_brackets_is_refused_with_a_reason_and_the_stored_draft_is_unchanged()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");
        var before = draft.Yaml;

        var refused = await Assert.ThrowsAsync<RuleLifecycleException>(() =>
            save.SaveAsync(ctx, draft.Id, "program: kube\nversion: \"9\"\ncriteria: " + new string('[', 50_000), "admin"));

        Assert.StartsWith("Draf tidak disimpan: YAML ditolak: daftar atau pemetaan bersarang terlalu dalam: lebih dari 32 tingkat (baris 3, kolom ", refused.Message, StringComparison.Ordinal);
        ctx.ChangeTracker.Clear();
        Assert.Equal(before, (await ctx.RuleSetVersions.SingleAsync(v => v.Id == draft.Id)).Yaml);
    }

    [Fact]
    public async Task Saving_an_alias_bomb_as_a_new_draft_is_refused_within_seconds_and_nothing_is_stored()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");
        var bomb = new StringBuilder("bomb:\n  a0: &b0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= 7; i++)
        {
            bomb.Append($"  a{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]\n");
        }

        var yaml = bomb + draft.Yaml.Replace("version: \"", "version: \"bom-", StringComparison.Ordinal)
            .Replace("given: &ok\n", "given: &ok\n      Bomb: *b7\n", StringComparison.Ordinal);
        Assert.Contains("Bomb: *b7", yaml, StringComparison.Ordinal);
        var watch = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<RuleLifecycleException>(() => save.SaveAsync(ctx, null, yaml, "admin"));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
        Assert.Contains("dokumen terlalu besar setelah alias diuraikan", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ctx.RuleSetVersions.CountAsync(v => v.Program == "kube" && v.Status != RuleStatus.Published));
    }

    public static TheoryData<string, string> UnboundedExpressions => new()
    {
        { "Enumerable.Range(0, 100000).Count(i => Enumerable.Range(0, 100000).Any(j => i == j)) > 0", "pemanggilan Enumerable.Range tidak diizinkan dalam aturan" },
        { "\"a\".PadLeft(1000000000).Length > 0", "pemanggilan String.PadLeft tidak diizinkan dalam aturan" },
        { "Enumerable.Range(0, 300000000).ToList().Count > 0", "pemanggilan Enumerable.ToList tidak diizinkan dalam aturan" },
    };

    [Theory]
    [MemberData(nameof(UnboundedExpressions))]
    public async Task A_draft_with_an_unbounded_expression_is_saved_not_valid_naming_the_criterion_and_line(string expression, string reason)
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");
        var yaml = draft.Yaml.Replace("when: 's.Members.All(m => m.InDtks)'", $"when: '{expression}'", StringComparison.Ordinal);

        var result = await save.SaveAsync(ctx, draft.Id, yaml, "admin");

        Assert.Equal(RuleStatus.Draft, result.Draft.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("kriteria anggota-dtks", problem.Element);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains(expression, StringComparison.Ordinal)) + 1, problem.Position.Line);
        Assert.StartsWith(reason, problem.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RuleLifecycleException>(() => new TestDraft(new RuleSetCatalog(), Clock, RuleRunBudget.Default).HandleAsync(ctx, draft.Id));
    }

    [Fact]
    public async Task A_draft_test_that_runs_past_its_budget_is_stopped_with_a_reason_and_the_draft_is_not_tested()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");
        var saved = await save.SaveAsync(ctx, draft.Id, draft.Yaml.Replace("when: 's.Members.All(m => m.InDtks)'", $"when: '{Nested(14)}'", StringComparison.Ordinal), "admin");
        Assert.Equal(RuleStatus.Validated, saved.Draft.Status);
        var test = new TestDraft(new RuleSetCatalog(), Clock, RuleRunBudget.Default with { Tests = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();

        var stopped = await Assert.ThrowsAsync<RuleLifecycleException>(() => test.HandleAsync(ctx, draft.Id));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
        Assert.StartsWith("Uji draf dihentikan setelah 1 detik (batas waktu evaluasi draf).", stopped.Message, StringComparison.Ordinal);
        ctx.ChangeTracker.Clear();
        Assert.Equal(RuleStatus.Validated, (await ctx.RuleSetVersions.SingleAsync(v => v.Id == draft.Id)).Status);
    }

    private static async Task<long> HeavySembakoDraftAsync(TestDatabase db)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(300, Seed: 3, DefectRate: 0), writer);
        }

        await new DtksImporter(db.Settings, Clock).ImportAsync(new ImportRequest(path));
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "bansos-sembako", "admin");
        var saved = await save.SaveAsync(ctx, draft.Id, draft.Yaml.Replace("when: 's.Members.Count > 0'", $"when: '{Nested(14)}'", StringComparison.Ordinal), "admin");
        Assert.Equal(RuleStatus.Validated, saved.Draft.Status);
        return draft.Id;
    }

    [Fact]
    public async Task A_dry_run_that_runs_past_its_budget_is_stopped_with_a_reason()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await HeavySembakoDraftAsync(db);
        await using var ctx = db.Context();
        var dryRun = new DryRun(new RuleSetCatalog(), new RegistryFacts(), Clock, RuleRunBudget.Default with { DryRun = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();

        var stopped = await Assert.ThrowsAsync<RuleLifecycleException>(() => dryRun.HandleAsync(ctx, id, May2024));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{watch.Elapsed}");
        Assert.StartsWith("Dry-run dihentikan setelah 1 detik (batas waktu evaluasi draf).", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_stops_as_soon_as_its_request_is_cancelled_long_before_its_budget()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await HeavySembakoDraftAsync(db);
        await using var ctx = db.Context();
        var dryRun = new DryRun(new RuleSetCatalog(), new RegistryFacts(), Clock, RuleRunBudget.Default with { DryRun = TimeSpan.FromMinutes(10) });
        using var request = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dryRun.HandleAsync(ctx, id, May2024, request.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }
}
