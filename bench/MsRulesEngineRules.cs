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
/// <c>AsOf</c> becomes a rule parameter of that name. Outcomes are a second workflow, one rule per
/// outcome with its YAML condition, the criteria's results given as boolean rule parameters named
/// like the criteria (and <c>all_passed</c>, <c>any_failed</c>); the first that holds wins, as in the
/// YAML. The amount of the matching outcome is evaluated by RulesEngine too, as an OutputExpression
/// action on a rule of its own, only for households whose outcome carries an amount.
/// </summary>
internal sealed partial class MsRulesEngineRules
{
    private readonly MsRulesEngine engine;
    private readonly List<RuleSetWorkflow> workflows;

    public MsRulesEngineRules(IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf)
    {
        workflows = ruleSets.Select(r => Translate(r, asOf)).ToList();
        var all = workflows.SelectMany(w => w.Amounts.Values.Select(a => a.Workflow).Prepend(w.Outcomes).Prepend(w.Criteria)).ToArray();

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
        for (var w = 0; w < workflows.Count; w++)
        {
            var workflow = workflows[w];
            var parameters = new RuleParameter[workflow.CriterionNames.Count + 4];
            parameters[0] = new RuleParameter("s", household);
            parameters[1] = new RuleParameter("AsOf", AsOf);
            var results = engine.ExecuteAllRulesAsync(workflow.Criteria.WorkflowName, parameters[..2]).AsTask().GetAwaiter().GetResult();
            var allPassed = true;
            for (var i = 0; i < results.Count; i++)
            {
                var r = results[i];
                if (!string.IsNullOrEmpty(r.ExceptionMessage))
                {
                    throw new InvalidOperationException($"RulesEngine {workflow.Criteria.WorkflowName}/{r.Rule.RuleName}: {r.ExceptionMessage}");
                }

                allPassed &= r.IsSuccess;
                parameters[2 + i] = new RuleParameter(workflow.CriterionNames[i], r.IsSuccess);
            }

            parameters[^2] = new RuleParameter("all_passed", allPassed);
            parameters[^1] = new RuleParameter("any_failed", !allPassed);
            into[w] = Outcome(workflow, parameters);
        }
    }

    private LimitDecision Outcome(RuleSetWorkflow workflow, RuleParameter[] parameters)
    {
        var outcomes = engine.ExecuteAllRulesAsync(workflow.Outcomes.WorkflowName, parameters).AsTask().GetAwaiter().GetResult();
        foreach (var o in outcomes)
        {
            if (!string.IsNullOrEmpty(o.ExceptionMessage))
            {
                throw new InvalidOperationException($"RulesEngine {workflow.Outcomes.WorkflowName}/{o.Rule.RuleName}: {o.ExceptionMessage}");
            }

            if (!o.IsSuccess)
            {
                continue;
            }

            var id = o.Rule.RuleName;
            decimal? amount = null;
            if (workflow.Amounts.TryGetValue(id, out var a))
            {
                var result = engine.ExecuteActionWorkflowAsync(a.Workflow.WorkflowName, a.RuleName, parameters).AsTask().GetAwaiter().GetResult();
                amount = result.Exception is null
                    ? Convert.ToDecimal(result.Output, CultureInfo.InvariantCulture)
                    : throw new InvalidOperationException($"RulesEngine amount of {workflow.Criteria.WorkflowName}/{id}", result.Exception);
            }

            return new LimitDecision(id, amount);
        }

        throw new InvalidOperationException($"No outcome of {workflow.Criteria.WorkflowName} matched.");
    }

    private sealed record AmountRule(Workflow Workflow, string RuleName);

    private sealed record RuleSetWorkflow(
        Workflow Criteria, IReadOnlyList<string> CriterionNames, Workflow Outcomes,
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

        // Outcome conditions name criteria by id (a dash read as an underscore), given as boolean parameters.
        var outcomes = new Workflow
        {
            WorkflowName = $"{document.Program}/outcomes",
            Rules = document.Outcomes.Select(o => new Rule
            {
                RuleName = o.Id,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Expression = Rewrite(o.When.Text),
            }).ToList(),
        };

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

        return new RuleSetWorkflow(criteria, document.Criteria.Select(c => c.Id.Replace('-', '_')).ToList(), outcomes, amounts, rewrites);
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
