using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliHelpTests : CliFolder
{
    [Theory]
    [InlineData("db", "db migrate")]
    [InlineData("dtks", "dtks import FILE")]
    [InlineData("rules", "rules replay DECISION_ID")]
    [InlineData("screen", "screen --period yyyy-mm")]
    [InlineData("audit", "audit verify")]
    [InlineData("workflows", "workflows list | validate")]
    [InlineData("panti", "panti import BERKAS.csv")]
    [InlineData("pkh", "pkh evaluate --period")]
    [InlineData("worker", "worker   (pekerja latar")]
    public async Task Every_verb_explains_itself_with_help_and_changes_nothing(string verb, string usage)
    {
        var help = await Cli.RunAsync(verb, "--help");
        var helpOfSub = await Cli.RunAsync(verb, "import", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"Pemakaian '{verb}':", help.Stderr, StringComparison.Ordinal);
        Assert.Contains(usage, help.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Verbs.Where(v => v != verb), v => help.Stderr.Contains($"\n  {v} ", StringComparison.Ordinal));
        Assert.Equal(0, helpOfSub.ExitCode);
        Assert.False(File.Exists(Database), "--help touched the database");
    }

    private static readonly string[] Verbs = ["db", "dtks", "rules", "screen", "audit", "workflows", "panti", "pkh", "worker"];
}
