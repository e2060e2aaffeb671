using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Registry;

/// <summary>
/// A stray double quote once merged eight following lines into one reject while the import still
/// succeeded (and with --replace, replaced a whole period with one household). A DTKS field never
/// holds a line break, so a quote still open at the end of a line refuses the whole file.
/// </summary>
public sealed class DtksQuoteTests
{
    private static readonly string Budi = DtksFile.Nik("530701", "120680", 1);
    private static readonly string Cici = DtksFile.Nik("530702", "610110", 2);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static DtksImporter Importer(TestDatabase db) => new(db.Settings, TimeProvider.System);

    /// <summary>Line 2 clean, line 3 with a name whose opening quote is never closed, then eight clean lines.</summary>
    private static DtksFile WithQuoteLeftOpen(Action<Dictionary<string, string>> line3)
    {
        var file = new DtksFile().Row("H1", Budi).Row("H2", Cici, line3);
        for (var i = 3; i <= 10; i++)
        {
            file.Row($"H{i}", DtksFile.Nik("530701", "010190", i));
        }

        return file;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_quote_left_open_refuses_the_whole_file_naming_its_line_and_imports_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = WithQuoteLeftOpen(r => r["nama"] = "\"Maria Goreti Bria").WriteTo(db.Folder);

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(path)));

        Assert.StartsWith("Baris 3: tanda kutip (\") tidak ditutup", error.Message, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.Equal((0, 0, 0, 0), (await ctx.Snapshots.CountAsync(), await ctx.Households.CountAsync(), await ctx.Members.CountAsync(), await ctx.ImportRejects.CountAsync()));
        Assert.Equal(["dtks.csv"], Directory.GetFiles(db.Folder, "dtks*").Select(Path.GetFileName));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_quoted_field_holding_a_line_break_is_refused_like_a_quote_left_open(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = WithQuoteLeftOpen(r => r["nama"] = "\"Maria Goreti\nBria\"").WriteTo(db.Folder, newline: "\r\n");

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(path)));

        Assert.StartsWith("Baris 3: tanda kutip (\") tidak ditutup", error.Message, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.Equal(0, await ctx.Members.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_file_with_a_quote_left_open_replaces_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = new DtksFile().Row("H1", Budi).Row("H2", Cici).WriteTo(db.Folder, "a.csv");
        await Importer(db).ImportAsync(new ImportRequest(first));
        var second = WithQuoteLeftOpen(r => r["no_kk"] = "\"5307010000000002").WriteTo(db.Folder, "b.csv");

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(second, Replace: true)));

        Assert.StartsWith("Baris 3: tanda kutip (\") tidak ditutup", error.Message, StringComparison.Ordinal);
        await using var ctx = db.Context();
        var snapshot = await ctx.Snapshots.SingleAsync();
        Assert.Equal(("a.csv", 2L), (snapshot.SourceFileName, snapshot.Members));
        Assert.Equal(["H1", "H2"], await ctx.Households.OrderBy(h => h.IdDtks).Select(h => h.IdDtks).ToListAsync());
        Assert.Equal(2, await ctx.Members.CountAsync());
        Assert.False(File.Exists(Path.Combine(db.Folder, "b.rejects.csv")));
    }

    [Fact]
    public async Task Quotes_closed_on_their_own_line_are_still_read_as_one_field()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = new DtksFile()
            .Row("H1", Budi, r => r["nama"] = "\"Bria, Maria \"\"Goreti\"\"\"")
            .Row("H2", Cici, r => r["nama"] = "Yohanes \"Jo\" Lado")
            .WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal((2L, 0L), (summary.Members, summary.Rejected));
        await using var ctx = db.Context();
        Assert.Equal(["Bria, Maria \"Goreti\"", "Yohanes \"Jo\" Lado"], await ctx.Members.OrderBy(m => m.LineNumber).Select(m => m.Name).ToListAsync());
    }
}
