using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Tests.RuleLifecycle;

/// <summary>The parameter form, dated versions and the one ordering of versions shared by the engine and the pages.</summary>
public sealed class ParameterValueTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().Date);

    private static async Task<RuleSetVersion> PublishAsync(SejahteraDbContext ctx, long id, string? reason = null)
    {
        var catalog = new RuleSetCatalog();
        Assert.All(await new TestDraft(catalog, Clock, RuleRunBudget.Default).HandleAsync(ctx, id), r => Assert.True(r.Passed, r.Failure));
        return await new PublishRuleSet(catalog, Clock, RuleRunBudget.Default).PublishAsync(ctx, id, "penerbit", ["rule-publisher"], reason);
    }

    private static readonly Household ThreePeople = new()
    {
        Id = "RT-1", Desil = 1,
        Members =
        [
            new Person { Nik = "5301041203800001", Name = "Yakobus Nenotek", BirthDate = new DateOnly(1980, 3, 12) },
            new Person { Nik = "5301045507820002", Name = "Maria Nenotek", Sex = "P", BirthDate = new DateOnly(1982, 7, 15) },
        ],
    };

    [Fact]
    public async Task An_admin_adds_a_new_Sembako_amount_from_a_future_date_without_touching_YAML_and_the_new_version_applies_from_that_day()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "bansos-sembako", "admin");
        var from = Today.AddDays(45);

        var result = await new AddParameterValue(save).HandleAsync(ctx, draft.Id,
            new ParameterValueRequest("bantuan_per_bulan", from, "250.000", "besaran-sembako", null, VersionFromSameDate: true), "admin");
        var published = await PublishAsync(ctx, draft.Id);

        Assert.Empty(result.Problems);
        Assert.Contains($"    - {{ from: {from:yyyy-MM-dd}, value: 250000, ref: besaran-sembako }}\n", result.Draft.Yaml, StringComparison.Ordinal);
        Assert.Equal(from, published.EffectiveFrom);
        var catalog = new RuleSetCatalog();
        Assert.Equal(200_000m, (await catalog.InForceAsync(ctx, "bansos-sembako", from.AddDays(-1), default)).Evaluate(ThreePeople, from.AddDays(-1)).Amount);
        var after = (await catalog.InForceAsync(ctx, "bansos-sembako", from, default)).Evaluate(ThreePeople, from);
        Assert.Equal((draft.Version, 250_000m), (after.RuleSetVersion, after.Amount));
        var (shown, scheduled) = (await RuleSetCatalog.ByProgramAsync(ctx, Today, default)).Single(p => p.Shown.Program == "bansos-sembako");
        Assert.Equal("2019.1", shown.Version);
        Assert.Equal([(draft.Version, from)], scheduled.Select(v => (v.Version, v.EffectiveFrom)));
    }

    [Fact]
    public async Task A_new_age_limit_with_a_new_legal_basis_goes_into_a_one_line_list_and_every_title_naming_the_limit_follows()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "kube", "admin");
        var from = Today.AddDays(10);

        var result = await new AddParameterValue(save).HandleAsync(ctx, draft.Id,
            new ParameterValueRequest("umur_maks", from, "65", "pergub-ntt-kube", "Peraturan Gubernur NTT tentang KUBE (contoh)", VersionFromSameDate: true), "admin");

        Assert.Empty(result.Problems);
        Assert.Contains($"umur_maks: [{{ from: 2019-03-06, value: 60, ref: praktik-kube }}, {{ from: {from:yyyy-MM-dd}, value: 65, ref: pergub-ntt-kube }}]", result.Draft.Yaml, StringComparison.Ordinal);
        Assert.Contains("  pergub-ntt-kube: \"Peraturan Gubernur NTT tentang KUBE (contoh)\"\n", result.Draft.Yaml, StringComparison.Ordinal);
        Assert.Matches(new Regex($"(?m)^effective_from: {from:yyyy-MM-dd}$"), result.Draft.Yaml);
        var compiled = new RuleSetCatalog().Compile(result.Draft);
        var age = compiled.Document.Criteria.ToList().FindIndex(c => c.Id == "umur-anggota");
        Assert.Equal("Anggota berumur 18–60 tahun", compiled.TitlesOn(from.AddDays(-1))[age]);
        Assert.Equal("Anggota berumur 18–65 tahun", compiled.TitlesOn(from)[age]);
    }

    [Theory]
    [InlineData("bantuan_per_bulan", "dua ratus ribu", "besaran-sembako", "bukan angka")]
    [InlineData("bantuan_per_bulan", "-5", "besaran-sembako", "bukan angka")]
    [InlineData("bantuan_sebulan", "250000", "besaran-sembako", "Parameter 'bantuan_sebulan' tidak ada")]
    [InlineData("bantuan_per_bulan", "250000", "kepmensos-2099", "Dasar hukum 'kepmensos-2099' tidak ada")]
    public async Task Bad_input_in_the_parameter_form_is_refused_with_the_reason_and_the_draft_is_unchanged(string parameter, string value, string reference, string message)
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "bansos-sembako", "admin");

        var refused = await Assert.ThrowsAsync<RuleLifecycleException>(() => new AddParameterValue(save).HandleAsync(ctx, draft.Id,
            new ParameterValueRequest(parameter, Today.AddDays(30), value, reference, null, VersionFromSameDate: true), "admin"));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(draft.Yaml, (await ctx.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == draft.Id)).Yaml);
    }

    [Fact]
    public async Task A_second_value_on_a_date_that_already_has_one_is_refused()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "bansos-sembako", "admin");

        var refused = await Assert.ThrowsAsync<RuleLifecycleException>(() => new AddParameterValue(save).HandleAsync(ctx, draft.Id,
            new ParameterValueRequest("bantuan_per_bulan", new DateOnly(2020, 3, 1), "250000", "besaran-sembako", null, VersionFromSameDate: true), "admin"));

        Assert.Contains("sudah punya nilai sejak 01/03/2020", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_effective_in_the_past_is_published_only_with_a_stated_reason_which_the_audit_keeps()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var draft = await save.StartAsync(ctx, "bansos-aspd", "admin");
        Assert.True(draft.EffectiveFrom > Today);
        var past = Today.AddDays(-20);
        await save.SaveAsync(ctx, draft.Id, Regex.Replace(draft.Yaml, "(?m)^effective_from: .*$", $"effective_from: {past:yyyy-MM-dd}"), "admin");

        var silent = await Assert.ThrowsAsync<RuleLifecycleException>(() => PublishAsync(ctx, draft.Id));
        var published = await PublishAsync(ctx, draft.Id, "Koreksi data penerima sejak awal bulan (nota dinas 12/2026)");

        Assert.Contains("berlaku surut", silent.Message, StringComparison.Ordinal);
        Assert.Equal(past, published.EffectiveFrom);
        var audit = await ctx.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Action, e.Details }).ToListAsync();
        Assert.Equal(["rule-set.publish-refused", "rule-set.publish"], audit.Select(a => a.Action));
        Assert.Contains("Koreksi data penerima sejak awal bulan", audit[1].Details, StringComparison.Ordinal);
        Assert.Contains("\"retroactive\":true", audit[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_versions_published_with_the_same_effective_date_the_engine_and_the_pages_use_the_later_published()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var save = new SaveDraft(Clock);
        var first = await save.StartAsync(ctx, "bansos-sembako", "admin");
        await PublishAsync(ctx, first.Id);
        var second = await save.StartAsync(ctx, "bansos-sembako", "admin");
        var yaml = Regex.Replace(second.Yaml, "(?m)^effective_from: .*$", $"effective_from: {first.EffectiveFrom:yyyy-MM-dd}")
            .Replace("value: 200000", "value: 210000", StringComparison.Ordinal)
            .Replace("amount: 200000", "amount: 210000", StringComparison.Ordinal);
        await save.SaveAsync(ctx, second.Id, yaml, "admin");
        await PublishAsync(ctx, second.Id);

        var engine = await new RuleSetCatalog().InForceAsync(ctx, "bansos-sembako", first.EffectiveFrom, default);
        var page = (await RuleSetCatalog.ByProgramAsync(ctx, first.EffectiveFrom, default)).Single(p => p.Shown.Program == "bansos-sembako");

        Assert.Equal(second.Version, engine.Version);
        Assert.Equal(second.Version, page.Shown.Version);
        Assert.Equal(210_000m, engine.Evaluate(ThreePeople, first.EffectiveFrom).Amount);
    }
}
