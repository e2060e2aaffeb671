using System.Globalization;
using System.Text.RegularExpressions;
using RulesEngine.Models;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Facts;
using MsRulesEngine = RulesEngine.RulesEngine;

namespace Sejahtera.Bench;

/// <summary>
/// The <c>ms-rulesengine</c> peer: Microsoft RulesEngine given the very criterion expressions of each
/// rule set's YAML (<c>when</c> text), one workflow per rule set and one rule per criterion, the
/// household as rule parameter <c>s</c>. The only rewrites are mechanical and listed in
/// <see cref="Rewrites"/>: a parameter name becomes the literal value in force on the as-of date, and
/// <c>AsOf</c> becomes a rule parameter of that name. Outcomes are first-match as in the YAML; the
/// amount of the matching outcome is evaluated by RulesEngine too, as an OutputExpression action on a
/// rule of its own, only for households whose outcome carries an amount.
/// </summary>
internal sealed partial class MsRulesEngineRules
{
    private readonly MsRulesEngine engine;
    private readonly List<RuleSetWorkflow> workflows;

    public MsRulesEngineRules(IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf)
    {
        workflows = ruleSets.Select(r => Translate(r, asOf)).ToList();
        var all = workflows.SelectMany(w => w.Amounts.Values.Select(a => a.Workflow).Prepend(w.Criteria)).ToArray();

        // Exceptions thrown while evaluating must surface, not turn into a quiet "rule failed".
        engine = new MsRulesEngine(all, new ReSettings { EnableExceptionAsErrorMessage = false });
        AsOf = asOf;
    }

    public DateOnly AsOf { get; }

    /// <summary>Every rewrite made to an expression to have RulesEngine accept it, for the report.</summary>
    public IReadOnlyList<string> Rewrites => workflows.SelectMany(w => w.Rewrites).Distinct().ToList();

    /// <summary>One decision per rule set, in the order the rule sets were given.</summary>
    public void Decide(Household household, Span<LimitDecision> into)
    {
        RuleParameter[] parameters = [new("s", household), new("AsOf", AsOf)];
        for (var w = 0; w < workflows.Count; w++)
        {
            var workflow = workflows[w];
            var results = engine.ExecuteAllRulesAsync(workflow.Criteria.WorkflowName, parameters).AsTask().GetAwaiter().GetResult();
            var allPassed = true;
            foreach (var r in results)
            {
                if (!string.IsNullOrEmpty(r.ExceptionMessage))
                {
                    throw new InvalidOperationException($"RulesEngine {workflow.Criteria.WorkflowName}/{r.Rule.RuleName}: {r.ExceptionMessage}");
                }

                allPassed &= r.IsSuccess;
            }

            into[w] = Outcome(workflow, allPassed, parameters);
        }
    }

    private LimitDecision Outcome(RuleSetWorkflow workflow, bool allPassed, RuleParameter[] parameters)
    {
        foreach (var (id, when) in workflow.Outcomes)
        {
            if (when == OutcomeCondition.AllPassed && !allPassed)
            {
                continue;
            }

            decimal? amount = null;
            if (workflow.Amounts.TryGetValue(id, out var a))
            {
                var result = engine.ExecuteActionWorkflowAsync(a.Workflow.WorkflowName, a.RuleName, parameters).AsTask().GetAwaiter().GetResult();
                amount = result.Exception is null
                    ? Convert.ToDecimal(result.Output, CultureInfo.InvariantCulture)
                    : throw new InvalidOperationException($"RulesEngine amount of {workflow.Criteria.WorkflowName}/{id}", result.Exception);
            }

            return new LimitDecision(id == "layak", amount);
        }

        throw new InvalidOperationException($"No outcome of {workflow.Criteria.WorkflowName} matched.");
    }

    private enum OutcomeCondition
    {
        AllPassed,
        Always,
    }

    private sealed record AmountRule(Workflow Workflow, string RuleName);

    private sealed record RuleSetWorkflow(
        Workflow Criteria, IReadOnlyList<(string Id, OutcomeCondition When)> Outcomes,
        IReadOnlyDictionary<string, AmountRule> Amounts, IReadOnlyList<string> Rewrites);

    private static RuleSetWorkflow Translate(CompiledRuleSet ruleSet, DateOnly asOf)
    {
        var rewrites = new List<string>();
        var parameters = ruleSet.ParametersOn(asOf);
        string Rewrite(string text)
        {
            foreach (var (name, value) in parameters)
            {
                var replaced = Regex.Replace(text, $@"\b{Regex.Escape(name)}\b", Literal(value));
                if (replaced != text)
                {
                    rewrites.Add($"parameter {name} → its value on {asOf:yyyy-MM-dd} ({Literal(value)})");
                    text = replaced;
                }
            }

            if (AsOfWord().IsMatch(text))
            {
                rewrites.Add("AsOf → rule parameter AsOf");
            }

            return text;
        }

        var document = ruleSet.Document;
        var criteria = new Workflow
        {
            WorkflowName = document.Program,
            Rules = document.Criteria.Select(c => new Rule
            {
                RuleName = c.Id,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Expression = Rewrite(c.When.Text),
            }).ToList(),
        };

        // Outcome conditions other than all_passed / true would need criterion ids as booleans, which
        // RulesEngine has no notion of; the household rule sets use only these two, so refuse the rest.
        var outcomes = document.Outcomes.Select(o => (o.Id, o.When.Text.Trim() switch
        {
            "all_passed" => OutcomeCondition.AllPassed,
            "true" => OutcomeCondition.Always,
            var other => throw new NotSupportedException($"{document.Name}: outcome {o.Id} when '{other}' has no RulesEngine translation"),
        })).ToList();

        var amounts = document.Outcomes.Where(o => o.Amount is not null).ToDictionary(o => o.Id, o => new AmountRule(
            new Workflow
            {
                WorkflowName = $"{document.Program}/{o.Id}/amount",
                Rules =
                [
                    new Rule
                    {
                        RuleName = "amount",
                        RuleExpressionType = RuleExpressionType.LambdaExpression,
                        Expression = "true",
                        Actions = new RuleActions
                        {
                            OnSuccess = new ActionInfo
                            {
                                Name = "OutputExpression",
                                Context = new Dictionary<string, object> { ["expression"] = Rewrite(o.Amount!.Text) },
                            },
                        },
                    },
                ],
            },
            "amount"));

        return new RuleSetWorkflow(criteria, outcomes, amounts, rewrites);
    }

    private static string Literal(object value) => value switch
    {
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => d.ToString(CultureInfo.InvariantCulture) + "M",
        bool b => b ? "true" : "false",
        string s => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => throw new NotSupportedException($"no RulesEngine literal for a {value.GetType().Name} parameter"),
    };

    [GeneratedRegex(@"\bAsOf\b")]
    private static partial Regex AsOfWord();
}
