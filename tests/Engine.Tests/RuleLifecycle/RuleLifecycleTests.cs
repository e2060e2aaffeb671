using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.RuleLifecycle;

public sealed class RuleLifecycleTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly TimeProvider Clock = TimeProvider.System;

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_draft_with_a_failing_test_cannot_be_published_its_author_cannot_publish_it_a_publisher_can_and_the_audit_shows_both(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var catalog = new RuleSetCatalog();
        var save = new SaveDraft(Clock);
        var test = new TestDraft(catalog, Clock, RuleRunBudget.Default);
        var publish = new PublishRuleSet(catalog, Clock, RuleRunBudget.Default);

        var draft = await save.StartAsync(ctx, "kube", "admin");
        // Raise the age limit from 2025 on; the tests as of 2024 keep passing, except the one edited to fail.
        var raised = draft.Yaml.Replace("umur_maks: [{ from: 2019-03-06, value: 60, ref: praktik-kube }]",
            "umur_maks: [{ from: 2019-03-06, value: 60, ref: praktik-kube }, { from: 2025-01-01, value: 65, ref: praktik-kube }]", StringComparison.Ordinal);
        Assert.NotEqual(draft.Yaml, raised);
        var broken = raised.Replace("expect: { outcome: tidak-layak, failed: [umur-anggota] }", "expect: { outcome: layak, failed: [umur-anggota] }", StringComparison.Ordinal);
        await save.SaveAsync(ctx, draft.Id, broken, "admin");

        var failing = await test.HandleAsync(ctx, draft.Id);
        Assert.Contains(failing, r => !r.Passed);
        var notTested = await Assert.ThrowsAsync<RuleLifecycleException>(() => publish.PublishAsync(ctx, draft.Id, "penerbit", ["rule-publisher"]));
        Assert.Contains("lulus semua uji", notTested.Message, StringComparison.Ordinal);

        var saved = await save.SaveAsync(ctx, draft.Id, raised, "admin");
        Assert.Empty(saved.Problems);
        Assert.All(await test.HandleAsync(ctx, draft.Id), r => Assert.True(r.Passed, r.Failure));
        var byAuthor = await Assert.ThrowsAsync<RuleLifecycleException>(() => publish.PublishAsync(ctx, draft.Id, "admin", ["rule-publisher"]));
        Assert.Contains("Penulis draf tidak boleh", byAuthor.Message, StringComparison.Ordinal);
        var byOperator = await Assert.ThrowsAsync<RuleLifecycleException>(() => publish.PublishAsync(ctx, draft.Id, "operator.sikka", ["operator"]));
        Assert.Contains("yang boleh: Penerbit aturan", byOperator.Message, StringComparison.Ordinal);

        var published = await publish.PublishAsync(ctx, draft.Id, "penerbit", ["rule-publisher"]);

        Assert.Equal((RuleStatus.Published, "penerbit"), (published.Status, published.PublishedBy));
        var audit = await ctx.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["rule-set.publish-refused", "rule-set.publish-refused", "rule-set.publish-refused", "rule-set.publish"], audit.Select(a => a.Action));
        Assert.Equal(["penerbit", "admin", "operator.sikka", "penerbit"], audit.Select(a => a.Actor));
        Assert.Contains("umur_maks", audit[^1].Details, StringComparison.Ordinal);
        Assert.True((await AuditLog.VerifyAsync(ctx, default)).Intact);
        // A new draft takes effect tomorrow: until then the version before it stays in force.
        Assert.True(draft.EffectiveFrom > DateOnly.FromDateTime(Clock.GetLocalNow().Date));
        Assert.Equal(draft.Version, (await catalog.InForceAsync(ctx, "kube", draft.EffectiveFrom, default)).Version);
        Assert.Equal("2019.1", (await catalog.InForceAsync(ctx, "kube", draft.EffectiveFrom.AddDays(-1), default)).Version);
    }

    [Fact]
    public async Task A_changed_or_deleted_audit_entry_is_detected()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        for (var i = 0; i < 4; i++)
        {
            await AuditLog.AppendAsync(ctx, DateTimeOffset.UtcNow, "admin", "test", $"entri {i}", "{}", default);
        }

        Assert.True((await AuditLog.VerifyAsync(ctx, default)).Intact);
        await ctx.AuditEntries.Where(e => e.Id == 2).ExecuteUpdateAsync(u => u.SetProperty(e => e.Details, "{\"diubah\":true}"));
        var changed = await AuditLog.VerifyAsync(ctx, default);
        await ctx.AuditEntries.Where(e => e.Id == 2).ExecuteDeleteAsync();
        var deleted = await AuditLog.VerifyAsync(ctx, default);

        Assert.Equal((false, 2L), (changed.Intact, changed.FirstBrokenId));
        Assert.Equal((false, 3L), (deleted.Intact, deleted.FirstBrokenId));
    }

    [Fact]
    public async Task Two_versions_are_compared_by_criteria_and_parameters()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var catalog = new RuleSetCatalog();
        var draft = await new SaveDraft(Clock).StartAsync(ctx, "bansos-sembako", "admin");
        var edited = draft.Yaml.Replace("- { from: 2019-01-01, value: 4, ref: dtks }", "- { from: 2019-01-01, value: 3, ref: dtks }", StringComparison.Ordinal);
        Assert.NotEqual(draft.Yaml, edited);
        await new SaveDraft(Clock).SaveAsync(ctx, draft.Id, edited, "admin");
        var published = await ctx.RuleSetVersions.SingleAsync(v => v.Program == "bansos-sembako" && v.Status == RuleStatus.Published);
        var changed = await ctx.RuleSetVersions.SingleAsync(v => v.Id == draft.Id);

        var diff = CompareRuleSets.Compare(catalog.Compile(published).Document, catalog.Compile(changed).Document);

        Assert.Contains(diff.Lines, l => l.StartsWith("~ parameter desil_maks: 4 sejak", StringComparison.Ordinal) && l.Contains("→ 3 sejak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_that_does_not_validate_is_kept_with_its_problems_and_cannot_be_tested()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");

        var result = await save.SaveAsync(ctx, draft.Id, draft.Yaml.Replace("m => m.InDtks", "m => Environment.Exit(0) == null", StringComparison.Ordinal), "admin");

        Assert.Equal(RuleStatus.Draft, result.Draft.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("kriteria anggota-dtks", problem.Element);
        await Assert.ThrowsAsync<RuleLifecycleException>(() => new TestDraft(new RuleSetCatalog(), TimeProvider.System, RuleRunBudget.Default).HandleAsync(ctx, draft.Id));
    }
}
