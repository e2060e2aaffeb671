using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Engine.RuleLifecycle;

public sealed record RuleSetDiff(IReadOnlyList<string> Lines);

/// <summary>What changed between two versions: criteria, parameters (with their dated values), outcomes, dates.</summary>
public static class CompareRuleSets
{
    public static RuleSetDiff Compare(RuleSetDocument from, RuleSetDocument to)
    {
        var lines = new List<string>();
        if (from.EffectiveFrom != to.EffectiveFrom)
        {
            lines.Add($"berlaku mulai: {Indonesian.Date(from.EffectiveFrom)} → {Indonesian.Date(to.EffectiveFrom)}");
        }

        if (from.Title != to.Title)
        {
            lines.Add($"judul: {from.Title} → {to.Title}");
        }

        var oldCriteria = from.Criteria.ToDictionary(c => c.Id);
        var newCriteria = to.Criteria.ToDictionary(c => c.Id);
        foreach (var c in to.Criteria.Where(c => !oldCriteria.ContainsKey(c.Id)))
        {
            lines.Add($"+ kriteria {c.Id}: {c.When.Text}");
        }

        foreach (var c in from.Criteria.Where(c => !newCriteria.ContainsKey(c.Id)))
        {
            lines.Add($"- kriteria {c.Id}");
        }

        foreach (var c in to.Criteria.Where(c => oldCriteria.ContainsKey(c.Id)))
        {
            var old = oldCriteria[c.Id];
            Field(lines, $"kriteria {c.Id} syarat", old.When.Text, c.When.Text);
            Field(lines, $"kriteria {c.Id} penjelasan", old.Because.Text, c.Because.Text);
            Field(lines, $"kriteria {c.Id} judul", old.Title, c.Title);
            Field(lines, $"kriteria {c.Id} tag", old.Tag, c.Tag);
            Field(lines, $"kriteria {c.Id} dasar", old.Ref, c.Ref);
        }

        var oldParameters = from.Parameters.ToDictionary(p => p.Name);
        var newParameters = to.Parameters.ToDictionary(p => p.Name);
        foreach (var p in to.Parameters.Where(p => !oldParameters.ContainsKey(p.Name)))
        {
            lines.Add($"+ parameter {p.Name}: {Values(p)}");
        }

        foreach (var p in from.Parameters.Where(p => !newParameters.ContainsKey(p.Name)))
        {
            lines.Add($"- parameter {p.Name}");
        }

        foreach (var p in to.Parameters.Where(p => oldParameters.ContainsKey(p.Name)))
        {
            Field(lines, $"parameter {p.Name}", Values(oldParameters[p.Name]), Values(p));
        }

        var oldOutcomes = string.Join(" | ", from.Outcomes.Select(o => $"{o.Id}: {o.When.Text} {o.Amount?.Text}"));
        var newOutcomes = string.Join(" | ", to.Outcomes.Select(o => $"{o.Id}: {o.When.Text} {o.Amount?.Text}"));
        Field(lines, "hasil", oldOutcomes, newOutcomes);
        return new RuleSetDiff(lines);
    }

    private static void Field(List<string> lines, string label, string before, string after)
    {
        if (before != after)
        {
            lines.Add($"~ {label}: {before} → {after}");
        }
    }

    private static string Values(ParameterDefinition p) =>
        string.Join(", ", p.Values.OrderBy(v => v.From).Select(v => $"{CompiledRuleSet.Render(v.Value)} sejak {Indonesian.Date(v.From)}"));
}
