using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Tests.Eligibility;

public sealed class DecisionTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly May2024 = new(2024, 5, 1);

    /// <summary>Four families of one kecamatan, all eligible on their own; the fourth is a PNS.</summary>
    private static string FourFamiliesOnePns(string id = "KUBE-SIKKA-1")
    {
        var members = string.Join(",", Enumerable.Range(1, 4).Select(i =>
            $$"""{"Nik":"53070115068000{{i:00}}","Name":"Anggota {{i}}","BirthDate":"1980-06-15","InDtks":true,"Desil":1,"Occupation":{{(i == 4 ? 5 : 1)}},"HeadOrMainEarner":true,"KecamatanCode":"53.07.01","HasKtp":true,"HasKk":true}"""));
        return $$"""{"Id":"{{id}}","Name":"KUBE Tenun","BusinessType":"tenun","KecamatanCode":"53.07.01","OfficersChosen":true,"HasBankAccount":true,"HasBusinessPlan":true,"HasRecommendation":true,"Members":[{{members}}]}""";
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_stored_decision_replays_identically(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var catalog = new RuleSetCatalog();
        await using var ctx = db.Context();

        var decision = await new EvaluateSubject(catalog, TimeProvider.System).HandleAsync(ctx, "kube", FourFamiliesOnePns(), May2024, "tester");
        var replay = await new ReplayDecision(new RuleSetCatalog()).HandleAsync(ctx, decision.DecisionId!.Value, RegionScope.All, null);

        Assert.Equal("tidak-layak", decision.Outcome);
        Assert.Equal(["jumlah-anggota", "bukan-pns-pensiunan"], decision.Findings.Where(f => !f.Passed).Select(f => f.Id));
        Assert.True(replay!.Identical, string.Join("; ", replay.Differences));
        var stored = await ctx.Decisions.SingleAsync();
        Assert.Equal((decision.RuleSetHash, "tester", May2024), (stored.RuleSetHash, stored.DecidedBy, stored.AsOf));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_tampered_amount_is_caught_by_the_replay_and_reported_in_rupiah(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var decision = await new EvaluateSubject(new RuleSetCatalog(), TimeProvider.System).HandleAsync(ctx, "kube", FourFamiliesOnePns(), May2024, "tester");
        var stored = await ctx.Decisions.SingleAsync();
        stored.Amount = 10_000_000m;
        await ctx.SaveChangesAsync();

        var replay = await new ReplayDecision(new RuleSetCatalog()).HandleAsync(ctx, decision.DecisionId!.Value, RegionScope.All, null);

        Assert.False(replay!.Identical);
        Assert.Equal(["jumlah: Rp 10.000.000 → tanpa jumlah"], replay.Differences);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_new_published_version_changes_new_decisions_but_not_the_replay_of_old_ones(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var catalog = new RuleSetCatalog();
        await using var ctx = db.Context();
        var evaluate = new EvaluateSubject(catalog, TimeProvider.System);
        var old = await evaluate.HandleAsync(ctx, "kube", FourFamiliesOnePns(), May2024, "tester");

        var current = await ctx.RuleSetVersions.SingleAsync(v => v.Program == "kube");
        var yaml = current.Yaml
            .Replace("min_anggota: [{ from: 2019-03-06, value: 5", "min_anggota: [{ from: 2019-03-06, value: 4", StringComparison.Ordinal)
            .Replace("version: \"2019.1\"", "version: \"2024.1\"", StringComparison.Ordinal)
            .Replace("effective_from: 2019-03-06", "effective_from: 2024-01-01", StringComparison.Ordinal);
        Assert.NotEqual(current.Yaml, yaml);
        var compiled = RuleSetCompiler.Compile(yaml, "kube");
        ctx.RuleSetVersions.Add(new RuleSetVersion
        {
            Program = "kube", Version = "2024.1", Title = current.Title, Subject = current.Subject, EffectiveFrom = new DateOnly(2024, 1, 1),
            Yaml = yaml, Hash = compiled.Hash, Status = RuleSetCatalog.Published, Author = "admin", CreatedAt = DateTimeOffset.UtcNow,
        });
        await ctx.SaveChangesAsync();

        var fresh = await evaluate.HandleAsync(ctx, "kube", FourFamiliesOnePns("KUBE-SIKKA-2"), May2024, "tester");
        var before = await evaluate.HandleAsync(ctx, "kube", FourFamiliesOnePns("KUBE-SIKKA-3"), new DateOnly(2023, 12, 31), "tester");
        var replay = await new ReplayDecision(new RuleSetCatalog()).HandleAsync(ctx, old.DecisionId!.Value, RegionScope.All, null);

        Assert.Equal("2024.1", fresh.RuleSetVersion);
        Assert.Equal(["bukan-pns-pensiunan"], fresh.Findings.Where(f => !f.Passed).Select(f => f.Id));
        Assert.Equal("2019.1", before.RuleSetVersion);
        Assert.True(replay!.Identical, string.Join("; ", replay.Differences));
        Assert.Equal("2019.1", replay.Replayed.RuleSetVersion);
        Assert.Contains(replay.Replayed.Findings, f => f.Id == "jumlah-anggota" && !f.Passed);
    }

    [Fact]
    public async Task A_subject_that_does_not_fit_the_program_is_refused_and_nothing_is_stored()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var evaluate = new EvaluateSubject(new RuleSetCatalog(), TimeProvider.System);

        var unknownField = await Assert.ThrowsAsync<RuleEvaluationException>(() => evaluate.HandleAsync(ctx, "kube", """{"Id":"X","Anggota":[]}""", May2024, null));
        var unknownProgram = await Assert.ThrowsAsync<RuleEvaluationException>(() => evaluate.HandleAsync(ctx, "kube-lama", """{"Id":"X"}""", May2024, null));
        var tooEarly = await Assert.ThrowsAsync<RuleEvaluationException>(() => evaluate.HandleAsync(ctx, "kube", FourFamiliesOnePns(), new DateOnly(2010, 1, 1), null));

        Assert.Contains("Anggota", unknownField.Message, StringComparison.Ordinal);
        Assert.Contains("tidak dikenal", unknownProgram.Message, StringComparison.Ordinal);
        Assert.Contains("belum berlaku", tooEarly.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ctx.Decisions.CountAsync());
    }

    [Fact]
    public async Task A_registry_household_is_judged_by_every_household_program_with_explanations()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = new DtksFile()
            .Row("H1", DtksFile.Nik("530701", "120680", 1), r => r["pekerjaan"] = "0")
            .Row("H1", DtksFile.Nik("530701", "450385", 1), r => { r["hubungan_krt"] = "2"; r["disabilitas"] = "2"; r["pekerjaan"] = "0"; })
            .WriteTo(db.Folder);
        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));
        await using var ctx = db.Context();
        var id = await ctx.Households.Select(h => h.Id).SingleAsync();

        var programs = await new HouseholdEligibility(new RuleSetCatalog()).HandleAsync(ctx, RegionScope.All, id, May2024);
        var outOfScope = await new HouseholdEligibility(new RuleSetCatalog()).HandleAsync(ctx, RegionScope.Parse("53.08"), id, May2024);

        Assert.Null(outOfScope);
        Assert.Equal(["bansos-aspd", "bansos-pbi-jk", "bansos-sembako"], programs!.Select(p => p.Program).Order());
        Assert.All(programs!, p => Assert.NotEmpty(p.Decision!.Findings));
        var aspd = programs!.Single(p => p.Program == "bansos-aspd").Decision!;
        Assert.Equal("layak", aspd.Outcome);
        Assert.Equal(300_000m, aspd.Amount);
        Assert.Equal(0, await ctx.Decisions.CountAsync());
    }
}
