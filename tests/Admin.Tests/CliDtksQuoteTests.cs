using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliDtksQuoteTests : CliFolder
{
    [Fact]
    public async Task A_file_with_a_quote_left_open_exits_with_code_2_naming_the_line_and_replaces_nothing()
    {
        var generated = await Cli.RunAsync("dtks", "generate", "--households", "40", "--seed", "11", "--out", PathOf("dtks.csv"));
        Assert.Equal(0, generated.ExitCode);
        var imported = await Cli.RunAsync("dtks", "import", PathOf("dtks.csv"));
        Assert.Equal(0, imported.ExitCode);
        var households = imported.Json.GetProperty("households").GetInt64();
        var lines = await File.ReadAllLinesAsync(PathOf("dtks.csv"));
        Assert.DoesNotContain(lines, l => l.Contains('"', StringComparison.Ordinal));
        lines[11] = "\"" + lines[11]; // line 12 opens a quote that no later line closes
        await File.WriteAllLinesAsync(PathOf("stray-quote.csv"), lines);

        var result = await Cli.RunAsync("dtks", "import", PathOf("stray-quote.csv"), "--replace");
        var stats = await Cli.RunAsync("dtks", "stats");

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.StartsWith("Ditolak: Baris 12: tanda kutip (\") tidak ditutup", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.Json.GetProperty("changed").GetBoolean());
        Assert.Equal((households, 1), (stats.Json.GetProperty("households").GetInt64(), stats.Json.GetProperty("periods").GetInt32()));
        Assert.False(File.Exists(PathOf("stray-quote.rejects.csv")));
    }
}
