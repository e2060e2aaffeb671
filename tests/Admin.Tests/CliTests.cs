using System.Text;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliTests : CliFolder
{
    [Fact]
    public async Task A_generated_file_with_defects_imports_with_every_line_accounted_for_and_a_second_import_changes_nothing()
    {
        var generated = await Cli.RunAsync("dtks", "generate", "--households", "4000", "--seed", "7", "--defects", "0.05", "--out", PathOf("dtks.csv"));
        Assert.Equal(0, generated.ExitCode);
        var rows = generated.Json.GetProperty("rows").GetInt64();

        var first = await Cli.RunAsync("dtks", "import", PathOf("dtks.csv"));
        var second = await Cli.RunAsync("dtks", "import", PathOf("dtks.csv"));
        var stats = await Cli.RunAsync("dtks", "stats");

        Assert.Equal(0, first.ExitCode);
        var summary = first.Json;
        Assert.Equal(rows, summary.GetProperty("read").GetInt64());
        Assert.Equal(summary.GetProperty("read").GetInt64(), summary.GetProperty("members").GetInt64() + summary.GetProperty("rejected").GetInt64());
        Assert.True(summary.GetProperty("rejected").GetInt64() > 0);
        Assert.True(summary.GetProperty("flagged_duplicates").GetInt64() > 0);
        var rejects = File.ReadAllLines(summary.GetProperty("rejects_file").GetString()!).Skip(1).ToList();
        Assert.Equal(summary.GetProperty("rejected").GetInt64(), rejects.Count);
        Assert.All(rejects, r => Assert.Matches("^[0-9]+,\"[^\"]*\",\"[^\"]+\",", r));

        Assert.Equal(0, second.ExitCode);
        Assert.True(second.Json.GetProperty("already_imported").GetBoolean());
        Assert.Equal(summary.GetProperty("members").GetInt64(), second.Json.GetProperty("members").GetInt64());
        Assert.Equal(summary.GetProperty("members").GetInt64(), stats.Json.GetProperty("members").GetInt64());
        Assert.Equal(1, stats.Json.GetProperty("periods").GetInt32());
    }

    public static TheoryData<string> UnusableFiles => new() { "empty", "semicolon-free tabs", "missing columns", "binary junk" };

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public async Task An_unusable_file_exits_with_code_2_and_a_reason_and_changes_nothing(string kind)
    {
        var path = PathOf("bad.csv");
        byte[] content = kind switch
        {
            "empty" => [],
            "semicolon-free tabs" => Encoding.UTF8.GetBytes(string.Join('\t', DtksColumns.All) + "\n1\t2\n"),
            "missing columns" => Encoding.UTF8.GetBytes("id_dtks,nik\nH1,5307014503850001\n"),
            _ => [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03],
        };
        await File.WriteAllBytesAsync(path, content);

        var result = await Cli.RunAsync("dtks", "import", path);
        var stats = await Cli.RunAsync("dtks", "stats");

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.StartsWith("Ditolak: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(0, stats.Json.GetProperty("households").GetInt64());
    }

    [Fact]
    public async Task A_file_with_a_2_GB_line_exits_with_code_2_without_reading_it_into_memory()
    {
        var path = PathOf("huge-line.csv");
        await using (var stream = File.Create(path))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join(',', DtksColumns.All) + "\nH1,"));
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'x');
            for (var i = 0; i < 2048; i++)
            {
                await stream.WriteAsync(chunk);
            }
        }

        try
        {
            var result = await Cli.RunAsync("dtks", "import", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("Baris 2 lebih panjang dari 65.536 karakter", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_import_killed_half_way_leaves_no_partial_period_behind()
    {
        // 60,000 households write several times the 8 MB awaited below inside the import's transaction, so the
        // kill still lands half-way; the full import that follows proves the period is then imported whole.
        var generated = await Cli.RunAsync("dtks", "generate", "--households", "60000", "--seed", "3", "--out", PathOf("big.csv"));
        Assert.Equal(0, generated.ExitCode);

        using (var import = Cli.Start("dtks", "import", PathOf("big.csv")))
        {
            // Wait until rows are being written inside the import's transaction, then kill it.
            var wal = Database + "-wal";
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(File.Exists(wal) && new FileInfo(wal).Length > 8_000_000) && !import.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(import.HasExited, "The import finished before it could be killed; use a bigger file.");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }

        var afterKill = await Cli.RunAsync("dtks", "stats");
        Assert.Equal(0, afterKill.ExitCode);
        Assert.Equal((0L, 0), (afterKill.Json.GetProperty("households").GetInt64(), afterKill.Json.GetProperty("periods").GetInt32()));

        var again = await Cli.RunAsync("dtks", "import", PathOf("big.csv"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(60_000, again.Json.GetProperty("households").GetInt64());
    }

    [Fact]
    public async Task A_verb_the_executable_does_not_know_exits_2_naming_it_and_listing_the_verbs_without_starting_the_server()
    {
        var result = await Cli.RunAsync("indikator", "report");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Perintah 'indikator report' tidak dikenal. Perintah yang ada: db, dtks, rules, screen, audit, workflows, panti, pkh, indicators, worker, help.",
            result.Stderr, StringComparison.Ordinal);
        Assert.Contains("  pkh evaluate --period PERIODE --as-of yyyy-mm-dd", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verbs_and_bad_options_exit_with_code_2()
    {
        var unknown = await Cli.RunAsync("dtks", "frobnicate");
        var badNumber = await Cli.RunAsync("dtks", "generate", "--households", "banyak", "--out", PathOf("x.csv"));
        var missingFile = await Cli.RunAsync("dtks", "import", PathOf("tidak-ada.csv"));

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Pemakaian", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badNumber.ExitCode);
        Assert.Contains("--households harus berupa angka", badNumber.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingFile.ExitCode);
        Assert.Contains("tidak ditemukan", missingFile.Stderr, StringComparison.Ordinal);
    }
}
