using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Import;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;
using static Sejahtera.Engine.Tests.Panti.PantiTestData;

namespace Sejahtera.Engine.Tests.Panti;

public sealed class ResidentImportTests
{
    private static readonly string Girl = DtksFile.Nik("530105", "450515", 1);   // woman, 05-05-2015
    private static readonly string Boy = DtksFile.Nik("530105", "120616", 2);    // man, 12-06-2016
    private static readonly string Elder = DtksFile.Nik("537101", "120350", 3);  // man, 12-03-1950

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static Task<ResidentImportResult> ImportAsync(TestDatabase db, ResidentFile file, Identity.RegionScope? scope = null) =>
        ImportAsync(db, file.Stream(), scope);

    private static async Task<ResidentImportResult> ImportAsync(TestDatabase db, Stream file, Identity.RegionScope? scope = null)
    {
        await using var ctx = db.Context();
        return await new ImportResidents(Clock()).HandleAsync(ctx, file, scope ?? Province, "upt.naibonat");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_file_with_bad_lines_imports_the_good_ones_and_lists_every_bad_line_with_its_number_and_reason(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new ResidentFile()
            .Row(Naibonat, Girl, r => r["alamat_asal"] = "\"Desa Naibonat, Kupang Timur\"")             // line 2
            .Row(Naibonat, Boy, r => r["nama"] = "Yohanes Seran")                                       // 3
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 4)[..15])                                   // 4: short NIK
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 5), r => r["tanggal_lahir"] = "2016-01-02") // 5: NIK date ≠ birth date
            .Row(Naibonat, DtksFile.Nik("530105", "410116", 6), r => r["jenis_kelamin"] = "L")          // 6: woman's NIK, sex L
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 7), r => r["nama"] = "")                    // 7: no name
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 8), r => r["tanggal_masuk"] = "31-02-2024") // 8: no such date
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 9), r => r["kategori"] = "remaja")          // 9: unknown category
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 10), r => r["tahap"] = "selesai")           // 10: unknown stage
            .Row("panti-lain", DtksFile.Nik("530105", "010116", 11))                                    // 11: unknown home
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 12), r => r["nama"] = "=1+2")               // 12: formula
            .Row(Naibonat, Girl, r => r["nama"] = "Maria Bria")                                         // 13: NIK again in the home
            .Raw("riang-naibonat,5301050101160013,Kornelis Tefa")                                       // 14: columns missing
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 14), r => r["tanggal_tahap"] = "2026-07-01") // 15: stage date after today
            .Row(BudiAgung, Elder, r => { r["kategori"] = "lansia"; r["tanggal_masuk"] = "2020-02-01"; }); // 16

        var result = await ImportAsync(db, file);

        Assert.Equal((15L, 3, 0, 0), (result.Read, result.Added, result.Updated, result.Unchanged));
        Assert.Equal([4L, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], result.Rejected.Select(r => r.Line));
        var reasons = result.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Contains("NIK harus 16 digit", reasons[4], StringComparison.Ordinal);
        Assert.Contains("tanggal lahir pada NIK (digit 7–12: 010116) tidak cocok dengan tanggal lahir 02/01/2016", reasons[5], StringComparison.Ordinal);
        Assert.Contains("NIK menandai perempuan", reasons[6], StringComparison.Ordinal);
        Assert.Contains("nama kosong", reasons[7], StringComparison.Ordinal);
        Assert.Contains("tanggal masuk '31-02-2024' tidak sah", reasons[8], StringComparison.Ordinal);
        Assert.Contains("kategori 'remaja' bukan salah satu dari anak, lansia, disabilitas", reasons[9], StringComparison.Ordinal);
        Assert.Contains("tahap 'selesai' bukan salah satu dari pendekatan-awal", reasons[10], StringComparison.Ordinal);
        Assert.Contains("kode panti 'panti-lain' tidak dikenal", reasons[11], StringComparison.Ordinal);
        Assert.Contains("nama diawali tanda = + - atau @", reasons[12], StringComparison.Ordinal);
        Assert.Contains("NIK ini sudah ada pada baris 2", reasons[13], StringComparison.Ordinal);
        Assert.Contains("jumlah kolom 3, seharusnya 14", reasons[14], StringComparison.Ordinal);
        Assert.Contains("tanggal tahap 01/07/2026 belum tiba", reasons[15], StringComparison.Ordinal);
        Assert.All(result.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.RawLine)));

        await using var ctx = db.Context();
        var stored = await ctx.Residents.AsNoTracking().OrderBy(r => r.Nik).ToListAsync();
        Assert.Equal([Boy, Girl, Elder], stored.Select(r => r.Nik));
        var girl = stored.Single(r => r.Nik == Girl);
        Assert.Equal((Naibonat, "Maria Goreti Bria", "P", new DateOnly(2015, 5, 5), "anak", "Desa Naibonat, Kupang Timur", "intervensi", new DateOnly(2025, 6, 1), "upt.naibonat", false),
            (girl.HomeCode, girl.Name, girl.Sex, girl.BirthDate, girl.Category, girl.OriginAddress, girl.Stage, girl.StageSince, girl.UpdatedBy, girl.InDtks));
        var history = await ctx.ResidentStages.AsNoTracking().Where(s => s.ResidentId == girl.Id).ToListAsync();
        Assert.Equal([("intervensi", new DateOnly(2025, 6, 1))], history.Select(s => (s.Stage, s.On)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_good_lines_are_written_in_one_transaction_so_a_failure_while_writing_leaves_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new ResidentFile().Row(Naibonat, Girl).Row(Naibonat, Boy);

        await using (var ctx = ContextWith(db, new FailingHistoryWrite()))
        {
            // The residents are inserted first (for their ids), then their history fails.
            var failed = await Assert.ThrowsAsync<DbUpdateException>(() => new ImportResidents(Clock()).HandleAsync(ctx, file.Stream(), Province, "upt.naibonat"));
            Assert.IsType<InvalidOperationException>(failed.InnerException);
        }

        await using var check = db.Context();
        Assert.Equal(0, await check.Residents.CountAsync());
        Assert.Equal(0, await check.ResidentStages.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_second_import_of_the_same_file_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new ResidentFile()
            .Row(Naibonat, Girl)
            .Row(Naibonat, Boy, r => { r["tahap"] = "resosialisasi"; r["rencana_selesai"] = "ya"; })
            .Row(Naibonat, DtksFile.Nik("530105", "010116", 4)[..15]);
        var first = await ImportAsync(db, file);
        var before = await RegisterAsync(db);

        var second = await ImportAsync(db, file);

        Assert.Equal((3L, 2, 0, 0, 1), (first.Read, first.Added, first.Updated, first.Unchanged, first.Rejected.Count));
        Assert.Equal((3L, 0, 0, 2), (second.Read, second.Added, second.Updated, second.Unchanged));
        Assert.Equal(first.Rejected, second.Rejected);
        Assert.Equal(before, await RegisterAsync(db));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_changed_line_updates_the_resident_and_a_later_stage_goes_into_the_history(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, new ResidentFile().Row(Naibonat, Girl).Row(Naibonat, Boy));

        var result = await ImportAsync(db, new ResidentFile()
            .Row(Naibonat, Girl, r => { r["tahap"] = "resosialisasi"; r["tanggal_tahap"] = "2026-03-01"; r["rencana_selesai"] = "ya"; r["nama_wali"] = "Agustina Bria"; r["hubungan_wali"] = "ibu"; })
            .Row(Naibonat, Boy));

        Assert.Equal((0, 1, 1), (result.Added, result.Updated, result.Unchanged));
        await using var ctx = db.Context();
        var girl = await ctx.Residents.AsNoTracking().SingleAsync(r => r.Nik == Girl);
        Assert.Equal(("resosialisasi", new DateOnly(2026, 3, 1), true, "Agustina Bria", "ibu", 1),
            (girl.Stage, girl.StageSince, girl.PlanCompleted, girl.GuardianName, girl.GuardianRelation, girl.RowVersion));
        var history = await ctx.ResidentStages.AsNoTracking().Where(s => s.ResidentId == girl.Id).OrderBy(s => s.On).Select(s => new { s.Stage, s.On }).ToListAsync();
        Assert.Equal([("intervensi", new DateOnly(2025, 6, 1)), ("resosialisasi", new DateOnly(2026, 3, 1))], history.Select(h => (h.Stage, h.On)));
        Assert.Equal(0, (await ctx.Residents.AsNoTracking().SingleAsync(r => r.Nik == Boy)).RowVersion);
    }

    public static TheoryData<DatabaseProvider, string> BrokenFiles => new()
    {
        { DatabaseProvider.Sqlite, "header" },
        { DatabaseProvider.Sqlite, "missing-column" },
        { DatabaseProvider.Sqlite, "encoding" },
        { DatabaseProvider.Sqlite, "quote" },
        { DatabaseProvider.Postgres, "encoding" },
        { DatabaseProvider.Postgres, "quote" },
    };

    [SkippableTheory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_structurally_broken_file_changes_nothing(DatabaseProvider provider, string defect)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, new ResidentFile().Row(Naibonat, Girl));
        var before = await RegisterAsync(db);
        // Good lines first (an update and a new resident), the defect at the end.
        var good = new ResidentFile()
            .Row(Naibonat, Girl, r => { r["tahap"] = "resosialisasi"; r["tanggal_tahap"] = "2026-03-01"; })
            .Row(Naibonat, Boy);
        var bytes = defect switch
        {
            "header" => Encoding.UTF8.GetBytes("panti;nomor;nama\n" + string.Join('\n', Encoding.UTF8.GetString(good.Bytes()).Split('\n').Skip(1))),
            "missing-column" => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good.Bytes()).Replace(",evaluasi_selesai", "", StringComparison.Ordinal)),
            "encoding" => [.. good.Bytes(), .. "riang-naibonat,5301050101160009,Kornelis "u8, 0xC3, 0x28, .. ",L\n"u8],
            _ => good.Raw("riang-naibonat,5301050101160009,\"Kornelis Tefa,L,2016-01-01,anak").Row(Naibonat, Elder).Bytes(),
        };

        var refused = await Assert.ThrowsAsync<FileRefusedException>(() => ImportAsync(db, new MemoryStream(bytes)));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, await RegisterAsync(db));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UPT_staff_cannot_import_rows_of_another_home(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = new ResidentFile()
            .Row(Naibonat, Girl)
            .Row(BudiAgung, Elder, r => { r["kategori"] = "lansia"; r["tanggal_masuk"] = "2020-02-01"; });

        var result = await ImportAsync(db, file, NaibonatStaff);

        Assert.Equal(1, result.Added);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.Contains("panti budi-agung bukan panti Anda (riang-naibonat)", rejected.Reason, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.Equal([Naibonat], await ctx.Residents.Select(r => r.HomeCode).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_NIK_in_DTKS_must_agree_with_it_on_sex_and_birth_date_and_marks_the_resident_as_in_DTKS(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var agrees = DtksFile.Nik("537101", "450385", 1);        // woman, 05-03-1985, the same in DTKS
        var otherBirth = DtksFile.Nik("537101", "450385", 2);    // DTKS says born 06-03-1985
        var otherSex = DtksFile.Nik("537101", "120680", 3);      // a man's NIK, DTKS says P
        var dtks = new DtksFile()
            .Row("H1", agrees)
            .Row("H2", otherBirth, r => r["tanggal_lahir"] = "1985-03-06")
            .Row("H3", otherSex, r => r["jenis_kelamin"] = "P")
            .WriteTo(db.Folder);
        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(dtks));
        const string Home = "tuna-netra-karya-wanita";
        void Adult(Dictionary<string, string> r)
        {
            r["kategori"] = "disabilitas";
        }

        var result = await ImportAsync(db, new ResidentFile().Row(Home, agrees, Adult).Row(Home, otherBirth, Adult).Row(Home, otherSex, Adult).Row(Home, Boy));

        Assert.Equal(2, result.Added);
        Assert.Equal([3L, 4], result.Rejected.Select(r => r.Line));
        Assert.Contains("NIK terdaftar di DTKS periode 2020-10, tetapi tanggal lahir 05/03/1985 berbeda dengan DTKS (06/03/1985)", result.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("jenis kelamin L berbeda dengan DTKS (P)", result.Rejected[1].Reason, StringComparison.Ordinal);
        await using var ctx = db.Context();
        Assert.True((await ctx.Residents.SingleAsync(r => r.Nik == agrees)).InDtks);
        Assert.False((await ctx.Residents.SingleAsync(r => r.Nik == Boy)).InDtks);
    }

    [Fact]
    public async Task A_stage_never_goes_back_and_bimbingan_lanjut_needs_the_date_of_termination()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await ImportAsync(db, new ResidentFile().Row(Naibonat, Girl));
        var later = DtksFile.Nik("530105", "010116", 5);
        var known = DtksFile.Nik("530105", "010116", 6);

        var result = await ImportAsync(db, new ResidentFile(withTerminationDate: true)
            .Row(Naibonat, Girl, r => { r["tahap"] = "pendekatan-awal"; r["tanggal_tahap"] = "2024-01-10"; })        // 2: backwards
            .Row(Naibonat, Boy, r => { r["tahap"] = "bimbingan-lanjut"; r["tanggal_tahap"] = "2026-05-01"; })        // 3: no termination date
            .Row(Naibonat, later, r => { r["tahap"] = "intervensi"; r["tanggal_terminasi"] = "2025-01-01"; })        // 4: termination date on another stage
            .Row(Naibonat, known, r => { r["tahap"] = "bimbingan-lanjut"; r["tanggal_tahap"] = "2026-05-01"; r["tanggal_terminasi"] = "2026-02-01"; }));

        Assert.Equal([2L, 3, 4], result.Rejected.Select(r => r.Line));
        Assert.Contains("tahap tidak boleh mundur: sekarang Intervensi sejak 01/06/2025", result.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("bimbingan-lanjut memerlukan tanggal_terminasi", result.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("tanggal_terminasi hanya diisi untuk tahap terminasi atau bimbingan-lanjut", result.Rejected[2].Reason, StringComparison.Ordinal);
        await using var ctx = db.Context();
        var resident = await ctx.Residents.AsNoTracking().SingleAsync(r => r.Nik == known);
        var history = await ctx.ResidentStages.AsNoTracking().Where(s => s.ResidentId == resident.Id).OrderBy(s => s.On).ToListAsync();
        Assert.Equal([("terminasi", new DateOnly(2026, 2, 1)), ("bimbingan-lanjut", new DateOnly(2026, 5, 1))], history.Select(s => (s.Stage, s.On)));
        Assert.Equal("intervensi", (await ctx.Residents.AsNoTracking().SingleAsync(r => r.Nik == Girl)).Stage);
    }

    [Fact]
    public async Task A_file_without_data_lines_is_refused()
    {
        await using var db = await TestDatabase.SqliteAsync();

        var refused = await Assert.ThrowsAsync<FileRefusedException>(() => ImportAsync(db, new ResidentFile()));

        Assert.Equal("Berkas hanya berisi judul kolom, tanpa data.", refused.Message);
    }
}
