using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliWorkflowsTests : CliFolder
{
    [Fact]
    public async Task Workflows_are_listed_validated_and_drawn_from_the_CLI()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Workflows", "Defaults", "kube-proposal.json"));
        await File.WriteAllTextAsync(PathOf("ok.json"), json);
        await File.WriteAllTextAsync(PathOf("bad.json"), json.Replace("\"to\": \"field-verification\"", "\"to\": \"field-verificaton\"", StringComparison.Ordinal));

        var list = await Cli.RunAsync("workflows", "list");
        var ok = await Cli.RunAsync("workflows", "validate", PathOf("ok.json"));
        var bad = await Cli.RunAsync("workflows", "validate", PathOf("bad.json"));
        var diagram = await Cli.RunAsync("workflows", "diagram", "kube-proposal", "--version", "1");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal("kube-proposal", list.Json.GetProperty("workflows")[0].GetProperty("key").GetString());
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'desk-verification'", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("'pass'", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("field-verificaton", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, diagram.ExitCode);
        Assert.Contains("stateDiagram", diagram.Stdout, StringComparison.Ordinal);
        Assert.Contains("submit", diagram.Stdout, StringComparison.Ordinal);
    }
}
