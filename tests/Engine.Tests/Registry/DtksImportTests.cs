using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Tests.Registry;

public sealed class DtksImportTests
{
    private static readonly string Ani = DtksFile.Nik("530701", "450385", 1);   // woman, 05-03-1985
    private static readonly string Budi = DtksFile.Nik("530701", "120680", 1);  // man, 12-06-1980
    private static readonly string Cici = DtksFile.Nik("530702", "610110", 2);  // woman, 21-01-2010

    private static DtksImporter Importer(TestDatabase db) => new(db.Settings, TimeProvider.System);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_clean_file_becomes_households_with_their_members(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = new DtksFile()
            .Row("H1", Budi)
            .Row("H1", Ani, r => { r["hubungan_krt"] = "2"; })
            .Row("H2", Cici, r => { r["kode_wilayah"] = "5307022001"; r["hubungan_krt"] = "1"; r["status_kawin"] = "1"; })
            .WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal((3L, 2L, 3L, 0L, 0L), (summary.Read, summary.Households, summary.Members, summary.Rejected, summary.FlaggedDuplicates));
        await using var ctx = db.Context();
        var h1 = await ctx.Households.SingleAsync(h => h.IdDtks == "H1");
        Assert.Equal(("53.07.01.2001", "53.07", 2), (h1.RegionCode, h1.KabupatenCode, h1.MemberCount));
        var h2 = await ctx.Households.SingleAsync(h => h.IdDtks == "H2");
        Assert.Equal("53.07.02.2001", h2.RegionCode);
        var ani = await ctx.Members.SingleAsync(m => m.Nik == Ani);
        Assert.Equal((h1.Id, 'P', new DateOnly(1985, 3, 5), MemberFlags.None), (ani.HouseholdId, ani.Sex, ani.BirthDate, ani.Flags));
        Assert.Equal("2020-10", (await ctx.Snapshots.SingleAsync()).Period);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Every_bad_line_is_rejected_with_its_line_number_and_a_reason(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new DtksFile()
            .Row("H1", Budi)                                                                     // line 2
            .Row("H1", DtksFile.Nik("530701", "120680", 2)[..15])                                // 3: short NIK
            .Row("H2", Cici, r => r["kode_wilayah"] = "53.99.01.2001")                           // 4: unknown region
            .Row("H3", DtksFile.Nik("530701", "451380", 3))                                      // 5: month 13
            .Row("H4", DtksFile.Nik("530701", "010190", 4), r => r["tanggal_lahir"] = "31-02-1990") // 6: bad date
            .Row("H5", DtksFile.Nik("530701", "010190", 5), r => r["nama"] = "")                 // 7: empty name
            .Raw("H6,53.07.01.2001,5307010000000006")                                           // 8: columns missing
            .Row("H1", Ani, r => r["desil"] = "3")                                               // 9: household disagrees
            .Row("H1", Budi)                                                                     // 10: same NIK twice in a household
            .Row("H7", DtksFile.Nik("530701", "010190", 7), r => r["periode"] = "2020-09");      // 11: other period
        var path = file.WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal(file.DataLines, summary.Read);
        Assert.Equal(summary.Read, summary.Members + summary.Rejected);
        Assert.Equal(9, summary.Rejected);
        var rejects = File.ReadAllLines(summary.RejectsFile).Skip(1).ToList();
        Assert.Equal(9, rejects.Count);
        await using var ctx = db.Context();
        var stored = await ctx.ImportRejects.OrderBy(r => r.LineNumber).ToListAsync();
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10, 11], stored.Select(r => r.LineNumber));
        Assert.Contains("NIK harus 16 digit", stored[0].Reason, StringComparison.Ordinal);
        Assert.Contains("kode wilayah 53.99.01.2001 tidak dikenal", stored[1].Reason, StringComparison.Ordinal);
        Assert.Contains("bagian tanggal lahir NIK", stored[2].Reason, StringComparison.Ordinal);
        Assert.Contains("tanggal lahir '31-02-1990' tidak sah", stored[3].Reason, StringComparison.Ordinal);
        Assert.Contains("nama kosong", stored[4].Reason, StringComparison.Ordinal);
        Assert.Contains("jumlah kolom 3, seharusnya 18", stored[5].Reason, StringComparison.Ordinal);
        Assert.Contains("tidak sama dengan baris 2", stored[6].Reason, StringComparison.Ordinal);
        Assert.Contains("baris ganda", stored[7].Reason, StringComparison.Ordinal);
        Assert.Contains("periode 2020-09 berbeda", stored[8].Reason, StringComparison.Ordinal);
        Assert.All(stored, r => Assert.False(string.IsNullOrWhiteSpace(r.RawLine)));
        Assert.StartsWith("3,\"H1\",\"NIK harus 16 digit", rejects[0], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_NIK_in_two_households_is_imported_and_flagged_data_ganda_on_both(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = new DtksFile()
            .Row("H1", Budi)
            .Row("H1", Ani, r => r["hubungan_krt"] = "2")
            .Row("H2", Ani, r => { r["kode_wilayah"] = "53.07.02.2001"; r["hubungan_krt"] = "1"; })
            .Row("H3", Cici)
            .WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal((4L, 0L, 2L), (summary.Members, summary.Rejected, summary.FlaggedDuplicates));
        await using var ctx = db.Context();
        var flagged = await ctx.Members.Where(m => m.Nik == Ani).ToListAsync();
        Assert.Equal(2, flagged.Select(m => m.HouseholdId).Distinct().Count());
        Assert.All(flagged, m => Assert.True(m.Flags.HasFlag(MemberFlags.DataGanda)));
        Assert.False((await ctx.Members.SingleAsync(m => m.Nik == Budi)).Flags.HasFlag(MemberFlags.DataGanda));
        Assert.Equal(2, (await ctx.Snapshots.SingleAsync()).FlaggedDuplicates);
    }

    [Fact]
    public async Task The_member_indexes_dropped_for_the_bulk_load_are_back_after_an_import()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = new DtksFile().Row("H1", Budi).WriteTo(db.Folder);

        await Importer(db).ImportAsync(new ImportRequest(path));

        await using var ctx = db.Context();
        var indexes = await ctx.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND name LIKE 'IX_%'")
            .ToListAsync();
        Assert.Equal(["IX_members_household_id", "IX_members_snapshot_id_name", "IX_members_snapshot_id_nik"], indexes.Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Importing_the_same_file_again_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var path = new DtksFile().Row("H1", Budi).Row("H2", Cici).Row("H3", "123").WriteTo(db.Folder);
        var first = await Importer(db).ImportAsync(new ImportRequest(path));

        var second = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.True(second.AlreadyImported);
        Assert.Equal(first with { AlreadyImported = true }, second);
        await using var ctx = db.Context();
        Assert.Equal((1, 2, 2, 1), (await ctx.Snapshots.CountAsync(), await ctx.Households.CountAsync(), await ctx.Members.CountAsync(), await ctx.ImportRejects.CountAsync()));
    }

    [Fact]
    public async Task A_NIK_that_disagrees_with_birth_date_or_sex_is_imported_but_flagged()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = new DtksFile()
            .Row("H1", Budi, r => r["tanggal_lahir"] = "1980-06-13")
            .Row("H2", Ani, r => r["jenis_kelamin"] = "L")
            .WriteTo(db.Folder);

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal(2, summary.Members);
        await using var ctx = db.Context();
        Assert.Equal(MemberFlags.NikTanggalLahirTidakCocok, (await ctx.Members.SingleAsync(m => m.Nik == Budi)).Flags);
        Assert.Equal(MemberFlags.NikJenisKelaminTidakCocok, (await ctx.Members.SingleAsync(m => m.Nik == Ani)).Flags);
    }

    [Fact]
    public async Task Semicolons_BOM_CRLF_quotes_and_day_first_dates_are_all_accepted()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = Path.Combine(db.Folder, "semicolon.csv");
        var header = string.Join(';', DtksColumns.All.Select(c => c.ToUpperInvariant()));
        var row = $"H1;5307012001;5307010000000001;{Budi};\"Lado; Yohanes \"\"Jo\"\"\";L;12-06-1980;1;2;2;0;4;0;1;0;1;1;2020-10";
        File.WriteAllText(path, header + "\r\n" + row + "\r\n", new System.Text.UTF8Encoding(true));

        var summary = await Importer(db).ImportAsync(new ImportRequest(path));

        Assert.Equal((1L, 0L), (summary.Members, summary.Rejected));
        await using var ctx = db.Context();
        Assert.Equal("Lado; Yohanes \"Jo\"", (await ctx.Members.SingleAsync()).Name);
    }

    public static TheoryData<string, byte[], string> UnusableFiles => new()
    {
        { "empty", [], "Berkas kosong" },
        { "tab-delimited", Text(string.Join('\t', DtksColumns.All) + "\nH1\t5307012001\n"), "Pemisah kolom harus koma (,) atau titik koma (;)" },
        { "missing columns", Text("id_dtks,kode_wilayah,no_kk,nik,nama\nH1,5307012001,1,2,3\n"), "Kolom wajib tidak ada: jenis_kelamin" },
        { "binary junk", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x12], "data biner" },
        { "not UTF-8", [.. Text(string.Join(',', DtksColumns.All) + "\n"), 0xC3, 0x28, 0x0A], "bukan teks UTF-8" },
        { "header only", Text(string.Join(',', DtksColumns.All) + "\n"), "hanya berisi judul kolom" },
        { "one very long line", Text(string.Join(',', DtksColumns.All) + "\n" + new string('x', 300_000) + "\n"), "lebih panjang dari 65.536 karakter" },
    };

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public async Task An_unusable_file_is_refused_with_a_clear_message_and_changes_nothing(string kind, byte[] content, string message)
    {
        await using var db = await TestDatabase.SqliteAsync();
        var good = new DtksFile().Row("H1", Budi).WriteTo(db.Folder, "good.csv");
        await Importer(db).ImportAsync(new ImportRequest(good));
        var path = Path.Combine(db.Folder, kind.Replace(' ', '-') + ".csv");
        await File.WriteAllBytesAsync(path, content);

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(path)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.Equal((1, 1, 1, 0), (await ctx.Snapshots.CountAsync(), await ctx.Households.CountAsync(), await ctx.Members.CountAsync(), await ctx.ImportRejects.CountAsync()));
    }

    [Fact]
    public async Task A_file_of_only_bad_rows_is_refused_and_changes_nothing()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var path = new DtksFile().Row("H1", "12").Row("H2", "34").WriteTo(db.Folder);

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(path)));

        Assert.Contains("Tidak ada satu baris pun yang sah dari 2 baris", error.Message, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.Equal(0, await ctx.Snapshots.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Another_file_for_an_imported_period_is_refused_unless_replacing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = new DtksFile().Row("H1", Budi).Row("H2", Cici).WriteTo(db.Folder, "a.csv");
        var second = new DtksFile().Row("H9", Ani).WriteTo(db.Folder, "b.csv");
        await Importer(db).ImportAsync(new ImportRequest(first));

        var error = await Assert.ThrowsAsync<FileRefusedException>(() => Importer(db).ImportAsync(new ImportRequest(second)));
        Assert.Contains("Periode 2020-10 sudah diimpor", error.Message, StringComparison.Ordinal);
        await using (var ctx = db.Context())
        {
            Assert.Equal(2, await ctx.Members.CountAsync());
        }

        var replaced = await Importer(db).ImportAsync(new ImportRequest(second, Replace: true));

        Assert.Equal(1, replaced.Members);
        await using (var ctx = db.Context())
        {
            Assert.Equal((1, 1, "H9"), (await ctx.Snapshots.CountAsync(), await ctx.Members.CountAsync(), (await ctx.Households.SingleAsync()).IdDtks));
        }
    }

    private static byte[] Text(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
