using System.Text;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Registry;

public sealed class ExportHouseholdsTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_download_of_a_kabupaten_holds_every_household_of_its_pages_in_their_order_and_nothing_outside_the_users_scope(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(4_000, Seed: 3, DefectRate: 0.02), writer);
        }

        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));
        await using var ctx = db.Context();
        var sikka = RegionScope.Parse("53.07");
        var first = (await ListHouseholds.ByKabupatenAsync(ctx, sikka, "53.07", 1))!;
        var pages = new List<HouseholdSummary>();
        for (var page = 1; page <= (first.Total + first.PageSize - 1) / first.PageSize; page++)
        {
            pages.AddRange((await ListHouseholds.ByKabupatenAsync(ctx, sikka, "53.07", page))!.Households);
        }

        using var xlsx = new MemoryStream();
        var written = await (await ExportHouseholds.HandleAsync(ctx, sikka, "53.07"))!.WriteAsync(xlsx, ExportFormat.Xlsx);
        xlsx.Position = 0;
        var sheet = XlsxReadBack.Sheets(xlsx).Values.Single();

        Assert.Equal(first.Total, pages.Count);
        Assert.Equal(first.Total, written);
        Assert.Equal(
            pages.Select(h => $"{h.IdDtks}|{h.RegionCode}|{h.DesaName}|{h.HeadName}|{h.Desil}|{h.MemberCount}|{(h.Flagged ? "bertanda" : "")}"),
            sheet.Skip(1).Select(r => string.Join('|', r.Concat(Enumerable.Repeat("", 7 - r.Count)))));
        Assert.Contains(pages, h => h.Flagged);
        Assert.Null(await ExportHouseholds.HandleAsync(ctx, sikka, "53.08"));
        Assert.Null(await ExportHouseholds.HandleAsync(ctx, sikka, "53.07.01"));
    }
}
