using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Support;
using Xunit;

namespace Sejahtera.Engine.Tests.Indicators;

public sealed class MonthlyComputationTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly IndicatorActor Staff = new("staf.rehsos", ["staf-bidang"], Bidang.Rehsos);
    private static readonly IndicatorActor Kabid = new("kabid.rehsos", ["kepala-bidang"], Bidang.Rehsos);

    /// <summary>WITA wall-clock time as the UTC instant the server's clock would show.</summary>
    private static DateTimeOffset Wita(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static async Task VerifiedValueAsync(IndicatorSetup setup, SejahteraDbContext ctx, string code, int year, int month, decimal value)
    {
        var entered = await setup.Values.EnterAsync(ctx, new IndicatorValueEntry(code, year, month, value, "daftar hadir bimtek", "hadir.png", IndicatorSetup.Png), Staff);
        await setup.Values.DecideAsync(ctx, entered.Id, verify: true, reason: null, Kabid);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_monthly_job_snapshots_the_month_only_once_it_has_ended_in_WITA_catches_up_missed_months_and_keeps_revisions(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Wita(2026, 8, 20, 9, 0));
        var setup = new IndicatorSetup(db.Settings, time);
        await using (var ctx = db.Context())
        {
            await setup.Catalog.SeedAsync(ctx);
            await setup.Catalog.HandleAsync(ctx, """
                source: "Renstra 2025-2029 (uji)"
                indicators:
                  - { code: PS-12, program: PEMBERDAYAAN, kegiatan: "Pemberdayaan Potensi Sumber Kesejahteraan Sosial Provinsi",
                      name: "Jumlah Lembaga Kesejahteraan Sosial yang mendapatkan bantuan sosial", unit: lembaga, targets: { 2026: 60 }, pj: "Bidang Rehabilitasi Sosial", measure: manual }
                """, "admin");
            await VerifiedValueAsync(setup, ctx, "PS-12", 2026, 7, 12);
            Assert.Equal([new ComputedMonth(2026, 7, 1, (await ctx.Indicators.CountAsync(i => i.Measure != "manual")) + 1)], await setup.Compute.CatchUpAsync(ctx, "sistem"));
        }

        // 31 August, 23:30 WITA (15:30 UTC): August has not ended; nothing is due.
        time.SetUtcNow(Wita(2026, 8, 31, 23, 30));
        Assert.Equal((2026, 7), setup.Compute.LastCompleteMonth());
        Assert.Empty(await setup.Compute.RunAsync(CancellationToken.None));

        // 1 September, 01:00 WITA — still 31 August in UTC (17:00): August is computed.
        time.SetUtcNow(Wita(2026, 9, 1, 1, 0));
        await using (var ctx = db.Context())
        {
            await VerifiedValueAsync(setup, ctx, "PS-12", 2026, 8, 9);
        }
        var august = Assert.Single(await setup.Compute.RunAsync(CancellationToken.None));
        Assert.Equal((2026, 8, 1), (august.Year, august.Month, august.Revision));
        await using (var ctx = db.Context())
        {
            var snapshot = await ctx.IndicatorSnapshots.SingleAsync(s => s.IndicatorCode == "PS-12" && s.Year == 2026 && s.Month == 8);
            Assert.Equal((9m, 21m, 60m, 35), (snapshot.MonthValue, snapshot.YearToDate, snapshot.Target!.Value, snapshot.Ratio!.Value));
            Assert.False(snapshot.OnTrack);   // 21 of the 40 that eight months of 60 call for
            Assert.Equal("sistem", snapshot.ComputedBy);
        }

        // The server is down through September and October; on 3 November both are caught up, oldest first.
        time.SetUtcNow(Wita(2026, 11, 3, 8, 0));
        var caughtUp = await setup.Compute.RunAsync(CancellationToken.None);
        Assert.Equal([(2026, 9), (2026, 10)], caughtUp.Select(c => (c.Year, c.Month)));
        Assert.Empty(await setup.Compute.RunAsync(CancellationToken.None));

        // A late correction for August: a recompute needs a reason and adds revision 2, keeping revision 1.
        await using (var ctx = db.Context())
        {
            var again = await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Compute.ComputeAsync(ctx, 2026, 8, "perencana", reason: null));
            Assert.Contains("memerlukan alasan", again.Message);
            await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Compute.ComputeAsync(ctx, 2026, 11, "perencana", "coba"));

            await VerifiedValueAsync(setup, ctx, "PS-12", 2026, 8, 11);
            var revision = await setup.Compute.ComputeAsync(ctx, 2026, 8, "perencana", "koreksi nilai Agustus PS-12 dari bidang");
            Assert.Equal(2, revision.Revision);
        }
        await using (var check = db.Context())
        {
            var revisions = await check.IndicatorSnapshots.Where(s => s.IndicatorCode == "PS-12" && s.Year == 2026 && s.Month == 8).OrderBy(s => s.Revision).ToListAsync();
            Assert.Equal([(1, 21m, (string?)null), (2, 23m, "koreksi nilai Agustus PS-12 dari bidang")], revisions.Select(r => (r.Revision, r.YearToDate, r.Reason)));
            Assert.Contains(await check.AuditEntries.Where(a => a.Action == "indicators.compute").Select(a => a.Details).ToListAsync(),
                d => d.Contains("revisi 2", StringComparison.Ordinal) && d.Contains("koreksi", StringComparison.Ordinal));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_manual_value_counts_only_after_another_Kepala_Bidang_of_its_bidang_verifies_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, new FakeTimeProvider(Wita(2023, 5, 10, 9, 0)));
        await using var ctx = db.Context();
        await setup.Catalog.SeedAsync(ctx);
        var ps12 = await ctx.Indicators.SingleAsync(i => i.Code == "PS-12");

        var entered = await setup.Values.EnterAsync(ctx, new IndicatorValueEntry("PS-12", 2023, 4, 7, "7 LKS menerima bantuan", "sk.pdf", "%PDF-1.4"u8.ToArray()), Staff);
        Assert.Null(await setup.Realization.ForYearAsync(ctx, ps12, 2023, 4));

        // Not by the person who entered it, not by another bidang, not for a measured indicator, not without evidence or for a month to come.
        var selfVerifier = Staff with { Roles = ["kepala-bidang"] };
        Assert.Contains("empat mata", (await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Values.DecideAsync(ctx, entered.Id, true, null, selfVerifier))).Message);
        await Assert.ThrowsAsync<IndicatorScopeException>(() => setup.Values.DecideAsync(ctx, entered.Id, true, null, Kabid with { BidangCode = Bidang.Pfm }));
        await Assert.ThrowsAsync<IndicatorScopeException>(() => setup.Values.EnterAsync(ctx, new IndicatorValueEntry("PS-12", 2023, 4, 1, "x", "a.png", IndicatorSetup.Png), Staff with { BidangCode = Bidang.Pfm }));
        Assert.Contains("dihitung dari data sistem", (await Assert.ThrowsAsync<IndicatorRefusedException>(() =>
            setup.Values.EnterAsync(ctx, new IndicatorValueEntry("LJ-13", 2023, 4, 1, "x", "a.png", IndicatorSetup.Png), Staff with { BidangCode = Bidang.Pfm }))).Message);
        var noEvidence = await Assert.ThrowsAsync<IndicatorRefusedException>(() =>
            setup.Values.EnterAsync(ctx, new IndicatorValueEntry("PS-12", 2023, 6, 1, " ", "a.txt", "teks"u8.ToArray()), Staff));
        Assert.Contains("belum dimulai", noEvidence.Message);
        Assert.Contains("keterangan wajib", noEvidence.Message);
        Assert.Contains("foto JPEG/PNG atau PDF", noEvidence.Message);
        await Assert.ThrowsAsync<Identity.AccessRefusedException>(() => setup.Values.DecideAsync(ctx, entered.Id, true, null, Staff));

        // Rejected needs a reason and does not count; verified counts.
        var wrong = await setup.Values.EnterAsync(ctx, new IndicatorValueEntry("PS-12", 2023, 5, 70, "salah ketik", "sk.pdf", "%PDF-1.4"u8.ToArray()), Staff);
        await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Values.DecideAsync(ctx, wrong.Id, false, " ", Kabid));
        await setup.Values.DecideAsync(ctx, wrong.Id, false, "70 salah ketik, seharusnya 7", Kabid);
        await setup.Values.DecideAsync(ctx, entered.Id, true, null, Kabid);
        Assert.Equal(7m, await setup.Realization.ForYearAsync(ctx, ps12, 2023, 5));
        Assert.Contains("sudah terverifikasi", (await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Values.DecideAsync(ctx, entered.Id, false, "x", Kabid))).Message);
        Assert.Equal(4, await ctx.AuditEntries.CountAsync(a => a.Action.StartsWith("indicators.value.")));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_file_of_historical_values_with_one_bad_line_is_refused_whole_naming_the_line(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, new FakeTimeProvider(Wita(2026, 5, 10, 9, 0)));
        await using var ctx = db.Context();
        await setup.Catalog.SeedAsync(ctx);
        var csv = "kode,tahun,bulan,nilai,keterangan\nPS-12,2022,12,55,\"LKIP 2022\"\nPS-12,2022,13,5,\"x\"\nLJ-13,2022,12,650,\"x\"\nXX-99,2022,1,1,\"x\"\n";

        var refused = await Assert.ThrowsAsync<IndicatorRefusedException>(() =>
            setup.Record.HandleAsync(ctx, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "admin", IndicatorSetup.Admin));

        Assert.Contains("baris 3: bulan '13' bukan 1–12", refused.Message);
        Assert.Contains("baris 4: LJ-13 dihitung dari data sistem", refused.Message);
        Assert.Contains("baris 5: kode 'XX-99' tidak ada", refused.Message);
        Assert.Equal(0, await ctx.IndicatorValues.CountAsync());
        await Assert.ThrowsAsync<Identity.AccessRefusedException>(() =>
            setup.Record.HandleAsync(ctx, new MemoryStream("kode,tahun,bulan,nilai,keterangan\nPS-12,2022,12,55,x\n"u8.ToArray()), "kabid", ["kepala-bidang"]));
    }
}
