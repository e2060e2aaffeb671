using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
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
/// The one writer of the <c>.xlsx</c> files the office opens (reports, exports). Rows are streamed as
/// they come: the package is a ZIP written forward only (<see cref="ZipArchiveMode.Create"/>, so the
/// output may be a response body that cannot seek) and each sheet's XML goes through an
/// <see cref="XmlWriter"/> into its compressed entry, with inline strings and no shared-string table.
/// Nothing of a sheet is kept once written, so a province-wide export stays flat in memory (the Open
/// XML SDK's package, by contrast, keeps every part in memory until it is closed; it is used only to
/// read workbooks back). Text is written as text, never as a formula, so a cell starting with
/// <c>=</c> cannot run anything; characters XML cannot hold are dropped. Sheets are written one after
/// the other: <see cref="Sheet"/> starts the next one and ends the previous. Writes to the output are
/// synchronous.
/// </summary>
internal sealed class OfficeXlsx : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive zip;
    private readonly List<string> sheetNames = [];
    private XmlWriter? writer;
    private List<string> merges = [];
    private uint rowIndex;
    private bool disposed;

    private OfficeXlsx(Stream output) => zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Writes a workbook to <paramref name="output"/> (left open when the writer is disposed).</summary>
    public static OfficeXlsx Create(Stream output) => new(output);

    /// <summary>Starts a sheet with the given column widths (in characters).</summary>
    public OfficeXlsx Sheet(string name, params ReadOnlySpan<double> widths)
    {
        EndSheet();
        sheetNames.Add(SheetName(name));
        var w = writer = XmlWriter.Create(zip.CreateEntry($"xl/worksheets/sheet{sheetNames.Count}.xml", CompressionLevel.Fastest).Open(), XmlSettings);
        w.WriteStartDocument(true);
        w.WriteStartElement("worksheet", Main);
        if (widths.Length > 0)
        {
            w.WriteStartElement("cols", Main);
            for (var i = 0; i < widths.Length; i++)
            {
                w.WriteStartElement("col", Main);
                w.WriteAttributeString("min", Invariant(i + 1));
                w.WriteAttributeString("max", Invariant(i + 1));
                w.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("sheetData", Main);
        rowIndex = 0;
        merges = [];
        return this;
    }

    /// <summary>Writes the next row.</summary>
    public OfficeXlsx Row(params ReadOnlySpan<XlsxCell> cells)
    {
        var w = writer ?? throw new InvalidOperationException("Mulai lembar kerja dulu.");
        rowIndex++;
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", Invariant(rowIndex));
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.Text is null && cell.Number is null && cell.Style == XlsxStyle.Plain)
            {
                continue;
            }
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Reference(i, rowIndex));
            if (cell.Style != XlsxStyle.Plain)
            {
                w.WriteAttributeString("s", Invariant((uint)cell.Style));
            }
            if (cell.Number is { } number)
            {
                w.WriteElementString("v", Main, number.ToString("0.############################", CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(XmlText(cell.Text ?? ""));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
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
        if (disposed)
        {
            return;
        }
        disposed = true;
        EndSheet();
        if (sheetNames.Count == 0)
        {
            Sheet("Lembar1");
            EndSheet();
        }
        WritePackageParts();
        zip.Dispose();
    }

    private void EndSheet()
    {
        if (writer is not { } w)
        {
            return;
        }
        w.WriteEndElement(); // sheetData
        if (merges.Count > 0)
        {
            w.WriteStartElement("mergeCells", Main);
            w.WriteAttributeString("count", Invariant(merges.Count));
            foreach (var merge in merges)
            {
                w.WriteStartElement("mergeCell", Main);
                w.WriteAttributeString("ref", merge);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement(); // worksheet
        w.Dispose();
        writer = null;
    }

    /// <summary>The workbook, its relationships, the styles and the content types, once every sheet is written.</summary>
    private void WritePackageParts()
    {
        Part("[Content_Types].xml", w =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            w.WriteStartElement("Types", ns);
            Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, ns, "xml", "application/xml");
            Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, ns, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= sheetNames.Count; i++)
            {
                Override(w, ns, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }
            w.WriteEndElement();
        });
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationshipsNs);
            Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
            w.WriteStartElement("sheets", Main);
            for (var i = 0; i < sheetNames.Count; i++)
            {
                w.WriteStartElement("sheet", Main);
                w.WriteAttributeString("name", XmlText(sheetNames[i]));
                w.WriteAttributeString("sheetId", Invariant(i + 1));
                w.WriteAttributeString("id", RelationshipsNs, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationshipsNs);
            for (var i = 1; i <= sheetNames.Count; i++)
            {
                Relationship(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
            }
            Relationship(w, $"rId{sheetNames.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        using var styles = new StreamWriter(zip.CreateEntry("xl/styles.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        styles.Write("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>");
        styles.Write(Styles);
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        using var w = XmlWriter.Create(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), XmlSettings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string ns, string extension, string type)
    {
        w.WriteStartElement("Default", ns);
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string ns, string part, string type)
    {
        w.WriteStartElement("Override", ns);
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelationshipsNs);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    /// <summary>The text without the characters XML 1.0 cannot hold (control characters, lone surrogates).</summary>
    private static string XmlText(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                return string.Concat(Clean(text));
            }
        }
        return text;

        static IEnumerable<char> Clean(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (XmlConvert.IsXmlChar(text[i]))
                {
                    yield return text[i];
                }
                else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                {
                    yield return text[i];
                    yield return text[++i];
                }
            }
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

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
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The cell formats, in the order of <see cref="XlsxStyle"/>.</summary>
    private const string Styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0\"/></numFmts>"
        + "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"13\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E2F3\"/></patternFill></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>";
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
