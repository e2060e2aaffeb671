using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class CliPantiTests() : CliFolder("panti.db")
{
    private const string Csv =
        "kode_panti,nik,nama,jenis_kelamin,tanggal_lahir,kategori,tanggal_masuk,alamat_asal,nama_wali,hubungan_wali,tahap,tanggal_tahap,rencana_selesai,evaluasi_selesai\n"
        + "riang-naibonat,5301054112140001,Yasinta Lado,P,2014-12-01,anak,2025-02-03,Desa Naibonat,Agustina Lado,ibu,pendekatan-awal,2025-02-03,tidak,tidak\n"
        + "budi-agung,5371010202440001,Petrus Kase,L,1944-02-02,lansia,2020-01-10,Kota Kupang,,,intervensi,2021-01-01,tidak,tidak\n";

    /// <summary>A migrated database with a UPT staff member of Naibonat and a viewer.</summary>
    private async Task PrepareAsync()
    {
        Assert.Equal(0, (await Cli.RunAsync("db", "migrate")).ExitCode);
        await using var db = Settings.CreateContext();
        foreach (var (name, role, scope, home) in new[] { ("upt.naibonat", "upt-staff", "53.01", "riang-naibonat"), ("pengamat", "viewer", "*", (string?)null) })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionScope = scope, HomeCode = home };
            var identityRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Users.Add(user);
            db.Roles.Add(identityRole);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = identityRole.Id });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Panti_import_as_UPT_staff_imports_their_home_lists_the_other_homes_rows_and_a_second_run_changes_nothing()
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "penghuni.csv");
        await File.WriteAllTextAsync(path, Csv);

        var first = await Cli.RunAsync("panti", "import", path, "--as", "upt.naibonat");
        var second = await Cli.RunAsync("panti", "import", path, "--as", "upt.naibonat");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal((2, 1, 0, 0, 1), (first.Json.GetProperty("read").GetInt32(), first.Json.GetProperty("added").GetInt32(),
            first.Json.GetProperty("updated").GetInt32(), first.Json.GetProperty("unchanged").GetInt32(), first.Json.GetProperty("rejected").GetInt32()));
        Assert.Contains("Baris 3: panti budi-agung bukan panti Anda (riang-naibonat)", first.Stderr, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(first.Json.GetProperty("rejects_file").GetString()!);
        Assert.Equal("baris,nik,alasan,isi_baris", rejects[0]);
        Assert.StartsWith("3,\"5371010202440001\",\"panti budi-agung bukan panti Anda", rejects[1], StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), (second.Json.GetProperty("added").GetInt32(), second.Json.GetProperty("updated").GetInt32(), second.Json.GetProperty("unchanged").GetInt32()));
        await using var db = Settings.CreateContext();
        var stored = await db.Residents.SingleAsync();
        Assert.Equal(("riang-naibonat", "upt.naibonat"), (stored.HomeCode, stored.UpdatedBy));
    }

    [Theory]
    [InlineData("pengamat", "Peran Anda tidak boleh mencatat tahap rehabilitasi atau mengimpor daftar penghuni panti")]
    [InlineData("tidak.ada", "Pengguna tidak.ada tidak dikenal")]
    public async Task Panti_import_as_a_user_without_the_right_exits_with_2_and_imports_nothing(string user, string reason)
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "penghuni.csv");
        await File.WriteAllTextAsync(path, Csv);

        var result = await Cli.RunAsync("panti", "import", path, "--as", user);

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.StartsWith("Ditolak: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.False(result.Json.GetProperty("changed").GetBoolean());
        await using var db = Settings.CreateContext();
        Assert.Equal(0, await db.Residents.CountAsync());
    }

    [Fact]
    public async Task Panti_import_of_a_file_with_a_quote_left_open_exits_with_2_and_imports_nothing()
    {
        await PrepareAsync();
        var path = Path.Combine(Folder, "rusak.csv");
        await File.WriteAllTextAsync(path, Csv + "riang-naibonat,5301050101160001,\"Kornelis Tefa,L\n" + Csv.Split('\n')[1] + "\n");

        var result = await Cli.RunAsync("panti", "import", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Baris 4: tanda kutip (\") tidak ditutup", result.Stderr, StringComparison.Ordinal);
        await using var db = Settings.CreateContext();
        Assert.Equal(0, await db.Residents.CountAsync());
    }
}
