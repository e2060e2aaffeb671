using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Screening.Quotas;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Tests.Screening;

public sealed class QuotaAllocationTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private const string Kab = "53.07";
    private const string OtherKab = "53.01";
    private static readonly string[] AdminRoles = [WorkflowRoles.Admin];

    /// <summary>One household of the test run: its id, desil, members, outcome and amount.</summary>
    private sealed record H(long Id, int Desil, int Members, string Outcome, decimal? Amount = null, string Kabupaten = Kab);

    private static async Task<long> RunWithAsync(SejahteraDbContext ctx, string program, params H[] households)
    {
        var snapshot = new DtksSnapshot { Period = "2025-06", SourceFileName = "uji.csv", SourceSha256 = new string('0', 64) };
        ctx.Snapshots.Add(snapshot);
        var run = new ScreeningRun { Period = "2025-06", Programs = program, AsOf = new DateOnly(2025, 6, 1), Status = ScreeningStatus.Done, RequestedBy = "uji" };
        ctx.ScreeningRuns.Add(run);
        await ctx.SaveChangesAsync();
        foreach (var h in households)
        {
            var desa = Sejahtera.Engine.Regions.RegionCatalog.Ntt.DesaByKabupaten[h.Kabupaten][0].Code;
            ctx.Households.Add(new Household { Id = h.Id, SnapshotId = snapshot.Id, IdDtks = $"DTKS{h.Id:D6}", RegionCode = desa, KabupatenCode = h.Kabupaten, NoKk = $"{h.Id:D16}", Desil = h.Desil, MemberCount = h.Members });
            ctx.ScreeningResults.Add(new ScreeningResult { Id = run.Id * 1000 + h.Id, RunId = run.Id, HouseholdId = h.Id, KabupatenCode = h.Kabupaten, Program = program, Outcome = h.Outcome, Amount = h.Amount, SentenceValues = [] });
        }
        await ctx.SaveChangesAsync();
        return run.Id;
    }

    private static Task SetAsync(SejahteraDbContext ctx, string program, string kabupaten, int? quota, string[]? roles = null) =>
        new SetScreeningQuota(TimeProvider.System).HandleAsync(ctx, new QuotaEntry(program, kabupaten, quota), "uji", roles ?? AdminRoles);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Desil_1_and_2_take_slots_first_and_desil_3_fills_the_rest_by_desil_then_members_then_household_id(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var runId = await RunWithAsync(ctx, QuotaPrograms.Sembako,
            new H(1, 1, 3, "layak"), new H(2, 2, 1, "layak"),
            new H(10, 3, 2, "layak-dalam-kuota"), new H(11, 3, 5, "layak-dalam-kuota"), new H(12, 3, 5, "layak-dalam-kuota"),
            new H(13, 3, 4, "layak-dalam-kuota"), new H(20, 5, 9, "tidak-layak"),
            new H(30, 3, 9, "layak-dalam-kuota", Kabupaten: OtherKab));
        await SetAsync(ctx, QuotaPrograms.Sembako, Kab, 5);

        var page = await QuotaAllocation.PlacesAsync(ctx, RegionScope.All, runId, QuotaPrograms.Sembako, Kab, 1);

        Assert.NotNull(page);
        Assert.Equal((5, 2L, 4L, 3L, 1L, false), (page.Use.Quota, page.Use.Eligible, page.Use.WithinQuota, page.Use.Given, page.Use.Waiting, page.Use.Exceeded));
        // Members 5, 5 (tie: the lower household id first), 4, then 2.
        Assert.Equal([11L, 12L, 13L, 10L], page.Places.Select(p => p.HouseholdId));
        Assert.Equal([3L, 4L, 5L, 6L], page.Places.Select(p => p.Rank));
        Assert.Equal(["masuk kuota", "masuk kuota", "masuk kuota", "menunggu"], page.Places.Select(p => p.Status));
        var uses = await QuotaAllocation.UsesAsync(ctx, RegionScope.All, runId, QuotaPrograms.Sembako);
        Assert.Equal([Kab], uses.Select(u => u.KabupatenCode));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Pbi_jk_breaks_ties_by_the_members_who_qualify_not_by_all_members(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        // Household 10 has more members, but only 1 qualifies (Rp 42.000); household 11 has 3 who qualify.
        var runId = await RunWithAsync(ctx, QuotaPrograms.PbiJk,
            new H(10, 3, 6, "layak-dalam-kuota", 42_000m), new H(11, 3, 3, "layak-dalam-kuota", 126_000m), new H(12, 3, 3, "layak-dalam-kuota", 126_000m));
        await SetAsync(ctx, QuotaPrograms.PbiJk, Kab, 1);

        var page = await QuotaAllocation.PlacesAsync(ctx, RegionScope.All, runId, QuotaPrograms.PbiJk, Kab, 1);

        Assert.Equal([11L, 12L, 10L], page!.Places.Select(p => p.HouseholdId));
        Assert.Equal([true, false, false], page.Places.Select(p => p.In));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_quota_smaller_than_the_desil_1_and_2_households_is_exceeded_they_stay_eligible_and_every_desil_3_household_waits(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var runId = await RunWithAsync(ctx, QuotaPrograms.Sembako,
            new H(1, 1, 3, "layak"), new H(2, 2, 1, "layak"), new H(3, 2, 1, "layak"), new H(10, 3, 2, "layak-dalam-kuota"));
        await SetAsync(ctx, QuotaPrograms.Sembako, Kab, 2);

        var page = await QuotaAllocation.PlacesAsync(ctx, RegionScope.All, runId, QuotaPrograms.Sembako, Kab, 1);

        Assert.True(page!.Use.Exceeded);
        Assert.Equal((3L, 2L, 0L, 1L), (page.Use.Eligible, page.Use.UsedByEligible, page.Use.Given, page.Use.Waiting));
        Assert.Equal([(4L, false)], page.Places.Select(p => (p.Rank, p.In)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_negative_quota_an_unknown_program_or_kabupaten_or_a_role_that_may_not_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        await SetAsync(ctx, QuotaPrograms.Sembako, Kab, 7);
        var audit = await ctx.AuditEntries.CountAsync();

        var negative = await Assert.ThrowsAsync<QuotaRefusedException>(() => SetAsync(ctx, QuotaPrograms.Sembako, Kab, -1));
        var program = await Assert.ThrowsAsync<QuotaRefusedException>(() => SetAsync(ctx, "pkh", Kab, 3));
        var kabupaten = await Assert.ThrowsAsync<QuotaRefusedException>(() => SetAsync(ctx, QuotaPrograms.Sembako, "99.99", 3));
        await Assert.ThrowsAsync<AccessRefusedException>(() => SetAsync(ctx, QuotaPrograms.Sembako, Kab, 3, [WorkflowRoles.Operator]));

        Assert.Contains("tidak boleh negatif", negative.Message);
        Assert.Contains("tidak memakai kuota", program.Message);
        Assert.Contains("tidak dikenal", kabupaten.Message);
        await using var fresh = db.Context();
        Assert.Equal(7, (await fresh.ScreeningQuotas.SingleAsync()).Quota);
        Assert.Equal(audit, await fresh.AuditEntries.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_changed_quota_replaces_the_old_one_and_the_audit_log_keeps_both_values(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        await SetAsync(ctx, QuotaPrograms.PbiJk, Kab, 100);
        await SetAsync(ctx, QuotaPrograms.PbiJk, Kab, 120, [WorkflowRoles.KepalaDinas]);

        await using var fresh = db.Context();
        Assert.Equal(120, (await fresh.ScreeningQuotas.SingleAsync()).Quota);
        var entries = await fresh.AuditEntries.Where(e => e.Action == "screening.quota.set").OrderBy(e => e.Id).Select(e => e.Details).ToListAsync();
        Assert.Equal(["kuota sebelum: belum ada; sesudah: 100", "kuota sebelum: 100; sesudah: 120"], entries);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_kabupaten_outside_the_users_scope_or_without_a_quota_has_no_allocation(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var runId = await RunWithAsync(ctx, QuotaPrograms.Sembako, new H(10, 3, 2, "layak-dalam-kuota"), new H(30, 3, 2, "layak-dalam-kuota", Kabupaten: OtherKab));
        await SetAsync(ctx, QuotaPrograms.Sembako, Kab, 1);

        Assert.Null(await QuotaAllocation.PlacesAsync(ctx, RegionScope.Parse(OtherKab), runId, QuotaPrograms.Sembako, Kab, 1));
        Assert.Null(await QuotaAllocation.PlacesAsync(ctx, RegionScope.All, runId, QuotaPrograms.Sembako, OtherKab, 1));
        Assert.Empty(await QuotaAllocation.UsesAsync(ctx, RegionScope.Parse(OtherKab), runId, QuotaPrograms.Sembako));
    }
}
