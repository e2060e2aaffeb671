using System.Diagnostics;
using System.Text;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Facts;
using Sejahtera.Rules.Language;
using YamlDotNet.RepresentationModel;

namespace Sejahtera.Rules.Tests;

/// <summary>What a rule set may cost: its YAML before it is loaded, its expressions before they run, its evaluations while they run.</summary>
public class ResourceLimitTests
{
    private static RuleSetProblem Refused(string yaml) =>
        Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "probe.yaml")).Problems);

    [Fact]
    public void A_draft_of_50000_nested_brackets_is_refused_with_a_reason_instead_of_overflowing_the_stack()
    {
        var yaml = "program: contoh\nversion: \"1\"\ncriteria: " + new string('[', 50_000);

        var problem = Refused(yaml);

        Assert.Equal("YAML ditolak: daftar atau pemetaan bersarang terlalu dalam: lebih dari 32 tingkat", problem.Message);
        Assert.Equal(3, problem.Position.Line);
    }

    [Fact]
    public void Deep_block_nesting_by_indentation_is_refused_the_same_way()
    {
        var yaml = new StringBuilder("program: contoh\ncriteria:\n");
        for (var i = 0; i < 100; i++)
        {
            yaml.Append(' ', 2 * i).Append("- x:\n");
        }

        Assert.Contains("bersarang terlalu dalam", Refused(yaml.ToString()).Message, StringComparison.Ordinal);
    }

    private static string NestedMembers(int extraLevels) =>
        SampleRuleSet.Yaml.Replace("Members: [&petani", "Members: [" + new string('[', extraLevels) + "&petani", StringComparison.Ordinal)
            .Replace("*petani, *petani]\n", "*petani, *petani]" + new string(']', extraLevels) + "\n", StringComparison.Ordinal);

    [Fact]
    public void Thirty_two_levels_of_nesting_are_read_and_thirty_three_are_refused()
    {
        // The sample's deepest node is a member at level 6: document > tests > test > given > Members > member.
        Assert.NotNull(RuleSetCompiler.Compile(NestedMembers(26), "tiga-puluh-dua.yaml"));
        Assert.Contains("bersarang terlalu dalam", Refused(NestedMembers(27)).Message, StringComparison.Ordinal);
    }

    /// <summary>Nine levels of ten aliases each: 6 KB of text standing for 10^9 nodes.</summary>
    private static string AliasBomb()
    {
        var yaml = new StringBuilder("bomb:\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        return yaml.Append(SampleRuleSet.Yaml.Replace("given: &ok\n", "given: &ok\n      Bomb: *a9\n", StringComparison.Ordinal)).ToString();
    }

    [Fact]
    public void An_alias_bomb_is_refused_within_a_second_before_any_alias_is_expanded()
    {
        var yaml = AliasBomb();
        Assert.True(yaml.Length < 8_000);
        var watch = Stopwatch.StartNew();

        var problem = Refused(yaml);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{watch.Elapsed}");
        Assert.Equal("YAML ditolak: dokumen terlalu besar setelah alias diuraikan: lebih dari 100.000 simpul (bom alias?)", problem.Message);
        Assert.Equal(SampleRuleSet.LineOf(yaml, "a4: &a4"), problem.Position.Line);
    }

    [Fact]
    public void More_than_1000_aliases_are_refused_even_when_each_is_small()
    {
        var yaml = SampleRuleSet.Yaml + "\nmany: [" + string.Join(", ", Enumerable.Repeat("*petani", 1_001)) + "]\n";

        Assert.Equal("YAML ditolak: terlalu banyak alias (*nama): lebih dari 1.000", Refused(yaml).Message);
    }

    [Fact]
    public void A_file_over_256_KB_is_refused_before_it_is_parsed()
    {
        var yaml = SampleRuleSet.Yaml + "\n# " + new string('x', 300_000) + "\n";

        var problem = Refused(yaml);

        Assert.StartsWith("YAML ditolak: berkas terlalu besar: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(1, 1), problem.Position);
    }

    [Fact]
    public void Converting_a_test_subject_spends_a_node_budget_and_stops_when_it_runs_out()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("base: &b { A: 1, B: 2, C: 3 }\nsubject: [*b, *b, *b, *b, *b]"));
        var subject = ((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("subject")];

        Assert.NotNull(RuleSetLoader.ToJson(subject, new RuleSetLoader.NodeBudget(21)));
        Assert.Throws<RuleSetLoader.NodeBudget.ExceededException>(() => RuleSetLoader.ToJson(subject, new RuleSetLoader.NodeBudget(20)));
    }

    public static TheoryData<string, string, string> UnboundedExpressions => new()
    {
        { "Enumerable.Range(0, 100000).Count(i => Enumerable.Range(0, 100000).Any(j => i == j)) > 0", "Enumerable.Range", "membuat deret sepanjang yang diminta" },
        { "\\\"a\\\".PadLeft(1000000000).Length > 0", "String.PadLeft", "membuat teks sepanjang yang diminta" },
        { "Enumerable.Range(0, 300000000).ToList().Count > 0", "Enumerable.ToList", "menyalin seluruh deret ke memori" },
        { "Enumerable.Repeat(1, 300000000).Sum() > 0", "Enumerable.Repeat", "membuat deret sepanjang yang diminta" },
        { "s.Members.ToArray().Count() > 0", "Enumerable.ToArray", "menyalin seluruh deret ke memori" },
        { "s.Members.Select(m => m.Nik).Aggregate(\\\"\\\", (a, n) => a + a + n).Length > 0", "Enumerable.Aggregate", "akumulasi dapat tumbuh tanpa batas" },
        { "\\\"ab\\\".Replace(\\\"a\\\", \\\"aaaaaaaa\\\").Replace(\\\"a\\\", \\\"aaaaaaaa\\\").Length > 0", "String.Replace", "melipatgandakan panjang teks" },
        { "s.Members.Count.ToString(\\\"D999999999\\\").Length > 0", "Int32.ToString dengan format", "format angka menentukan panjang teks" },
        { "s.Members.SelectMany(a => s.Members).Count() > 0", "Enumerable.SelectMany", "yang tersedia dari LINQ hanya" },
    };

    [Theory]
    [MemberData(nameof(UnboundedExpressions))]
    public void An_expression_without_a_bound_is_refused_naming_criterion_line_column_and_why(string expression, string member, string why)
    {
        var yaml = SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", $"when: \"{expression}\"");

        var problem = Refused(yaml);

        Assert.Equal(("contoh-kube 2024.1", "kriteria bukan-pns"), (problem.RuleSet, problem.Element));
        Assert.Equal(SampleRuleSet.LineOf(yaml, "when: \"" + expression[..10]), problem.Position.Line);
        Assert.StartsWith($"pemanggilan {member} tidak diizinkan dalam aturan: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        // The column of the member's name: after the opening quote, counted in the value (escapes read).
        var line = yaml.Split('\n')[problem.Position.Line - 1];
        var name = member.Split(' ')[0].Split('.')[1];
        var value = expression.Replace("\\\"", "\"", StringComparison.Ordinal);
        Assert.Equal(line.IndexOf("when: \"", StringComparison.Ordinal) + 8 + value.IndexOf(name, StringComparison.Ordinal), problem.Position.Column);
    }

    private static RuleSetProblem RefusedCondition(string expression) =>
        Refused(SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", $"when: \"{expression}\""));

    [Fact]
    public void An_expression_of_5000_nested_brackets_is_refused_before_the_parser_can_overflow_the_stack()
    {
        var problem = RefusedCondition(new string('(', 5_000) + "true" + new string(')', 5_000));

        Assert.Equal("kriteria bukan-pns", problem.Element);
        Assert.Equal("ekspresi terlalu panjang: 10004 karakter; paling banyak 1000", problem.Message);
    }

    [Fact]
    public void Thirty_three_nested_brackets_are_refused_at_the_bracket_too_deep_and_thirty_two_are_read()
    {
        var problem = RefusedCondition(new string('(', 33) + "true" + new string(')', 33));

        Assert.Equal("kurung bersarang terlalu dalam: lebih dari 32 tingkat", problem.Message);
        var line = SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", "when: \"" + new string('(', 33)).Split('\n')[problem.Position.Line - 1];
        Assert.Equal(line.IndexOf("when: \"", StringComparison.Ordinal) + 8 + 32, problem.Position.Column);
        Assert.NotNull(RuleSetCompiler.Compile(SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)",
            $"when: \"{new string('(', 32)}true{new string(')', 32)} && s.Members.Any(m => m.Nik != \\\"((((\\\")\""), "dalam.yaml"));
    }

    [Fact]
    public void A_rule_set_with_more_than_500_expressions_is_refused_before_any_is_compiled()
    {
        var because = string.Concat(Enumerable.Repeat("{s.Id} ", 600));
        var yaml = SampleRuleSet.With("because: \"KUBE beranggotakan {s.Members.Count} KK; syaratnya {min_anggota}–{max_anggota} KK\"", $"because: \"{because}\"");
        var watch = Stopwatch.StartNew();

        var problem = Refused(yaml);

        Assert.Equal("terlalu banyak ekspresi: 606; paling banyak 500 (when, amount dan bagian {…} dari because)", problem.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
    }

    [Fact]
    public void What_the_default_rule_sets_and_the_documentation_use_stays_allowed()
    {
        var yaml = SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)",
            "when: s.Members.Where(m => m.InDtks).Select(m => m.Nik.Trim().Substring(0, 4)).Distinct().Count() <= s.Members.Count(m => m.Nik.StartsWith(\"53\") || m.Nik.Length == 16) + s.Members.Sum(m => m.Occupation) && s.Members.Any() && s.Members.Select(m => m.Occupation).Max() >= s.Members.Select(m => m.Occupation).Min() && (\"x\" + s.Id).Contains(\"x\") && s.Members.Count.ToString() != \"\"");

        Assert.NotNull(RuleSetCompiler.Compile(yaml, "boleh.yaml"));
    }

    /// <summary>Seven nested loops over the members: allowed (each step is bounded) but 20^7 steps for twenty members.</summary>
    private static CompiledRuleSet Expensive()
    {
        const string nested = "s.Members.Count(a => s.Members.Count(b => s.Members.Count(c => s.Members.Count(d => s.Members.Count(f => s.Members.Count(g => s.Members.Count(h => h.InDtks) > 0) > 0) > 0) > 0) > 0) > 0) > 0";
        return RuleSetCompiler.Compile(SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", $"when: {nested}"), "berat.yaml");
    }

    private static KubeProposal Twenty() => new()
    {
        Id = "K1",
        Members = Enumerable.Range(0, 20).Select(i => new KubeMember { Nik = $"53070145038500{i:00}", InDtks = true, Occupation = 1 }).ToList(),
    };

    [Fact]
    public void An_expensive_but_allowed_evaluation_stops_when_it_is_cancelled_instead_of_running_on()
    {
        var ruleSet = Expensive();
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ruleSet.Evaluate(Twenty(), new DateOnly(2024, 5, 1), budget.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public void The_fast_path_and_the_rule_set_tests_stop_the_same_way()
    {
        var ruleSet = Expensive();
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ruleSet.Decide(Twenty(), new DateOnly(2024, 5, 1), budget.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => RuleSetTests.Run(ruleSet, budget.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public void An_evaluation_that_is_not_cancelled_decides_as_before()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ruleSet = RuleSetCompiler.Compile(SampleRuleSet.Yaml, "contoh.yaml");

        Assert.All(RuleSetTests.Run(ruleSet, budget.Token), r => Assert.True(r.Passed, r.Failure));
    }
}
