using System.Text.RegularExpressions;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Tests;

/// <summary>
/// The case engine's boundaries, read from the source: only the case service writes a case's log and
/// tasks, and neither the engine nor the host names a state or trigger of a shipped workflow (the
/// definition is data; the code knows states by meaning).
/// </summary>
public sealed partial class CaseEngineArchitectureTests
{
    private const string CaseService = "src/Engine/Cases/CaseService.cs";

    private static IEnumerable<(string Path, string Text)> Sources(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repo.Root, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(Repo.Root, f))));

    [Fact]
    public void Only_the_case_service_writes_transitions_and_tasks()
    {
        var writers = Sources("src", "bench")
            .Where(s => s.Path != CaseService && CaseWrite().IsMatch(s.Text))
            .Select(s => s.Path)
            .ToList();

        Assert.Empty(writers);
        Assert.Matches(CaseWrite(), File.ReadAllText(Path.Combine(Repo.Root, CaseService)));
    }

    [Fact]
    public void Neither_the_engine_nor_the_host_names_a_state_or_trigger_of_a_shipped_workflow()
    {
        var names = DefaultWorkflows.ShippedJson.Keys.Select(DefaultWorkflows.Shipped)
            .SelectMany(d => d.States.Select(s => s.Name).Concat(d.Triggers)).Distinct().ToList();
        var found = new List<string>();
        foreach (var (path, text) in Sources("src/Engine", "src/Admin"))
        {
            // Razor markup: only C# string literals count, not HTML attributes such as type="submit".
            var code = path.EndsWith(".cshtml", StringComparison.Ordinal)
                ? string.Join('\n', RazorCode().Matches(text).Select(m => m.Value)).Replace("type=\"submit\"", "", StringComparison.Ordinal)
                : text;
            found.AddRange(names.Where(n => code.Contains($"\"{n}\"", StringComparison.Ordinal) && !Allowed(path, n)).Select(n => $"{path}: \"{n}\""));
        }

        Assert.Empty(found);
    }

    [Fact]
    public void Disbursement_depends_on_the_case_engine_and_never_the_reverse()
    {
        var wrong = Sources("src/Engine/Cases", "src/Engine/Proposals")
            .Where(s => s.Text.Contains("Disbursement", StringComparison.Ordinal))
            .Select(s => s.Path)
            .ToList();

        Assert.Empty(wrong);
        Assert.Contains(Sources("src/Engine/Disbursement"), s => s.Text.Contains("using Sejahtera.Engine.Cases;", StringComparison.Ordinal));
    }

    /// <summary>Words that are a workflow name and, in these files, something else: the rule lifecycle's own draft status.</summary>
    private static bool Allowed(string path, string name) =>
        name == "draft" && (path.StartsWith("src/Engine/RuleLifecycle/", StringComparison.Ordinal) || path.StartsWith("src/Admin/Pages/Aturan/", StringComparison.Ordinal));

    [GeneratedRegex(@"ProposalTransitions\.Add|ProposalTasks\.Add|new ProposalTransition\b|new ProposalTask\b")]
    private static partial Regex CaseWrite();

    [GeneratedRegex(@"@\([^\n]*\)|@\{[^}]*\}|@(if|foreach)[^\n]*")]
    private static partial Regex RazorCode();
}
