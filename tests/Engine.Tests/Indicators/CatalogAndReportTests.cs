using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Support;
using Xunit;

namespace Sejahtera.Engine.Tests.Indicators;

public sealed class CatalogAndReportTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_shipped_Renstra_catalog_loads_every_program_and_indicator_and_keeps_a_dash_as_no_target(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, Clock());
        await using var ctx = db.Context();

        Assert.True(await setup.Catalog.SeedAsync(ctx));
        Assert.False(await setup.Catalog.SeedAsync(ctx));

        Assert.Equal(6, await ctx.IndicatorPrograms.CountAsync());
        Assert.Equal(50, await ctx.Indicators.CountAsync());
        var ps01 = await ctx.IndicatorYears.SingleAsync(y => y.IndicatorCode == "PS-01" && y.Year == 2021);
        Assert.Null(ps01.Target);
        Assert.Null(ps01.BudgetIdr);
        var lj13 = await ctx.Indicators.SingleAsync(i => i.Code == "LJ-13");
        Assert.Equal(IndicatorMeasures.KubeGrantsPaid, lj13.Measure);
        Assert.Equal(Bidang.Pfm, lj13.BidangCode);
        Assert.Equal("panti_clients_served:anak", (await ctx.Indicators.SingleAsync(i => i.Code == "RS-03")).Measure);
        Assert.Equal(650m, (await ctx.IndicatorYears.SingleAsync(y => y.IndicatorCode == "LJ-13" && y.Year == 2022)).Target);
        Assert.Contains(await ctx.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "indicators.catalog.import");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Loading_the_T_C_23_indicators_of_2019_2020_with_their_realizations_reproduces_the_printed_ratios(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, Clock());
        await using var ctx = db.Context();
        await setup.Catalog.HandleAsync(ctx, await File.ReadAllTextAsync(IndicatorSetup.DocsFile("renstra-tc23-2019-2020.yaml")), "admin");
        await using (var file = File.OpenRead(IndicatorSetup.DocsFile("renstra-tc23-2019-2020-realisasi.csv")))
        {
            await setup.Record.HandleAsync(ctx, file, "admin", IndicatorSetup.Admin);
        }

        var rows = await setup.Reports.Tc23Async(ctx, 2019, 2020);
        int? Ratio(string code, int year) => rows.Single(r => r.Code == code && r.Year == year).Ratio;

        // As printed in Tabel T-C.23 (a dash where the table prints one).
        Assert.Equal(59, Ratio("TC23-02", 2020));
        Assert.Null(Ratio("TC23-02", 2019));
        Assert.Equal(24, Ratio("TC23-06", 2020));
        Assert.Equal(19, Ratio("TC23-08", 2020));
        Assert.Equal(100, Ratio("TC23-09", 2020));
        Assert.Equal(100, Ratio("TC23-11", 2019));
        Assert.Null(Ratio("TC23-11", 2020));
        Assert.Equal((100, 100), (Ratio("TC23-12", 2019), Ratio("TC23-12", 2020)));
        Assert.Equal((100, 50), (Ratio("TC23-23", 2019), Ratio("TC23-23", 2020)));
        Assert.Equal((94, 89), (Ratio("TC23-31", 2019), Ratio("TC23-31", 2020)));
        Assert.Equal((168, 326), (Ratio("TC23-34", 2019), Ratio("TC23-34", 2020)));
        Assert.Equal((100, 120), (Ratio("TC23-39", 2019), Ratio("TC23-39", 2020)));
        Assert.Equal((224, 4), (Ratio("TC23-44", 2019), Ratio("TC23-44", 2020)));
        Assert.Equal(5, Ratio("TC23-45", 2020));
        Assert.Equal(245, Ratio("TC23-46", 2020));
        Assert.Equal(114, Ratio("TC23-50", 2019));
        Assert.Equal((100, 7968), (Ratio("TC23-52", 2019), Ratio("TC23-52", 2020)));
        Assert.Equal((1532, 4608), (Ratio("TC23-53", 2019), Ratio("TC23-53", 2020)));
        Assert.Equal((29, 68), (Ratio("TC23-58", 2019), Ratio("TC23-58", 2020)));
        Assert.Equal(100, Ratio("TC23-59", 2019));
        var first = rows.First(r => r.Code == "TC23-01" && r.Year == 2020);
        Assert.Equal((20m, (decimal?)null, (int?)null), (first.Target!.Value, first.Realization, first.Ratio));

        // The workbook reads back with the same numbers as the rows.
        using var buffer = new MemoryStream();
        IndicatorFiles.WriteXlsx(buffer, 2019, 2020, rows, await setup.Reports.Tc24Async(ctx, 2019, 2020));
        buffer.Position = 0;
        var sheet = XlsxReadBack.Sheets(buffer)["T-C.23"];
        var kube = sheet.Single(r => r.Count > 1 && r[1] == "TC23-23");
        Assert.Equal(["650", "650", "650", "325", "100", "50"], kube.Skip(4).Take(6));
        var lines = sheet.Where(r => r.Count > 1 && r[1].StartsWith("TC23-", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows.Select(r => r.Code).Distinct(), lines.Select(r => r[1]));
        foreach (var line in lines)
        {
            var code = line[1];
            Assert.Equal(Cell(Ratio(code, 2019)), line[8]);
            Assert.Equal(Cell(Ratio(code, 2020)), line.ElementAtOrDefault(9) ?? "");
        }
    }

    private static string Cell(int? ratio) => ratio?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_catalog_with_an_unknown_key_or_a_bad_measure_is_refused_with_where_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, Clock());
        await using var ctx = db.Context();
        await setup.Catalog.SeedAsync(ctx);
        var before = await ctx.IndicatorYears.CountAsync();

        var typo = """
            source: "Uji"
            programs: []
            indicators:
              - { code: LJ-13, program: LINJAMSOS, kegiatan: "K", name: "KUBE", unit: KUBE,
                  targtes: { 2024: 700 }, measure: kube_grants_paid }
            """;
        var unknown = await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Catalog.HandleAsync(ctx, typo, "admin"));
        Assert.Contains("baris 5", unknown.Message);
        Assert.Contains("targtes", unknown.Message);

        var bad = """
            source: "Uji"
            indicators:
              - { code: XX-01, program: TIDAK-ADA, kegiatan: "K", name: "N", unit: orang, targets: { 2024: -5 }, measure: jumlah_sesuatu, pj: "Bidang Lain" }
              - { code: LJ-13, program: LINJAMSOS, kegiatan: "K", name: "KUBE", unit: KUBE, targets: { 2024: 700 }, measure: "panti_clients_served:remaja" }
            """;
        var refused = await Assert.ThrowsAsync<IndicatorRefusedException>(() => setup.Catalog.HandleAsync(ctx, bad, "admin"));
        Assert.Contains("program 'TIDAK-ADA' tidak ada", refused.Message);
        Assert.Contains("ukuran 'jumlah_sesuatu' tidak dikenal", refused.Message);
        Assert.Contains("target 2024 negatif", refused.Message);
        Assert.Contains("penanggung jawab 'Bidang Lain'", refused.Message);
        Assert.Contains("anak, lansia, disabilitas", refused.Message);

        await using var check = db.Context();
        Assert.Equal(before, await check.IndicatorYears.CountAsync());
        Assert.False(await check.Indicators.AnyAsync(i => i.Code == "XX-01"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_new_Renstra_period_adds_its_years_and_leaves_the_earlier_years_as_they_were(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = new IndicatorSetup(db.Settings, Clock());
        await using var ctx = db.Context();
        await setup.Catalog.SeedAsync(ctx);

        var next = """
            source: "Renstra 2025-2029 (uji)"
            indicators:
              - { code: LJ-13, program: LINJAMSOS, kegiatan: "Pengelolaan Data Fakir Miskin Cakupan Daerah Provinsi", name: "Jumlah KUBE yang mendapatkan Bantuan modal usaha",
                  unit: KUBE, targets: { 2025: 700, 2026: 720 }, budget_idr: { 2025: 7000000000, 2026: 7200000000 }, pj: "Bidang Penanganan Fakir Miskin", measure: kube_grants_paid }
            """;
        var summary = await setup.Catalog.HandleAsync(ctx, next, "admin");

        Assert.Equal((0, 1, 2), (summary.IndicatorsAdded, summary.IndicatorsUpdated, summary.YearsWritten));
        await using var check = db.Context();
        var years = await check.IndicatorYears.Where(y => y.IndicatorCode == "LJ-13").OrderBy(y => y.Year).Select(y => new { y.Year, y.Target }).ToListAsync();
        Assert.Equal([2021, 2022, 2023, 2025, 2026], years.Select(y => y.Year));
        Assert.Equal([650m, 650m, 650m, 700m, 720m], years.Select(y => y.Target!.Value));
    }
}
