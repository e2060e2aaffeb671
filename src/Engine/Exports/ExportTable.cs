using System.Text;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Exports;

/// <summary>The two forms of every list the office can download.</summary>
public enum ExportFormat
{
    Xlsx,
    Csv,
}

/// <summary>A column of an exported list: its header as the page shows it, its width in a workbook, and whether it holds numbers.</summary>
public sealed record ExportColumn(string Header, double Width, bool Number = false);

/// <summary>
/// A list as it is downloaded: its columns and its rows, read from the database one at a time while
/// they are written (never the whole list in memory). Each cell is text, a whole number or an amount.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows)
{
    public static ExportFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "xlsx" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    public string FileName(ExportFormat format) => $"{Name}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    /// <summary>
    /// Writes the list to <paramref name="output"/> as rows arrive: a workbook through the one
    /// <see cref="OfficeXlsx"/> writer, or a UTF-8 CSV (with a byte-order mark, so a spreadsheet reads
    /// it as UTF-8) through the one <see cref="OfficeCsv"/> writer. Writes to the output are synchronous;
    /// the caller gives a buffered stream. Returns the number of rows written.
    /// </summary>
    public async Task<long> WriteAsync(Stream output, ExportFormat format, CancellationToken ct = default)
    {
        long rows = 0;
        if (format == ExportFormat.Xlsx)
        {
            using var xlsx = OfficeXlsx.Create(output);
            xlsx.Sheet(Name, Columns.Select(c => c.Width).ToArray());
            xlsx.Row(Columns.Select(c => XlsxCell.Of(c.Header, XlsxStyle.Header)).ToArray());
            var cells = new XlsxCell[Columns.Count];
            await foreach (var row in Rows.WithCancellation(ct))
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i] switch
                    {
                        null => XlsxCell.Empty,
                        string s => XlsxCell.Of(s),
                        var n => XlsxCell.Of(Plain(Convert.ToDecimal(n, System.Globalization.CultureInfo.InvariantCulture))),
                    };
                }

                xlsx.Row(cells);
                rows++;
            }

            return rows;
        }

        using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        using (var csv = OfficeCsv.Create(text, Columns.Select(c => c.Header).ToArray()))
        {
            await foreach (var row in Rows.WithCancellation(ct))
            {
                foreach (var cell in row)
                {
                    switch (cell)
                    {
                        case null: csv.Text(null); break;
                        case string s: csv.Text(s); break;
                        case decimal d: csv.Number(Plain(d)); break;
                        default: csv.Number(Convert.ToInt64(cell, System.Globalization.CultureInfo.InvariantCulture)); break;
                    }
                }

                csv.EndRecord();
                rows++;
            }
        }

        return rows;
    }

    /// <summary>The amount without the trailing zeros of its stored scale (10000000.00 is written 10000000).</summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;
}
