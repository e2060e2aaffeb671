using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Indicators;

/// <summary>
/// The reports as files: one workbook with the T-C.23 and T-C.24 sheets laid out like the office's
/// tables (programs as heading rows, a column group per year, a dash where nothing is printed), and
/// CSV with one row per indicator and year.
/// </summary>
public static class IndicatorFiles
{
    public static readonly IReadOnlyList<string> Tc23CsvColumns =
        ["kode", "program", "kegiatan", "indikator", "satuan", "tahun", "target", "realisasi", "rasio"];

    public static void WriteXlsx(Stream output, int fromYear, int toYear, IReadOnlyList<Tc23Row> tc23, IReadOnlyList<Tc24Row> tc24)
    {
        var years = Enumerable.Range(fromYear, toYear - fromYear + 1).ToList();
        using var xlsx = OfficeXlsx.Create(output);

        var widths = new List<double> { 6, 10, 60, 12 };
        widths.AddRange(years.SelectMany(_ => new double[] { 12, 12, 9 }));
        xlsx.Sheet("T-C.23", widths.ToArray())
            .Row(XlsxCell.Of("Tabel T-C.23", XlsxStyle.Title))
            .Row(XlsxCell.Of($"Pencapaian Kinerja Pelayanan Dinas Sosial Provinsi Nusa Tenggara Timur {fromYear}–{toYear}", XlsxStyle.Bold))
            .Row();
        var head = new List<XlsxCell> { H("No"), H("Kode"), H("Kinerja sesuai tugas dan fungsi (indikator)"), H("Satuan") };
        head.AddRange(years.Select(y => H($"Target {y}")));
        head.AddRange(years.Select(y => H($"Realisasi {y}")));
        head.AddRange(years.Select(y => H($"Rasio {y} (%)")));
        xlsx.Row([.. head]);
        var number = 0;
        foreach (var program in tc23.GroupBy(r => r.ProgramCode))
        {
            xlsx.Row(XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(program.First().ProgramName, XlsxStyle.Bold));
            foreach (var indicator in program.GroupBy(r => r.Code))
            {
                var byYear = indicator.ToDictionary(r => r.Year);
                var first = indicator.First();
                var cells = new List<XlsxCell> { XlsxCell.Of(++number), first.Code, first.Name, first.Unit };
                cells.AddRange(years.Select(y => XlsxCell.Of(byYear.GetValueOrDefault(y)?.Target)));
                cells.AddRange(years.Select(y => XlsxCell.Of(byYear.GetValueOrDefault(y)?.Realization)));
                cells.AddRange(years.Select(y => XlsxCell.Of((decimal?)byYear.GetValueOrDefault(y)?.Ratio)));
                xlsx.Row([.. cells]);
            }
        }

        var widths24 = new List<double> { 70 };
        widths24.AddRange(years.SelectMany(_ => new double[] { 18, 18, 9 }));
        xlsx.Sheet("T-C.24", widths24.ToArray())
            .Row(XlsxCell.Of("Tabel T-C.24", XlsxStyle.Title))
            .Row(XlsxCell.Of($"Anggaran dan Realisasi Pendanaan Pelayanan Dinas Sosial Provinsi Nusa Tenggara Timur {fromYear}–{toYear}", XlsxStyle.Bold))
            .Row(XlsxCell.Of("Realisasi dihitung dari pembayaran yang tercatat di sistem (kegiatan yang diukur dengan pembayaran); rasio terhadap anggaran indikator yang diukur itu."))
            .Row();
        var head24 = new List<XlsxCell> { H("Uraian (program / kegiatan)") };
        head24.AddRange(years.Select(y => H($"Anggaran {y} (Rp)")));
        head24.AddRange(years.Select(y => H($"Realisasi {y} (Rp)")));
        head24.AddRange(years.Select(y => H($"Rasio {y} (%)")));
        xlsx.Row([.. head24]);
        foreach (var line in tc24.GroupBy(r => (r.ProgramCode, r.Kegiatan)))
        {
            var byYear = line.ToDictionary(r => r.Year);
            var first = line.First();
            var isProgram = first.Kegiatan is null;
            var cells = new List<XlsxCell> { XlsxCell.Of(isProgram ? first.ProgramName : "    " + first.Kegiatan, isProgram ? XlsxStyle.Bold : XlsxStyle.Plain) };
            var style = isProgram ? XlsxStyle.BoldNumber : XlsxStyle.Number;
            cells.AddRange(years.Select(y => byYear.GetValueOrDefault(y) is { } r && r.Budget is null && r.BudgetPrinted is not null
                ? XlsxCell.Of("tercetak: " + r.BudgetPrinted) : XlsxCell.Of(byYear.GetValueOrDefault(y)?.Budget, style)));
            cells.AddRange(years.Select(y => XlsxCell.Of(byYear.GetValueOrDefault(y)?.Realization, style)));
            cells.AddRange(years.Select(y => XlsxCell.Of((decimal?)byYear.GetValueOrDefault(y)?.Ratio, style)));
            xlsx.Row([.. cells]);
        }
    }

    public static async Task WriteTc23CsvAsync(TextWriter writer, IReadOnlyList<Tc23Row> rows, CancellationToken ct = default)
    {
        await using var csv = OfficeCsv.Create(writer, [.. Tc23CsvColumns]);
        foreach (var r in rows)
        {
            csv.Text(r.Code).Text(r.ProgramName).Text(r.Kegiatan).Text(r.Name).Text(r.Unit).Number(r.Year).Number(r.Target).Number(r.Realization).Number((decimal?)r.Ratio);
            await csv.EndRecordAsync(ct);
        }
    }

    private static XlsxCell H(string text) => XlsxCell.Of(text, XlsxStyle.Header);
}
