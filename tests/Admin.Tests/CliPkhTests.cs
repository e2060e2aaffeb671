using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class CliPkhTests() : CliFolder("pkh.db")
{
    private static readonly string Csv =
        "periode,id_kpm,no_kk,nik_pengurus,nama_pengurus,kode_desa,tahun_masuk,ibu_hamil,anak_usia_dini,anak_sd,anak_smp,anak_sma,lansia,disabilitas_berat,"
        + "peringatan_komitmen,kehadiran_p2k2,kehadiran_sekolah,pendamping\n"
        + "2025,5307000001,5307010101200001,5307014505850001,Yuliana Nona,53.07.01.2001,2018,1,1,2,0,0,0,0,0,0.8,0.95,pendamping.sikka\n"
        + "2025,5308000001,5308010101200001,5308014505850002,Agnes Wea,53.08.01.2002,2018,0,0,1,0,0,1,0,1,70%,90%,pendamping.sikka\n";

    /// <summary>A migrated database with the coordinator of Sikka, a pendamping of Sikka and a viewer.</summary>
    private async Task PrepareAsync()
    {
        Assert.Equal(0, (await Cli.RunAsync("db", "migrate")).ExitCode);
        await using var db = Settings.CreateContext();
        foreach (var (name, role, scope) in new[] { ("koordinator.sikka", "koordinator-pkh", "53.07"), ("pendamping.sikka", "pendamping", "53.07"), ("pengamat", "viewer", "*") })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionScope = scope };
            var identityRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Users.Add(user);
            db.Roles.Add(identityRole);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = identityRole.Id });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Pkh_import_as_the_coordinator_imports_their_kabupaten_lists_the_other_rows_and_a_second_run_changes_nothing()
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "kpm.csv");
        await File.WriteAllTextAsync(path, Csv);

        var first = await Cli.RunAsync("pkh", "import", path, "--as", "koordinator.sikka");
        var second = await Cli.RunAsync("pkh", "import", path, "--as", "koordinator.sikka");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal((2, 1, 0, 0, 1, 1), (first.Json.GetProperty("read").GetInt32(), first.Json.GetProperty("added").GetInt32(),
            first.Json.GetProperty("updated").GetInt32(), first.Json.GetProperty("unchanged").GetInt32(), first.Json.GetProperty("rejected").GetInt32(),
            first.Json.GetProperty("not_in_dtks").GetInt32()));
        Assert.Contains("Baris 3: desa 53.08.01.2002 di luar wilayah Anda (53.07)", first.Stderr, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(first.Json.GetProperty("rejects_file").GetString()!);
        Assert.Equal("baris,id_kpm,alasan,isi_baris", rejects[0]);
        Assert.StartsWith("3,\"5308000001\",", rejects[1], StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), (second.Json.GetProperty("added").GetInt32(), second.Json.GetProperty("updated").GetInt32(), second.Json.GetProperty("unchanged").GetInt32()));
        await using var db = Settings.CreateContext();
        var stored = await db.Kpms.SingleAsync();
        Assert.Equal(("5307000001", "pendamping.sikka", 0.8m), (stored.KpmCode, stored.Pendamping, stored.P2k2Attendance));
    }

    [Fact]
    public async Task Pkh_import_with_replace_and_a_rejected_line_exits_with_2_writes_the_rejects_and_changes_nothing()
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "kpm.csv");
        await File.WriteAllTextAsync(path, Csv);

        var result = await Cli.RunAsync("pkh", "import", path, "--replace", "--as", "koordinator.sikka");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Penggantian periode ditolak", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.ChangeExtension(path, ".rejects.csv")).Length);
        await using var db = Settings.CreateContext();
        Assert.Equal(0, await db.Kpms.CountAsync());
    }

    [Fact]
    public async Task Pkh_import_as_a_viewer_exits_with_2_and_imports_nothing()
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "kpm.csv");
        await File.WriteAllTextAsync(path, Csv);

        var result = await Cli.RunAsync("pkh", "import", path, "--as", "pengamat");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Peran Anda tidak boleh mengimpor berkas KPM PKH", result.Stderr, StringComparison.Ordinal);
        await using var db = Settings.CreateContext();
        Assert.Equal(0, await db.Kpms.CountAsync());
    }
}
