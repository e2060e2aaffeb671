using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Tests.Support;
using static Sejahtera.Engine.Tests.Pkh.PkhTestData;

namespace Sejahtera.Engine.Tests.Pkh;

public sealed class KpmImportTests
{
    private const string KkOne = "5307010101200001";
    private const string KkTwo = "5307010101200002";
    private const string KkThree = "5307010101200003";
    private static readonly string Mother = DtksFile.Nik("530701", "450585", 1);  // woman, 05-05-1985
    private static readonly string Other = DtksFile.Nik("530701", "520790", 2);   // woman, 12-07-1990

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static async Task<TestDatabase> PreparedAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        await UsersAsync(ctx);
        return db;
    }

    private static async Task<KpmImportResult> ImportAsync(TestDatabase db, KpmFile file, bool replace = false, RegionScope? scope = null, string[]? roles = null)
    {
        await using var ctx = db.Context();
        return await new ImportKpm(Clock()).HandleAsync(ctx, file.Stream(), replace, scope ?? RegionScope.All, roles ?? Coordinator);
    }

    private static async Task<KpmImportResult> ImportTextAsync(TestDatabase db, string text)
    {
        await using var ctx = db.Context();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return await new ImportKpm(Clock()).HandleAsync(ctx, stream, false, RegionScope.All, Coordinator);
    }

    private static async Task<List<(string Period, string Code, string Hash, long? Household, DateTimeOffset At)>> RegisterAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        return (await ctx.Kpms.AsNoTracking().OrderBy(k => k.Period).ThenBy(k => k.KpmCode).ToListAsync())
            .Select(k => (k.Period, k.KpmCode, k.ContentHash, k.HouseholdId, k.ImportedAt)).ToList();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_file_with_bad_lines_imports_the_good_ones_and_lists_every_bad_line_with_its_number_and_reason(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        var file = new KpmFile()
            .Row("5307000001", KkOne, Mother)                                                                   // 2
            .Row("5307000002", KkTwo, Other, r => { r["kehadiran_p2k2"] = "45%"; r["anak_sd"] = "0"; r["kehadiran_sekolah"] = ""; }) // 3
            .Row("5307000003", KkThree[..15], Mother)                                                           // 4: short KK
            .Row("5307000004", KkThree, Mother[..15])                                                           // 5: short NIK
            .Row("5307000005", KkThree, DtksFile.Nik("530701", "450585", 0))                                    // 6: serial 0000
            .Row("5307000006", KkThree, Mother, r => r["kode_desa"] = "53.07.99.9999")                          // 7: unknown desa
            .Row("5307000007", KkThree, Mother, r => r["anak_sd"] = "-1")                                       // 8: negative count
            .Row("5307000008", KkThree, Mother, r => r["kehadiran_p2k2"] = "1.2")                               // 9: share above 1
            .Row("5307000009", KkThree, Mother, r => r["tahun_masuk"] = "2006")                                 // 10: before PKH
            .Row("5307000010", KkThree, Mother, r => r["tahun_masuk"] = "2027")                                 // 11: future
            .Row("5307000011", KkThree, Mother, r => r["pendamping"] = "verifikator.sikka")                     // 12: not a pendamping
            .Row("5307000012", KkThree, Mother, r => r["pendamping"] = "pendamping.ende")                       // 13: pendamping of Ende
            .Row("5307000001", KkThree, Mother)                                                                 // 14: KPM again
            .Raw("2026,5307000013,5307010101200003")                                                            // 15: columns missing
            .Row("5307000014", KkThree, Mother, r => r["nama_pengurus"] = "=HYPERLINK(1)")                      // 16: formula
            .Row("5307000015", KkThree, Mother, r => r["kehadiran_sekolah"] = "");                              // 17: school share missing with pupils

        var result = await ImportAsync(db, file);

        Assert.Equal((16L, 2, 0, 0), (result.Read, result.Added, result.Updated, result.Unchanged));
        Assert.Equal([4L, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], result.Rejected.Select(r => r.Line));
        var reasons = result.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Contains("nomor KK harus 16 digit", reasons[4], StringComparison.Ordinal);
        Assert.Contains("NIK pengurus harus 16 digit", reasons[5], StringComparison.Ordinal);
        Assert.Contains("nomor urut NIK pengurus (digit 13–16) tidak boleh 0000", reasons[6], StringComparison.Ordinal);
        Assert.Contains("kode desa '53.07.99.9999' tidak dikenal", reasons[7], StringComparison.Ordinal);
        Assert.Contains("anak_sd harus bilangan bulat 0 atau lebih", reasons[8], StringComparison.Ordinal);
        Assert.Contains("kehadiran_p2k2 1.2 lebih dari 1", reasons[9], StringComparison.Ordinal);
        Assert.Contains("tahun_masuk 2006 sebelum 2007", reasons[10], StringComparison.Ordinal);
        Assert.Contains("tahun_masuk 2027 belum tiba", reasons[11], StringComparison.Ordinal);
        Assert.Contains("'verifikator.sikka' bukan nama pengguna berperan pendamping", reasons[12], StringComparison.Ordinal);
        Assert.Contains("pendamping pendamping.ende tidak bertugas di kabupaten/kota 53.07", reasons[13], StringComparison.Ordinal);
        Assert.Contains("id_kpm ini sudah ada pada baris 2", reasons[14], StringComparison.Ordinal);
        Assert.Contains("jumlah kolom 3, seharusnya 18", reasons[15], StringComparison.Ordinal);
        Assert.Contains("nama_pengurus", reasons[16], StringComparison.Ordinal);
        Assert.Contains("kehadiran_sekolah '' harus angka 0–1", reasons[17], StringComparison.Ordinal);
        Assert.Equal("5307000006", result.Rejected.Single(r => r.Line == 7).KpmCode);

        await using var ctx = db.Context();
        var stored = await ctx.Kpms.AsNoTracking().OrderBy(k => k.KpmCode).ToListAsync();
        Assert.Equal(["5307000001", "5307000002"], stored.Select(k => k.KpmCode));
        var first = stored[0];
        Assert.Equal(("2026", KkOne, Mother, "53.07.01.2001", "53.07", 2015, 1, 2, 0.9m, 0.95m, "pendamping.sikka"),
            (first.Period, first.KkNumber, first.CaretakerNik, first.DesaCode, first.KabupatenCode, first.YearOfEntry, first.YoungChildren, first.SdChildren,
                first.P2k2Attendance, first.SchoolAttendance, first.Pendamping));
        Assert.Equal((0.45m, 1m), (stored[1].P2k2Attendance, stored[1].SchoolAttendance));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_second_import_of_the_same_file_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        var file = new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000002", KkTwo, Other).Row("5307000003", KkThree[..15], Mother);
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
    public async Task A_changed_line_updates_the_KPM_in_place(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000002", KkTwo, Other));
        var before = await RegisterAsync(db);

        var result = await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother, r => r["peringatan_komitmen"] = "2").Row("5307000002", KkTwo, Other));

        Assert.Equal((0, 1, 1), (result.Added, result.Updated, result.Unchanged));
        await using var ctx = db.Context();
        Assert.Equal(2, (await ctx.Kpms.AsNoTracking().SingleAsync(k => k.KpmCode == "5307000001")).CommitmentWarnings);
        Assert.NotEqual(before[0].Hash, (await RegisterAsync(db))[0].Hash);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_structurally_broken_file_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother));
        var before = await RegisterAsync(db);

        // The last line opens a quote it never closes: the whole file is refused, even the good new line.
        var broken = new KpmFile().Row("5307000002", KkTwo, Other).Row("5307000001", KkOne, Mother, r => r["nama_pengurus"] = "\"Maria Bria");
        var quote = await Assert.ThrowsAsync<FileRefusedException>(() => ImportAsync(db, broken));
        var header = await Assert.ThrowsAsync<FileRefusedException>(() => ImportTextAsync(db, "a,b,c\n1,2,3\n"));
        var missing = await Assert.ThrowsAsync<FileRefusedException>(() => ImportTextAsync(db, "periode,id_kpm\n2026,1\n"));
        var empty = await Assert.ThrowsAsync<FileRefusedException>(() => ImportTextAsync(db, KpmFile.Header + "\n"));

        Assert.Contains("Baris 3: tanda kutip", quote.Message, StringComparison.Ordinal);
        Assert.Contains("bukan judul kolom berkas KPM PKH", header.Message, StringComparison.Ordinal);
        Assert.Contains("Kolom wajib tidak ada: no_kk", missing.Message, StringComparison.Ordinal);
        Assert.Contains("hanya berisi judul kolom", empty.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RegisterAsync(db));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Replace_makes_the_file_the_whole_period_and_a_file_with_a_bad_line_replaces_nothing(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        await ImportAsync(db, new KpmFile()
            .Row("5307000001", KkOne, Mother).Row("5307000002", KkTwo, Other)
            .Row("5307000009", KkThree, Mother, r => r["periode"] = "2025"));
        var before = await RegisterAsync(db);

        var refused = await Assert.ThrowsAsync<KpmReplaceRefusedException>(() =>
            ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000003", KkThree[..15], Mother), replace: true));
        Assert.Equal([3L], refused.Rejected.Select(r => r.Line));
        Assert.Equal(before, await RegisterAsync(db));

        var result = await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000003", KkThree, Mother), replace: true);

        Assert.Equal((1, 0, 1, 1), (result.Added, result.Updated, result.Unchanged, result.Removed));
        Assert.Equal([("2025", "5307000009"), ("2026", "5307000001"), ("2026", "5307000003")], (await RegisterAsync(db)).Select(k => (k.Period, k.Code)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_KPM_without_a_DTKS_household_is_imported_and_flagged_and_one_with_a_household_gets_its_desil(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        long household;
        await using (var ctx = db.Context())
        {
            household = await HouseholdAsync(ctx, KkOne, desil: 2);
        }

        var result = await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000002", KkTwo, Other));

        Assert.Equal(2, result.Added);
        Assert.Equal([new FlaggedKpmLine(3, "5307000002", KpmFlags.NotInDtks)], result.Flagged);
        await using var check = db.Context();
        var stored = await check.Kpms.AsNoTracking().OrderBy(k => k.KpmCode).Select(k => new { k.HouseholdId, k.Desil }).ToListAsync();
        Assert.Equal((household, 2), (stored[0].HouseholdId!.Value, stored[0].Desil!.Value));
        Assert.Equal((null, null), (stored[1].HouseholdId, stored[1].Desil));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_family_that_already_graduated_is_imported_and_flagged(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        await using (var ctx = db.Context())
        {
            ctx.KpmExits.Add(new KpmExit { KpmCode = "5307000001", Kind = "graduasi-mandiri", On = new DateOnly(2025, 11, 3), FromPeriod = "2026", ProposalId = 1 });
            await ctx.SaveChangesAsync();
        }

        var result = await ImportAsync(db, new KpmFile().Row("5307000001", KkOne, Mother).Row("5307000001", KkOne, Mother, r => r["periode"] = "2025"));

        Assert.Equal(2, result.Added);
        Assert.Equal([2L], result.Flagged.Where(f => f.Flag == KpmFlags.Graduated).Select(f => f.Line));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_coordinator_imports_only_their_kabupaten_and_a_pendamping_may_not_import(DatabaseProvider provider)
    {
        await using var db = await PreparedAsync(provider);
        var file = new KpmFile()
            .Row("5307000001", KkOne, Mother)
            .Row("5308000001", "5308010101200001", Other, r => { r["kode_desa"] = "53.08.01.2002"; r["pendamping"] = "pendamping.ende"; });

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => ImportAsync(db, file, roles: ["pendamping"]));
        var result = await ImportAsync(db, file, scope: RegionScope.Parse("53.07"));

        Assert.Contains("Peran Anda tidak boleh mengimpor berkas KPM PKH", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Added);
        Assert.Contains("desa 53.08.01.2002 di luar wilayah Anda (53.07)", result.Rejected.Single().Reason, StringComparison.Ordinal);
    }
}
