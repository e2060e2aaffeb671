using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Facts;

namespace Sejahtera.Rules.Tests;

public sealed class DefaultRuleSetTests
{
    private static readonly Dictionary<string, CompiledRuleSet> Compiled =
        DefaultRuleSets.All.ToDictionary(r => r.Name, r => RuleSetCompiler.Compile(r.Yaml, r.Name));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, yaml) in DefaultRuleSets.All)
        {
            foreach (var test in RuleSetCompiler.Compile(yaml, name).Document.Tests)
            {
                data.Add(name, test.Name);
            }
        }

        return data;
    }

    [Fact]
    public void The_seven_default_rule_sets_ship_and_compile()
    {
        Assert.Equal(
            ["bansos-aspd", "bansos-pbi-jk", "bansos-sembako", "kube", "panti-terminasi", "pkh-bantuan", "pkh-graduasi"],
            Compiled.Values.Select(r => r.Program).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_YAML_test_case_of_the_default_rule_sets_passes(string ruleSet, string test)
    {
        var compiled = Compiled[ruleSet];

        var result = RuleSetTests.Run(compiled, compiled.Document.Tests.Single(t => t.Name == test));

        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public void Every_criterion_of_every_default_rule_set_cites_a_legal_basis_and_keeps_its_tag()
    {
        foreach (var ruleSet in Compiled.Values)
        {
            Assert.All(ruleSet.Document.Criteria, c =>
            {
                Assert.Contains(c.Tag, new[] { "C", "C-weak", "I" });
                Assert.False(string.IsNullOrWhiteSpace(ruleSet.Document.LegalBasis[c.Ref]));
            });
        }
    }

    [Fact]
    public void Every_criterion_of_every_default_rule_set_has_a_test_where_it_fails_alone()
    {
        foreach (var ruleSet in Compiled.Values)
        {
            var alone = ruleSet.Document.Tests.Where(t => t.Expect.Failed is { Count: 1 }).Select(t => t.Expect.Failed![0]).ToHashSet();
            Assert.All(ruleSet.Document.Criteria, c => Assert.True(alone.Contains(c.Id), $"{ruleSet.Program}: {c.Id} never fails alone in a test"));
        }
    }

    [Fact]
    public void A_KUBE_proposal_of_four_families_one_of_them_PNS_is_not_eligible_and_both_failures_are_explained()
    {
        var kube = Compiled["kube.yaml"];
        var members = Enumerable.Range(1, 4).Select(i => new KubeMember
        {
            Nik = $"53070115068000{i:00}",
            Name = $"Anggota {i}",
            BirthDate = new DateOnly(1980, 6, 15),
            InDtks = true,
            Desil = 1,
            Occupation = i == 4 ? 5 : 1,
            HeadOrMainEarner = true,
            KecamatanCode = "53.07.01",
            HasKtp = true,
            HasKk = true,
        }).ToList();
        var proposal = new KubeProposal
        {
            Id = "KUBE-SIKKA-1", Name = "KUBE Tenun Ikat", BusinessType = "tenun", KecamatanCode = "53.07.01", Members = members,
            OfficersChosen = true, HasBankAccount = true, HasBusinessPlan = true, HasRecommendation = true,
        };

        var decision = kube.Evaluate(proposal, new DateOnly(2024, 5, 1));

        Assert.Equal("tidak-layak", decision.Outcome);
        var failed = decision.Failed.ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Because));
            Assert.NotEmpty(f.Values);
            Assert.False(string.IsNullOrWhiteSpace(f.RefText));
        });
        Assert.Contains(failed, f => f.Because.Contains('4', StringComparison.Ordinal));
    }
}
