using System.Globalization;
using System.Text.RegularExpressions;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Sejahtera.Rules.Facts;

namespace Sejahtera.Rules.Tests;

/// <summary>
/// The PKH amounts rule set writes its cap of four persons as a fixed order of components in one
/// expression; these tests hold that order to "highest amount first" with the parameter values of
/// every period, and the explanation to the amount.
/// </summary>
public sealed partial class PkhBantuanTests
{
    private static readonly CompiledRuleSet Rules =
        RuleSetCompiler.Compile(DefaultRuleSets.All.Single(r => r.Name == "pkh-bantuan.yaml").Yaml, "pkh-bantuan.yaml");

    private static readonly DateOnly[] Periods = [new(2019, 6, 1), new(2020, 12, 31), new(2021, 1, 1), new(2021, 6, 1)];

    private static PkhFamily Family(int pregnant, int young, int disability, int elderly, int sma, int smp, int sd) => new()
    {
        Id = "PKH-T",
        PregnantWomen = pregnant,
        YoungChildren = young,
        SevereDisability = disability,
        Elderly = elderly,
        SmaChildren = sma,
        SmpChildren = smp,
        SdChildren = sd,
        SchoolChildren = sma + smp + sd,
    };

    /// <summary>What the source describes, computed independently: persons of each component (young children at most 2), highest amounts first, at most 4, plus the fixed amount.</summary>
    private static decimal Expected(PkhFamily f, DateOnly asOf)
    {
        var p = Rules.ParametersOn(asOf).ToDictionary(x => x.Name, x => Convert.ToDecimal(x.Value, CultureInfo.InvariantCulture));
        var components = new (int Persons, decimal Amount)[]
        {
            (f.PregnantWomen, p["ibu_hamil"]),
            (Math.Min(f.YoungChildren, (int)p["maks_usia_dini"]), p["usia_dini"]),
            (f.SevereDisability, p["disabilitas_berat"]),
            (f.Elderly, p["lansia"]),
            (f.SmaChildren, p["anak_sma"]),
            (f.SmpChildren, p["anak_smp"]),
            (f.SdChildren, p["anak_sd"]),
        };
        if (components.Sum(c => c.Persons) == 0)
        {
            return 0;
        }

        var slots = (int)p["maks_komponen"];
        var total = p["bantuan_tetap"];
        foreach (var (persons, amount) in components.OrderByDescending(c => c.Amount))
        {
            var counted = Math.Min(persons, slots);
            total += counted * amount;
            slots -= counted;
        }

        return total;
    }

    [Fact]
    public void Every_family_of_up_to_three_persons_per_component_gets_the_highest_amounts_the_cap_allows_in_every_period()
    {
        foreach (var asOf in Periods)
        {
            for (var i = 0; i < 1 << 14; i++)
            {
                var family = Family(i & 3, (i >> 2) & 3, (i >> 4) & 3, (i >> 6) & 3, (i >> 8) & 3, (i >> 10) & 3, (i >> 12) & 3);

                var decision = Rules.Decide(family, asOf);

                Assert.Equal(i == 0 ? "tidak-ada-komponen" : "layak", decision.Outcome);
                Assert.True(Expected(family, asOf) == decision.Amount, $"{family} on {asOf}: {decision.Amount}, expected {Expected(family, asOf)}");
            }
        }
    }

    [Fact]
    public void The_components_the_explanation_says_were_counted_add_up_to_the_amount()
    {
        foreach (var asOf in Periods)
        {
            var p = Rules.ParametersOn(asOf).ToDictionary(x => x.Name, x => Convert.ToDecimal(x.Value, CultureInfo.InvariantCulture));
            var perPerson = new Dictionary<string, decimal>
            {
                ["ibu hamil"] = p["ibu_hamil"], ["anak usia dini"] = p["usia_dini"], ["disabilitas berat"] = p["disabilitas_berat"],
                ["lansia"] = p["lansia"], ["SMA"] = p["anak_sma"], ["SMP"] = p["anak_smp"], ["SD"] = p["anak_sd"],
            };
            for (var i = 1; i < 2187; i++)
            {
                var n = new int[7];
                for (int k = 0, rest = i; k < 7; k++, rest /= 3)
                {
                    n[k] = rest % 3;
                }

                var decision = Rules.Evaluate(Family(n[0], n[1], n[2], n[3], n[4], n[5], n[6]), asOf);

                var cap = decision.Findings.Single(f => f.Id == "komponen-dalam-batas");
                var counted = Counted().Matches(cap.Because).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
                Assert.Equal(perPerson.Keys.Order(), counted.Keys.Order());
                Assert.Equal(decision.Amount, p["bantuan_tetap"] + counted.Sum(c => c.Value * perPerson[c.Key]));
                var persons = n.Sum() - n[1] + Math.Min(n[1], 2);
                Assert.Equal(Math.Min(persons, 4), counted.Values.Sum());
                Assert.Equal(persons <= 4, cap.Passed);
            }
        }
    }

    [Fact]
    public void A_family_of_six_persons_in_2019_is_told_which_four_were_counted()
    {
        var decision = Rules.Evaluate(Family(pregnant: 1, young: 1, disability: 0, elderly: 1, sma: 1, smp: 1, sd: 1), new DateOnly(2019, 6, 1));

        Assert.Equal(("layak", 9_750_000m), (decision.Outcome, decision.Amount));
        var cap = Assert.Single(decision.Failed);
        Assert.Equal("komponen-dalam-batas", cap.Id);
        Assert.Equal(
            "Keluarga memiliki 6 orang komponen; paling banyak 4 yang dihitung, mulai dari besaran terbesar. Dihitung: "
            + "ibu hamil 1 dari 1, anak usia dini 1 dari 1, disabilitas berat 0 dari 0, lansia 1 dari 1, SMA 1 dari 1, SMP 0 dari 1, SD 0 dari 1",
            cap.Because);
        Assert.Contains(new Evaluation.SeenValue("maks_komponen", "4"), cap.Values);
        Assert.False(string.IsNullOrWhiteSpace(cap.RefText));
    }

    [Fact]
    public void The_fixed_amount_is_paid_in_2019_only_and_only_to_a_family_with_a_component()
    {
        var elderly = Family(0, 0, 0, 1, 0, 0, 0);
        var none = Family(0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(2_950_000m, Rules.Decide(elderly, new DateOnly(2019, 6, 1)).Amount);
        Assert.Equal(2_400_000m, Rules.Decide(elderly, new DateOnly(2021, 6, 1)).Amount);
        Assert.Equal(0m, Rules.Decide(none, new DateOnly(2019, 6, 1)).Amount);
    }

    [GeneratedRegex(@"(ibu hamil|anak usia dini|disabilitas berat|lansia|SMA|SMP|SD) (\d+) dari \d+")]
    private static partial Regex Counted();
}
