using System.Diagnostics;
using System.Text;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Workflows.Tests;

/// <summary>What a definition may cost to read, and that every case it describes can end.</summary>
public class DefinitionLimitTests
{
    private static readonly WorkflowVocabulary Vocabulary = DefaultWorkflows.Vocabulary;

    /// <summary>A chain s0 → s1 → … → s(n-1) ending in a final state, padded to about <paramref name="padTo"/> characters.</summary>
    private static string Chain(int states, int padTo = 0)
    {
        var json = new StringBuilder("{ \"key\": \"rantai\", \"version\": 1, \"initial\": \"s0\", \"states\": {");
        for (var i = 0; i < states; i++)
        {
            json.Append(i == states - 1
                ? $"\n  \"s{i}\": {{ \"final\": true }}"
                : $"\n  \"s{i}\": {{ \"on\": {{ \"next\": {{ \"to\": \"s{i + 1}\" }} }} }},");
        }

        json.Append(" } }");
        if (json.Length < padTo)
        {
            json.Append(' ', padTo - json.Length);
        }

        return json.ToString();
    }

    [Fact]
    public void A_chain_of_200_states_is_within_the_limits()
    {
        Assert.Empty(WorkflowDefinitionReader.Read(TestLabels.Added(Chain(200)), Vocabulary).Problems);
    }

    [Fact]
    public void A_definition_with_50000_states_is_refused_for_its_size_before_it_is_parsed()
    {
        var json = Chain(50_000);
        Assert.True(json.Length > 2_000_000);
        var watch = Stopwatch.StartNew();

        var read = WorkflowDefinitionReader.Read(json, Vocabulary);

        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(ProblemKind.TooLarge, problem.Kind);
        Assert.StartsWith("definisi terlalu besar: ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("paling banyak 262144 byte (256 KB)", problem.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{watch.Elapsed}");
    }

    [Fact]
    public void Whitespace_counts_toward_the_size_limit_too()
    {
        Assert.Equal(ProblemKind.TooLarge, Assert.Single(WorkflowDefinitionReader.Read(Chain(3, padTo: 300_000), Vocabulary).Problems).Kind);
    }

    [Fact]
    public void A_definition_of_201_states_is_refused_naming_the_first_state_over_the_limit()
    {
        var read = WorkflowDefinitionReader.Read(Chain(201), Vocabulary);

        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(ProblemKind.TooManyStates, problem.Kind);
        Assert.Equal("state 's200': terlalu banyak state: paling banyak 200, definisi ini punya 201", problem.Message);
    }

    [Fact]
    public void A_definition_without_a_final_state_where_a_and_b_call_each_other_is_refused_naming_both()
    {
        const string json = """
            { "key": "pingpong", "version": 1, "initial": "a",
              "states": {
                "a": { "on": { "to-b": { "to": "b" } } },
                "b": { "on": { "to-a": { "to": "a" } } } } }
            """;

        var problems = WorkflowDefinitionReader.Read(TestLabels.Added(json), Vocabulary).Problems;

        Assert.Contains(problems, p => p.Kind == ProblemKind.NoFinalState && p.Message == "definisi harus punya minimal satu state akhir (\"final\": true)");
        Assert.Equal(["a", "b"], problems.Where(p => p.Kind == ProblemKind.NoWayToFinalState).Select(p => p.State));
        Assert.StartsWith("state 'a': tidak ada jalan dari state ini ke state akhir", problems.First(p => p.State == "a").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_with_no_way_out_is_refused_naming_its_states_even_when_another_path_ends()
    {
        const string json = """
            { "key": "perangkap", "version": 1, "initial": "draft",
              "states": {
                "draft":  { "on": { "submit": { "to": "review" }, "park": { "to": "wait" } } },
                "review": { "on": { "accept": { "to": "done" } } },
                "wait":   { "on": { "poke": { "to": "loop" } } },
                "loop":   { "on": { "back": { "to": "wait" } } },
                "done":   { "final": true } } }
            """;

        var problems = WorkflowDefinitionReader.Read(TestLabels.Added(json), Vocabulary).Problems;

        Assert.Equal(["wait", "loop"], problems.Select(p => p.State));
        Assert.All(problems, p => Assert.Equal(ProblemKind.NoWayToFinalState, p.Kind));
    }
}
