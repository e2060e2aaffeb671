using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Facts;
using Sejahtera.Rules.Language;

namespace Sejahtera.Rules.Tests;

public sealed class RuleLanguageTests
{
    private static readonly CompiledRuleSet Sample = RuleSetCompiler.Compile(SampleRuleSet.Yaml, "contoh.yaml");

    private static KubeProposal Group(int members, int pns = 0) => new()
    {
        Id = "K-1",
        Members = Enumerable.Range(0, members).Select(i => new KubeMember { Nik = $"53070145038500{i:00}", InDtks = true, Occupation = i < pns ? 5 : 1 }).ToList(),
    };

    [Fact]
    public void A_rule_set_compiles_and_its_own_tests_pass()
    {
        var results = RuleSetTests.Run(Sample);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, r.Failure));
    }

    [Fact]
    public void Every_criterion_is_explained_with_its_values_reference_and_sentence()
    {
        var decision = Sample.Evaluate(Group(4, pns: 1), new DateOnly(2024, 5, 1));

        Assert.Equal("tidak-layak", decision.Outcome);
        Assert.Null(decision.Amount);
        Assert.Equal(["jumlah-anggota", "bukan-pns"], decision.Failed.Select(f => f.Id));
        var size = decision.Findings[0];
        Assert.Equal("KUBE beranggotakan 4 KK; syaratnya 5–20 KK", size.Because);
        Assert.Equal(("permensos-2-2019", "Permensos No. 2 Tahun 2019", "C-weak"), (size.Ref, size.RefText, size.Tag));
        Assert.Contains(new SeenValue("s.Members.Count", "4"), size.Values);
        Assert.Contains(new SeenValue("min_anggota", "5"), size.Values);
        Assert.Equal("1 anggota PNS/TNI/Polri atau pensiunan", decision.Findings[1].Because);
        Assert.Equal(("contoh-kube", "2024.1", 64), (decision.Program, decision.RuleSetVersion, decision.RuleSetHash.Length));
    }

    [Fact]
    public void The_parameter_in_force_on_the_as_of_date_decides()
    {
        var five = Group(5);

        var before = Sample.Evaluate(five, new DateOnly(2024, 6, 30));
        var after = Sample.Evaluate(five, new DateOnly(2024, 7, 1));

        Assert.Equal(("layak", 10_000_000m), (before.Outcome, before.Amount));
        Assert.Equal("tidak-layak", after.Outcome);
        Assert.Equal("KUBE beranggotakan 5 KK; syaratnya 6–20 KK", after.Findings[0].Because);
    }

    [Fact]
    public void The_same_subject_evaluated_twice_gives_the_same_decision_from_a_reused_session()
    {
        var group = Group(6);

        var first = Sample.Evaluate(group, new DateOnly(2024, 5, 1));
        var second = Sample.Evaluate(group, new DateOnly(2024, 5, 1));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
    }

    [Fact]
    public void The_fast_path_decides_like_the_NRules_path()
    {
        foreach (var (members, pns) in new[] { (4, 1), (6, 0), (5, 0), (21, 0), (6, 2) })
        {
            foreach (var date in new[] { new DateOnly(2024, 6, 30), new DateOnly(2024, 7, 1) })
            {
                var full = Sample.Evaluate(Group(members, pns), date);
                var quick = Sample.Decide(Group(members, pns), date);

                Assert.Equal((full.Outcome, full.Amount), (quick.Outcome, quick.Amount));
                Assert.Equal(full.Findings.Select(f => f.Passed), full.Findings.Select((_, i) => quick.Passed(i)));
            }
        }
    }

    [Fact]
    public void A_condition_that_is_not_a_yes_or_no_question_is_refused()
    {
        var yaml = SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", "when: s.Members.Count + 1");

        var problem = Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "x.yaml")).Problems);

        Assert.Equal("kriteria bukan-pns", problem.Element);
    }

    [Fact]
    public void A_date_before_every_parameter_value_is_refused_with_a_reason()
    {
        var error = Assert.Throws<RuleEvaluationException>(() => Sample.Evaluate(Group(6), new DateOnly(2010, 1, 1)));

        Assert.Contains("Parameter min_anggota", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ForbiddenExpressions => new()
    {
        "System.IO.File.Delete(\\\"/etc/passwd\\\") == null",
        "s.GetType().Assembly != null",
        "Environment.Exit(0) == null",
        "typeof(string) != null",
        "DateTime.Now.Year > 2000",
        "new System.Net.WebClient() != null",
        "s.Members.GetType().Name == \\\"x\\\"",
        "Convert.ToInt32(\\\"1\\\") == 1",
        "AppDomain.CurrentDomain != null",
    };

    [Theory]
    [MemberData(nameof(ForbiddenExpressions))]
    public void A_forbidden_expression_is_refused_naming_rule_set_criterion_line_and_column(string expression)
    {
        var yaml = SampleRuleSet.With("when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)", $"when: \"{expression}\"");

        var error = Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "jahat.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.True(problem.Element is not null, problem.ToString());
        Assert.Equal(("contoh-kube 2024.1", "kriteria bukan-pns"), (problem.RuleSet, problem.Element));
        Assert.Equal(SampleRuleSet.LineOf(yaml, "when: \"" + expression.Replace("\\\"", "\"", StringComparison.Ordinal)[..10]), problem.Position.Line);
        Assert.True(problem.Position.Column >= 11, problem.ToString());
        Assert.Matches("tidak diizinkan|tidak dikenal|tidak ada|tidak sah", problem.Message);
    }

    [Fact]
    public void An_unknown_name_is_refused_at_its_column()
    {
        var yaml = SampleRuleSet.With("s.Members.Count >= min_anggota &&", "s.Members.Count >= minimal_anggota &&");

        var problem = Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "x.yaml")).Problems);

        Assert.Contains("nama 'minimal_anggota' tidak dikenal", problem.Message, StringComparison.Ordinal);
        Assert.Equal(SampleRuleSet.LineOf(yaml, "minimal_anggota"), problem.Position.Line);
        Assert.Equal(yaml.Split('\n')[problem.Position.Line - 1].IndexOf("minimal_anggota", StringComparison.Ordinal) + 1, problem.Position.Column);
    }

    [Theory]
    [InlineData("amount: bantuan_per_kube }", "amout: bantuan_per_kube }", "amout")]
    [InlineData("expect: { outcome: tidak-layak, failed: [bukan-pns] }", "expect: { outcome: tidak-layak, faild: [bukan-pns] }", "faild")]
    [InlineData("subject: KubeProposal", "subject: KubeProposal\nsubjek: KubeProposal", "subjek")]
    public void A_mistyped_key_is_refused_at_its_line_and_column_instead_of_being_ignored(string find, string replace, string key)
    {
        var yaml = SampleRuleSet.With(find, replace);

        var problem = Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "x.yaml")).Problems);

        Assert.Contains($"kunci '{key}' tidak dikenal", problem.Message, StringComparison.Ordinal);
        Assert.Equal(SampleRuleSet.LineOf(yaml, key + ":"), problem.Position.Line);
        Assert.Equal(yaml.Split('\n')[problem.Position.Line - 1].IndexOf(key + ":", StringComparison.Ordinal) + 1, problem.Position.Column);
    }

    [Fact]
    public void A_title_takes_the_parameter_values_in_force_so_an_edited_limit_changes_it_without_editing_prose()
    {
        var yaml = SampleRuleSet.With("title: KUBE beranggotakan 5–20 KK", "title: \"KUBE beranggotakan {min_anggota}–{max_anggota} KK\"");
        var compiled = RuleSetCompiler.Compile(yaml, "x.yaml");

        Assert.Equal("KUBE beranggotakan 5–20 KK", compiled.Evaluate(Group(5), new DateOnly(2024, 6, 30)).Findings[0].Title);
        Assert.Equal("KUBE beranggotakan 6–20 KK", compiled.Evaluate(Group(5), new DateOnly(2024, 7, 1)).Findings[0].Title);
        Assert.Equal("KUBE beranggotakan 6–20 KK", compiled.TitlesOn(new DateOnly(2024, 7, 1))[0]);
    }

    [Fact]
    public void A_title_that_reads_the_subject_is_refused_because_a_title_speaks_of_the_rule()
    {
        var yaml = SampleRuleSet.With("title: KUBE beranggotakan 5–20 KK", "title: \"KUBE beranggotakan {s.Members.Count} KK\"");

        var problem = Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "x.yaml")).Problems);

        Assert.Contains("nama 's' tidak dikenal", problem.Message, StringComparison.Ordinal);
        Assert.Equal(SampleRuleSet.LineOf(yaml, "{s.Members.Count} KK\""), problem.Position.Line);
    }

    [Fact]
    public void A_labelled_value_is_seen_under_its_words_and_a_passing_criterion_reads_its_own_sentence()
    {
        var yaml = SampleRuleSet.With(
            "because: \"{s.Members.Count(m => m.Occupation == 5 || m.Occupation == 6)} anggota PNS/TNI/Polri atau pensiunan\"",
            "because: \"{anggota PNS atau pensiunan: s.Members.Count(m => m.Occupation == 5 || m.Occupation == 6)} anggota PNS/TNI/Polri atau pensiunan\"\n"
            + "    because_passed: \"Tidak ada anggota PNS/TNI/Polri atau pensiunan\"");
        var compiled = RuleSetCompiler.Compile(yaml, "x.yaml");

        var failing = compiled.Evaluate(Group(6, pns: 2), new DateOnly(2024, 5, 1)).Findings[1];
        var passing = compiled.Evaluate(Group(6), new DateOnly(2024, 5, 1)).Findings[1];

        Assert.Equal("2 anggota PNS/TNI/Polri atau pensiunan", failing.Because);
        Assert.Contains(new SeenValue("anggota PNS atau pensiunan", "2"), failing.Values);
        Assert.Equal("Tidak ada anggota PNS/TNI/Polri atau pensiunan", passing.Because);
    }

    [Fact]
    public void A_ternary_with_a_colon_is_an_expression_not_a_label()
    {
        var yaml = SampleRuleSet.With(
            "because: \"KUBE beranggotakan {s.Members.Count} KK; syaratnya {min_anggota}–{max_anggota} KK\"",
            "because: \"{s.Members.Count < min_anggota ? \\\"kurang: \\\" + s.Members.Count : \\\"lebih\\\"}\"");
        var compiled = RuleSetCompiler.Compile(yaml, "x.yaml");

        Assert.Equal("kurang: 4", compiled.Evaluate(Group(4), new DateOnly(2024, 5, 1)).Findings[0].Because);
    }

    [Fact]
    public void An_outcome_may_say_why_it_was_chosen()
    {
        var yaml = SampleRuleSet.With(
            "- { id: tidak-layak, when: \"true\" }",
            "- { id: tidak-layak, when: \"true\", because: \"{jumlah_anggota ? \\\"ada anggota PNS\\\" : \\\"jumlah anggota di luar batas\\\"}\" }");
        var compiled = RuleSetCompiler.Compile(yaml, "x.yaml");

        Assert.Equal("ada anggota PNS", compiled.Evaluate(Group(6, pns: 1), new DateOnly(2024, 5, 1)).Because);
        Assert.Null(compiled.Evaluate(Group(6), new DateOnly(2024, 5, 1)).Because);
    }

    [Fact]
    public void Broken_YAML_is_refused_with_line_and_column()
    {
        var yaml = SampleRuleSet.With("title: KUBE beranggotakan 5–20 KK", "title: [KUBE beranggotakan");

        var problem = Assert.Single(Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "rusak.yaml")).Problems);

        Assert.Equal("rusak.yaml", problem.RuleSet);
        Assert.StartsWith("YAML tidak dapat dibaca", problem.Message, StringComparison.Ordinal);
        Assert.Equal(SampleRuleSet.LineOf(yaml, "[KUBE"), problem.Position.Line);
        Assert.True(problem.Position.Column > 1);
    }

    public static TheoryData<string, string, string> StructuralProblems => new()
    {
        { "- id: bukan-pns", "- id: jumlah-anggota", "dipakai lebih dari sekali" },
        { "- { id: tidak-layak, when: \"true\" }", "- { id: tidak-layak, when: \"any_failed\" }", "penampung semua kasus" },
        { "ref: permensos-2-2019\n    when: s.Members.All", "ref: permensos-9-2099\n    when: s.Members.All", "ref 'permensos-9-2099' tidak ada di legal_basis" },
        { "{ from: 2024-07-01, value: 6", "{ from: 2019-01-01, value: 6", "tidak boleh tumpang tindih" },
        { "subject: KubeProposal", "subject: Kendaraan", "subjek 'Kendaraan' tidak dikenal" },
        { "tag: C-weak\n    ref: permensos-2-2019\n    when: s.Members.Count", "tag: pasti\n    ref: permensos-2-2019\n    when: s.Members.Count", "tag 'pasti'" },
        { "expect: { outcome: tidak-layak, failed: [bukan-pns] }", "expect: { outcome: ditolak, failed: [bukan-pns] }", "'ditolak' tidak ada di outcomes" },
    };

    [Theory]
    [MemberData(nameof(StructuralProblems))]
    public void Structural_problems_are_refused_with_a_message_in_Indonesian(string find, string replace, string message)
    {
        var yaml = SampleRuleSet.With(find, replace);

        var error = Assert.Throws<RuleSetException>(() => RuleSetCompiler.Compile(yaml, "x.yaml"));

        Assert.True(error.Problems.Any(p => p.Message.Contains(message, StringComparison.Ordinal) && p.Position.Line > 0), string.Join("\n", error.Problems));
    }
}
