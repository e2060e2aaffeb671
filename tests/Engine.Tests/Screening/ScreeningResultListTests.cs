using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Screening;

public sealed class ScreeningResultListTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly May2024 = new(2024, 5, 1);

    private static async Task<(long RunId, ScreeningProgress Progress, List<long> Seen)> ScreenAsync(TestDatabase db, int households, bool watch = false)
    {
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(households, Seed: 5, DefectRate: 0.01), writer);
        }

        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));
        long runId;
        await using (var ctx = db.Context())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress())
                .HandleAsync(ctx, new ScreeningRequest("2020-10", "all", May2024, null, "tester"))).Id;
        }

        var progress = new ScreeningProgress();
        var seen = new List<long>();
        using var stop = new CancellationTokenSource();
        // A thread of its own: the run's deciders take every thread of the pool while a batch is decided.
        var watcher = new Thread(() =>
        {
            while (watch && !stop.IsCancellationRequested)
            {
                if (progress.Of(runId) is { Total: > 0 } p && (seen.Count == 0 || seen[^1] != p.Done))
                {
                    seen.Add(p.Done);
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        watcher.Start();
        await new RunScreening(db.Settings, new RuleSetCatalog(), progress, ScreeningLiveness.Default, TimeProvider.System).HandleAsync(runId);
        await stop.CancelAsync();
        watcher.Join();
        return (runId, progress, seen);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_households_of_an_outcome_are_listed_with_their_reasons_and_their_download_holds_the_same_rows_in_the_same_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (runId, _, _) = await ScreenAsync(db, 3_000);
        await using var ctx = db.Context();
        var largest = await ctx.ScreeningResults.Where(r => r.RunId == runId && r.Outcome != "layak")
            .GroupBy(r => new { r.Program, r.Outcome }).OrderByDescending(g => g.Count()).Select(g => new { g.Key.Program, g.Key.Outcome }).FirstAsync();
        var (program, outcome) = (largest.Program, largest.Outcome);
        var filter = new ScreeningResultFilter(runId, program, outcome);
        var decisions = (await new ScreeningDecisions(new RuleSetCatalog()).ForRunAsync(ctx, runId))!;

        var page = await ListScreeningResults.PageAsync(ctx, decisions, RegionScope.All, filter, 1);
        var second = await ListScreeningResults.PageAsync(ctx, decisions, RegionScope.All, filter, 2);

        Assert.Equal(await ctx.ScreeningResults.CountAsync(r => r.RunId == runId && r.Program == program && r.Outcome == outcome), page.Total);
        Assert.True(page.Total > 2 * ListScreeningResults.PageSize, $"{program}/{outcome}: {page.Total}");
        Assert.Equal(ListScreeningResults.PageSize, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal((program, outcome), (r.Program, r.Outcome)));
        Assert.All(page.Rows, r => Assert.NotEqual(ListScreeningResults.AllCriteriaMet, r.Reasons));
        Assert.Empty(page.Rows.Select(r => r.ResultId).Intersect(second.Rows.Select(r => r.ResultId)));

        using var xlsx = new MemoryStream();
        var written = await ListScreeningResults.Export(ctx, decisions, RegionScope.All, filter).WriteAsync(xlsx, ExportFormat.Xlsx);
        xlsx.Position = 0;
        var sheet = XlsxReadBack.Sheets(xlsx).Values.Single();
        Assert.Equal(page.Total, written);
        Assert.Equal(page.Total + 1, sheet.Count);
        Assert.Equal(ListScreeningResults.Columns.Select(c => c.Header), sheet[0]);
        var pageRows = page.Rows.Concat(second.Rows).ToList();
        for (var i = 0; i < pageRows.Count; i++)
        {
            var row = sheet[i + 1];
            Assert.Equal((pageRows[i].IdDtks, pageRows[i].DesaName, pageRows[i].HeadName, outcome, pageRows[i].Reasons), (row[0], row[3], row[4], row[6], row[9]));
        }

        using var csv = new MemoryStream();
        await ListScreeningResults.Export(ctx, decisions, RegionScope.All, filter).WriteAsync(csv, ExportFormat.Csv);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(page.Total + 1, lines.Length);
        Assert.StartsWith($"\"{pageRows[0].IdDtks}\",", lines[1], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_user_of_one_kabupaten_lists_and_downloads_only_its_households(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (runId, _, _) = await ScreenAsync(db, 3_000);
        await using var ctx = db.Context();
        var sikka = RegionScope.Parse("53.07");
        var decisions = (await new ScreeningDecisions(new RuleSetCatalog()).ForRunAsync(ctx, runId))!;

        var page = await ListScreeningResults.PageAsync(ctx, decisions, sikka, new ScreeningResultFilter(runId), 1);
        var rows = await ListScreeningResults.AllAsync(ctx, decisions, sikka, new ScreeningResultFilter(runId)).ToListAsync();
        var other = await ListScreeningResults.PageAsync(ctx, decisions, sikka, new ScreeningResultFilter(runId, Kabupaten: "53.08"), 1);

        Assert.Equal(await ctx.ScreeningResults.CountAsync(r => r.RunId == runId && r.KabupatenCode == "53.07"), page.Total);
        Assert.True(page.Total > 0);
        Assert.Equal(page.Total, rows.Count);
        Assert.All(rows, r => Assert.Equal("53.07", r.KabupatenCode));
        Assert.Equal(0, other.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_runs_households_sort_by_amount_and_ID_DTKS_and_are_found_by_ID_DTKS_member_name_and_desa_in_the_users_kabupaten(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (runId, _, _) = await ScreenAsync(db, 1_000);
        await using var ctx = db.Context();
        var sikka = RegionScope.Parse("53.07");
        var decisions = (await new ScreeningDecisions(new RuleSetCatalog()).ForRunAsync(ctx, runId))!;
        var program = await ctx.ScreeningResults.Where(r => r.RunId == runId && r.Amount != null).Select(r => r.Program).FirstAsync();
        var someone = await ctx.ScreeningResults.Where(r => r.RunId == runId && r.KabupatenCode == "53.07" && r.Program == program)
            .Join(ctx.Households, r => r.HouseholdId, h => h.Id, (r, h) => h).OrderBy(h => h.Id).Skip(7)
            .Select(h => new { h.Id, h.IdDtks, h.RegionCode, h.NoKk, Name = ctx.Members.Where(m => m.HouseholdId == h.Id).OrderBy(m => m.LineNumber).Select(m => m.Name).First() })
            .FirstAsync();
        var endeDtks = await ctx.ScreeningResults.Where(r => r.RunId == runId && r.KabupatenCode == "53.08")
            .Join(ctx.Households, r => r.HouseholdId, h => h.Id, (r, h) => h.IdDtks).FirstAsync();
        Engine.Listing.PageRequest Request(int page, string? sort) => Engine.Listing.PageRequest.Parse(page, sort);
        ScreeningResultFilter Filter(string? q = null) => new(runId, program, Q: q);

        var page1 = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(), Request(1, null));
        var page2 = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(), Request(2, null));
        var byAmount = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(), Request(1, "-jumlah"));
        var byDtks = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(), Request(1, "id_dtks"));
        var byNumber = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(someone.IdDtks.ToLowerInvariant()), Request(1, null));
        var byPrefix = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(someone.IdDtks[..^1]), Request(1, null));
        var byKk = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(someone.NoKk), Request(1, null));
        var byName = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(someone.Name[..5].ToLowerInvariant()), Request(1, null));
        var desaName = Sejahtera.Engine.Regions.RegionCatalog.Ntt.Find(someone.RegionCode)!.Name;
        var byDesa = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(desaName), Request(1, null));
        var ende = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter(endeDtks), Request(1, null));
        var tooShort = await ListScreeningResults.ListAsync(ctx, decisions, sikka, Filter("ab"), Request(1, null));
        var download = await ListScreeningResults.AllAsync(ctx, decisions, sikka, Filter(desaName)).ToListAsync();

        Assert.Equal(await ctx.ScreeningResults.CountAsync(r => r.RunId == runId && r.KabupatenCode == "53.07" && r.Program == program), page1.Rows.Total);
        Assert.True(page1.Rows.Total > 50, $"{page1.Rows.Total} decisions");
        Assert.Empty(page1.Rows.Items.Select(r => r.ResultId).Intersect(page2.Rows.Items.Select(r => r.ResultId)));
        Assert.Equal(byAmount.Rows.Items.Select(r => r.Amount ?? -1).OrderDescending(), byAmount.Rows.Items.Select(r => r.Amount ?? -1));
        Assert.Equal(("jumlah", true), (byAmount.Rows.Sort, byAmount.Rows.Descending));
        Assert.Equal(byDtks.Rows.Items.Select(r => r.IdDtks).Order(StringComparer.Ordinal), byDtks.Rows.Items.Select(r => r.IdDtks));
        Assert.Equal([someone.Id], byNumber.Rows.Items.Select(r => r.HouseholdId));
        Assert.Contains(byPrefix.Rows.Items, r => r.HouseholdId == someone.Id);
        Assert.All(byPrefix.Rows.Items, r => Assert.StartsWith(someone.IdDtks[..^1], r.IdDtks, StringComparison.Ordinal));
        Assert.Contains(byKk.Rows.Items, r => r.HouseholdId == someone.Id);
        Assert.Contains(byName.Rows.Items, r => r.HouseholdId == someone.Id);
        Assert.Contains(byDesa.Rows.Items, r => r.HouseholdId == someone.Id);
        Assert.All(byDesa.Rows.Items, r => Assert.Contains(desaName, r.DesaName, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(byDesa.Rows.Total, download.Count);
        Assert.Equal(0, ende.Rows.Total);
        Assert.NotNull(tooShort.SearchProblem);
        Assert.Equal(page1.Rows.Total, tooShort.Rows.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_household_shows_its_latest_screening_decisions_rendered_on_read_and_each_replays_identical(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (runId, _, _) = await ScreenAsync(db, 1_000);
        await using var ctx = db.Context();
        var catalog = new RuleSetCatalog();
        var screening = new ScreeningDecisions(catalog);

        // The household with the most members, and one outside the scope asked.
        var household = await ctx.Households.OrderByDescending(h => h.MemberCount).ThenBy(h => h.Id).FirstAsync();
        var members = await ctx.Members.Where(m => m.HouseholdId == household.Id).ToListAsync();
        var shown = await new HouseholdScreening(screening).LatestAsync(ctx, RegionScope.All, household.Id);
        var elsewhere = await new HouseholdScreening(screening).LatestAsync(ctx, RegionScope.Parse(household.KabupatenCode == "53.07" ? "53.08" : "53.07"), household.Id);

        Assert.NotNull(shown);
        Assert.Null(elsewhere);
        Assert.Equal((runId, May2024), (shown.RunId, shown.AsOf));
        Assert.Equal(["bansos-aspd", "bansos-pbi-jk", "bansos-sembako"], shown.Decisions.Select(d => d.Decision.Program));
        foreach (var d in shown.Decisions)
        {
            var eager = (await catalog.InForceAsync(ctx, d.Decision.Program, May2024, default)).Evaluate(Engine.Eligibility.HouseholdFacts.From(household, members), May2024);
            Assert.Equal(RunDecisions.Lines(eager), string.Join('\n', d.Decision.Findings.Select(f => $"{(f.Passed ? "✓" : "✗")} {f.Id}: {f.Because}")));

            var replay = await new ReplayScreeningDecision(screening, catalog).HandleAsync(ctx, d.ResultId, RegionScope.All);
            Assert.True(replay!.Identical, string.Join("; ", replay.Differences));
        }
    }

    [SkippableFact]
    public async Task A_run_reports_progress_while_its_batch_is_evaluated_not_only_at_its_end()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (_, _, seen) = await ScreenAsync(db, 8_000, watch: true);

        // One batch holds the whole registry here: without reports inside it, progress would go from 0 to done.
        Assert.Contains(seen, done => done > 0 && done < 7_900);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public void A_late_report_never_moves_progress_back()
    {
        var progress = new ScreeningProgress();
        progress.Report(1, 500, 1000);
        progress.Report(1, 250, 1000);
        Assert.Equal((500L, 1000L), progress.Of(1));
        progress.Report(1, 0, 2000);
        Assert.Equal((0L, 2000L), progress.Of(1));
    }

    [Fact]
    public void The_reasons_of_a_decision_are_the_sentences_of_its_failed_criteria()
    {
        static Rules.Evaluation.Finding Finding(string id, bool passed, string because) => new(id, id, "A", passed, because, "r", "r", []);
        var runDecisions = new RunDecisions(1, May2024, new Dictionary<string, Rules.Compilation.CompiledRuleSet>());
        var decision = new Rules.Evaluation.Decision("p", "Household", "1", "tidak-layak", null, "1", "h", May2024,
            [Finding("kk", true, "ada KK"), Finding("desil", false, "desil 6 di atas 4"), Finding("umur", false, "umur 17 di bawah 18")]);

        Assert.Equal("desil: desil 6 di atas 4 · umur: umur 17 di bawah 18", runDecisions.Reasons(decision));
        Assert.Equal(ListScreeningResults.AllCriteriaMet, runDecisions.Reasons(decision with { Findings = [Finding("kk", true, "ada KK")] }));
    }
}
