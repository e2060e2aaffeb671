using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Files;

namespace Sejahtera.Admin.Tests;

public sealed class CliIndicatorTests() : CliFolder("indikator.db")
{
    [Fact]
    public async Task The_T_C_23_catalog_and_values_load_and_the_report_prints_the_printed_ratios_as_JSON_and_as_a_workbook()
    {
        var imported = await Cli.RunAsync("indicators", "catalog", "import", Path.Combine(Repo.Root, "docs", "data", "renstra-tc23-2019-2020.yaml"));
        Assert.Equal(0, imported.ExitCode);
        Assert.Equal(26, imported.Json.GetProperty("indicators_added").GetInt32());
        var recorded = await Cli.RunAsync("indicators", "record", Path.Combine(Repo.Root, "docs", "data", "renstra-tc23-2019-2020-realisasi.csv"));
        Assert.Equal(0, recorded.ExitCode);

        var report = await Cli.RunAsync("indicators", "report", "--from", "2019", "--to", "2020");
        Assert.Equal(0, report.ExitCode);
        var rows = report.Json.GetProperty("rows").EnumerateArray().ToList();
        var kube2020 = rows.Single(r => r.GetProperty("code").GetString() == "TC23-23" && r.GetProperty("year").GetInt32() == 2020);
        Assert.Equal((650m, 325m, 50), (kube2020.GetProperty("target").GetDecimal(), kube2020.GetProperty("realization").GetDecimal(), kube2020.GetProperty("ratio").GetInt32()));
        var dash = rows.Single(r => r.GetProperty("code").GetString() == "TC23-02" && r.GetProperty("year").GetInt32() == 2019);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dash.GetProperty("target").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dash.GetProperty("ratio").ValueKind);
        // The shipped 2021–2023 catalog is there too, as on the host's first start.
        var shipped = await Cli.RunAsync("indicators", "report", "--from", "2021", "--to", "2021");
        Assert.Contains(shipped.Json.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == "LJ-13");

        var xlsx = Path.Combine(Folder, "laporan.xlsx");
        Assert.Equal(0, (await Cli.RunAsync("indicators", "report", "--from", "2019", "--to", "2020", "--format", "xlsx", "--out", xlsx)).ExitCode);
        await using var file = File.OpenRead(xlsx);
        var sheets = XlsxReadBack.Sheets(file);
        Assert.Equal(["T-C.23", "T-C.24"], sheets.Keys);
        Assert.Equal(["650", "650", "650", "325", "100", "50"], sheets["T-C.23"].Single(r => r.Count > 1 && r[1] == "TC23-23").Skip(4).Take(6));
    }

    [Fact]
    public async Task A_catalog_with_an_unknown_key_a_month_not_yet_ended_and_an_unknown_format_end_with_exit_2_and_change_nothing()
    {
        var bad = Path.Combine(Folder, "salah.yaml");
        await File.WriteAllTextAsync(bad, "source: \"uji\"\nindicators:\n  - { code: X-1, program: LINJAMSOS, kegiatan: k, name: n, unit: orang, amout: 5 }\n");
        var refused = await Cli.RunAsync("indicators", "catalog", "import", bad);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("baris 3", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("'amout'", refused.Stderr, StringComparison.Ordinal);

        var future = DateTime.UtcNow.AddHours(8).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var early = await Cli.RunAsync("indicators", "compute", "--month", future);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("belum selesai", early.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, (await Cli.RunAsync("indicators", "report", "--from", "2021", "--to", "2023", "--format", "pdf")).ExitCode);
        var report = await Cli.RunAsync("indicators", "report", "--from", "2021", "--to", "2023");
        Assert.DoesNotContain(report.Json.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == "X-1");
    }
}
