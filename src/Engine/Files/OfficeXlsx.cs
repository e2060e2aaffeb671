using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sejahtera.Engine.Files;

/// <summary>How a cell looks: plain, a table header, a title above a table, or a whole number with
/// thousands separators (<c>1.234.567</c> in an Indonesian spreadsheet).</summary>
internal enum XlsxStyle : uint
{
    Plain = 0,
    Header = 1,
    Title = 2,
    Number = 3,
    Bold = 4,
    BoldNumber = 5,
}

/// <summary>One cell: text or a number, or nothing (a dash in the office's tables is an empty cell
/// with a dash as text — that is the caller's choice, never a zero).</summary>
internal readonly record struct XlsxCell(string? Text, decimal? Number, XlsxStyle Style)
{
    public static XlsxCell Empty { get; } = new(null, null, XlsxStyle.Plain);

    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Plain) => new(text, null, style);

    public static XlsxCell Of(decimal? number, XlsxStyle style = XlsxStyle.Number) =>
        number is null ? new("-", null, style == XlsxStyle.BoldNumber ? XlsxStyle.Bold : XlsxStyle.Plain) : new(null, number, style);

    public static implicit operator XlsxCell(string? text) => Of(text);
}

/// <summary>
/// The one writer of the <c>.xlsx</c> files the office opens (reports, exports). Rows are streamed to
/// the package as they come (the SAX writer of the Open XML SDK, inline strings, no shared-string
/// table), so a province-wide export stays flat in memory. Text is written as text, never as a
/// formula, so a cell starting with <c>=</c> cannot run anything. Sheets are written one after the
/// other: <see cref="Sheet"/> starts the next one and ends the previous.
/// </summary>
internal sealed class OfficeXlsx : IDisposable, IAsyncDisposable
{
    private readonly SpreadsheetDocument document;
    private readonly Stream? target;
    private readonly FileStream? spool;
    private readonly Sheets sheets;
    private OpenXmlWriter? writer;
    private List<string> merges = [];
    private uint rowIndex;
    private uint sheetId;

    private OfficeXlsx(Stream output)
    {
        // A zip package needs to read and seek what it wrote; a response body can do neither. Such
        // output gets a temporary file (deleted on close), copied out when the workbook is done, so
        // memory stays flat however many rows are written.
        if (!output.CanSeek || !output.CanRead)
        {
            target = output;
            spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        }
        document = SpreadsheetDocument.Create(spool ?? output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        sheets = workbook.Workbook.AppendChild(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
    }

    /// <summary>Writes a workbook to <paramref name="output"/> (left open when the writer is disposed).</summary>
    public static OfficeXlsx Create(Stream output) => new(output);

    /// <summary>Starts a sheet with the given column widths (in characters).</summary>
    public OfficeXlsx Sheet(string name, params ReadOnlySpan<double> widths)
    {
        EndSheet();
        var part = document.WorkbookPart!.AddNewPart<WorksheetPart>();
        sheets.AppendChild(new Sheet
        {
            Id = document.WorkbookPart.GetIdOfPart(part), SheetId = ++sheetId, Name = SheetName(name),
        });
        writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (widths.Length > 0)
        {
            writer.WriteStartElement(new Columns());
            for (var i = 0; i < widths.Length; i++)
            {
                writer.WriteElement(new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true,
                });
            }
            writer.WriteEndElement();
        }
        writer.WriteStartElement(new SheetData());
        rowIndex = 0;
        merges = [];
        return this;
    }

    /// <summary>Writes the next row.</summary>
    public OfficeXlsx Row(params ReadOnlySpan<XlsxCell> cells)
    {
        var w = writer ?? throw new InvalidOperationException("Mulai lembar kerja dulu.");
        rowIndex++;
        w.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.Text is null && cell.Number is null && cell.Style == XlsxStyle.Plain)
            {
                continue;
            }
            var reference = Reference(i, rowIndex);
            if (cell.Number is { } number)
            {
                w.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = (uint)cell.Style,
                    CellValue = new CellValue(number.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)),
                });
            }
            else
            {
                var element = new Cell { CellReference = reference, StyleIndex = (uint)cell.Style, DataType = CellValues.InlineString };
                element.AppendChild(new InlineString(new Text(cell.Text ?? "") { Space = SpaceProcessingModeValues.Preserve }));
                w.WriteElement(element);
            }
        }
        w.WriteEndElement();
        return this;
    }

    /// <summary>Merges the cells of the last row written, from column <paramref name="first"/> to
    /// <paramref name="last"/> (zero-based), for a heading that spans several columns.</summary>
    public OfficeXlsx MergeLast(int first, int last, int rows = 1)
    {
        merges.Add($"{Reference(first, rowIndex - (uint)rows + 1)}:{Reference(last, rowIndex)}");
        return this;
    }

    public void Dispose()
    {
        Finish();
        if (spool is not null)
        {
            spool.Position = 0;
            spool.CopyTo(target!);
            spool.Dispose();
        }
    }

    /// <summary>Finishes the workbook; output that could not be written directly (a response body) gets the spooled file, asynchronously.</summary>
    public async ValueTask DisposeAsync()
    {
        Finish();
        if (spool is not null)
        {
            spool.Position = 0;
            await spool.CopyToAsync(target!);
            await spool.DisposeAsync();
        }
    }

    private void Finish()
    {
        EndSheet();
        if (sheetId == 0)
        {
            Sheet("Lembar1");
            EndSheet();
        }
        document.Dispose();
    }

    private void EndSheet()
    {
        if (writer is null)
        {
            return;
        }
        writer.WriteEndElement(); // sheetData
        if (merges.Count > 0)
        {
            writer.WriteStartElement(new MergeCells());
            foreach (var merge in merges)
            {
                writer.WriteElement(new MergeCell { Reference = merge });
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement(); // worksheet
        writer.Dispose();
        writer = null;
    }

    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length switch { 0 => "Lembar", > 31 => clean[..31], _ => clean };
    }

    internal static string Reference(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Stylesheet Stylesheet()
    {
        var border = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Calibri" })) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(), border) { Count = 2 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center } },
                new CellFormat { FontId = 2, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FontId = 1, NumberFormatId = 164, ApplyFont = true, ApplyNumberFormat = true }) { Count = 6 });
    }
}

/// <summary>Reads a workbook back as text per sheet (numbers in invariant culture): what a person
/// would see in each cell, for checking an export against the page it came from.</summary>
internal static class XlsxReadBack
{
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> Sheets(Stream input)
    {
        using var document = SpreadsheetDocument.Open(input, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = Column(cell.CellReference!.Value!);
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InnerText : cell.CellValue?.Text ?? "");
                }
                rows.Add(cells);
            }
            result[sheet.Name!.Value!] = rows;
        }
        return result;
    }

    private static int Column(string reference)
    {
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }
}
