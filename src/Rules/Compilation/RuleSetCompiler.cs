using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Sejahtera.Rules.Language;

namespace Sejahtera.Rules.Compilation;

/// <summary>
/// Validates a rule set and compiles it once: every expression through the sandbox into a tree over
/// <see cref="EvaluationFact"/>, every criterion into an NRules rule (built with <see cref="RuleBuilder"/>),
/// all of them into one <see cref="ISessionFactory"/>. Any problem stops compilation: nothing half-built is returned.
/// </summary>
public static class RuleSetCompiler
{
    /// <summary>Expressions (when, amount and every {…} of a because) in one rule set; the default rule sets have under 100.</summary>
    public const int MaxExpressions = 500;

    public static CompiledRuleSet Compile(string yaml, string sourceName)
    {
        var problems = new List<RuleSetProblem>();
        var document = RuleSetLoader.TryLoad(yaml, sourceName, problems);
        if (document is null || problems.Count > 0)
        {
            throw new RuleSetException(problems);
        }

        return Compile(document);
    }

    public static CompiledRuleSet Compile(RuleSetDocument document)
    {
        var problems = RuleSetValidator.Problems(document).ToList();
        if (problems.Count > 0)
        {
            throw new RuleSetException(problems);
        }

        // Each expression is parsed and compiled on its own; their number bounds the time validation takes.
        var expressions = document.Criteria.Sum(c => 1 + c.Because.Text.Count(ch => ch == '{')
                + (c.BecausePassed?.Text.Count(ch => ch == '{') ?? 0) + c.Title.Count(ch => ch == '{'))
            + document.Outcomes.Sum(o => (o.Amount is null ? 1 : 2) + (o.Because?.Text.Count(ch => ch == '{') ?? 0));
        if (expressions > MaxExpressions)
        {
            throw new RuleSetException([new RuleSetProblem(document.Name, null, document.Position,
                $"terlalu banyak ekspresi: {expressions}; paling banyak {MaxExpressions} (when, amount dan bagian {{…}} dari because)")]);
        }

        if (document.Criteria.Count > CompiledRuleSet.MaxCriteria)
        {
            throw new RuleSetException([new RuleSetProblem(document.Name, null, document.Position,
                $"terlalu banyak kriteria: {document.Criteria.Count}; paling banyak {CompiledRuleSet.MaxCriteria}")]);
        }

        var subjectType = SubjectTypes.Find(document.Subject)!;
        var e = Expression.Parameter(typeof(EvaluationFact), "e");
        var parameterTypes = document.Parameters.Select(p => ParameterType(p.Values)).ToList();

        // Names in scope and what each stands for inside the compiled tree.
        var scope = new List<(string Name, Type Type, Expression Bound)>
        {
            ("s", subjectType, Expression.Convert(Expression.Property(e, nameof(EvaluationFact.Subject)), subjectType)),
            ("AsOf", typeof(DateOnly), Expression.Property(e, nameof(EvaluationFact.AsOf))),
        };
        for (var i = 0; i < document.Parameters.Count; i++)
        {
            var values = Expression.Property(e, nameof(EvaluationFact.Values));
            scope.Add((document.Parameters[i].Name, parameterTypes[i], Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), parameterTypes[i])));
        }

        // A title speaks of the rule, not of one subject: parameters and the date only, so an edited
        // limit changes every title that names it.
        var titleScope = scope.Where(x => x.Name != "s").ToList();
        var dates = new DateReads();
        var criteria = new List<CompiledCriterion>();
        for (var i = 0; i < document.Criteria.Count; i++)
        {
            var c = document.Criteria[i];
            var element = $"kriteria {c.Id}";
            var when = Bind<bool>(document, element, c.When, scope, e, problems);
            var because = Template(document, element, c.Because, scope, e, problems, dates);
            var becausePassed = c.BecausePassed is null ? because : Template(document, element, c.BecausePassed, scope, e, problems, dates);
            var title = Template(document, element, c.TitleText ?? new ExpressionText(c.Title, c.Position), titleScope, e, problems);
            var usedParameters = when is null ? [] : ParametersIn(c.When, document);
            dates.Visit(when);
            if (when is not null && because is not null && becausePassed is not null && title is not null)
            {
                criteria.Add(new CompiledCriterion(i, c, when, when.Compile(), because, usedParameters) { BecausePassed = becausePassed, Title = title });
            }
        }

        var outcomeScope = new List<(string Name, Type Type, Expression Bound)>(scope);
        var passed = Expression.Property(e, nameof(EvaluationFact.Passed));
        for (var i = 0; i < document.Criteria.Count; i++)
        {
            outcomeScope.Add((document.Criteria[i].Id.Replace('-', '_'), typeof(bool), Expression.ArrayIndex(passed, Expression.Constant(i))));
        }

        outcomeScope.Add(("all_passed", typeof(bool), Expression.Property(e, nameof(EvaluationFact.AllPassed))));
        outcomeScope.Add(("any_failed", typeof(bool), Expression.Not(Expression.Property(e, nameof(EvaluationFact.AllPassed)))));

        var outcomes = new List<CompiledOutcome>();
        foreach (var o in document.Outcomes)
        {
            var element = $"hasil {o.Id}";
            var when = Bind<bool>(document, element, o.When, outcomeScope, e, problems);
            var amount = o.Amount is null ? null : Bind<decimal>(document, element, o.Amount, outcomeScope, e, problems);
            var because = o.Because is null ? null : Template(document, element, o.Because, outcomeScope, e, problems, dates);
            dates.Visit(when);
            dates.Visit(amount);
            if (when is not null)
            {
                outcomes.Add(new CompiledOutcome(o.Id, when.Compile(), amount?.Compile()) { Because = because });
            }
        }

        if (problems.Count > 0)
        {
            throw new RuleSetException(problems);
        }

        var factory = new NRules.RuleCompiler().Compile(criteria.Select(c => BuildRule(document, c, e)));
        return new CompiledRuleSet(document, Hash(document.Source), subjectType, criteria, outcomes, factory) { ReadsDateOnlyThroughAges = !dates.BeyondAges };
    }

    /// <summary>The content hash that identifies a rule-set version in every decision (line endings normalised).</summary>
    public static string Hash(string yaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml.Replace("\r\n", "\n", StringComparison.Ordinal))));

    /// <summary>One NRules rule per criterion: match the evaluation, and when the condition holds, mark it passed.</summary>
    private static IRuleDefinition BuildRule(RuleSetDocument document, CompiledCriterion criterion, ParameterExpression e)
    {
        var builder = new RuleBuilder();
        builder.Name($"{document.Program} {document.Version} {criterion.Definition.Id}");
        var pattern = builder.LeftHandSide().Pattern(typeof(EvaluationFact), e.Name!);
        pattern.Condition(criterion.Condition);

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var fact = Expression.Parameter(typeof(EvaluationFact), e.Name);
        var pass = Expression.Lambda<Action<IContext, EvaluationFact>>(
            Expression.Call(fact, typeof(EvaluationFact).GetMethod(nameof(EvaluationFact.Pass))!, Expression.Constant(criterion.Index)),
            context, fact);
        builder.RightHandSide().Action(pass);
        return builder.Build();
    }

    private static Type ParameterType(IReadOnlyList<DatedValue> values) =>
        values.Count == 0 ? typeof(decimal)
        : values.All(v => v.Value is int) ? typeof(int)
        : values.All(v => v.Value is int or decimal) ? typeof(decimal)
        : values[0].Value.GetType();

    private static IReadOnlyList<int> ParametersIn(ExpressionText text, RuleSetDocument document) =>
        document.Parameters.Select((p, i) => (p, i))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(text.Text, $@"\b{x.p.Name}\b"))
            .Select(x => x.i).ToList();

    private static Expression<Func<EvaluationFact, T>>? Bind<T>(
        RuleSetDocument document, string element, ExpressionText text,
        List<(string Name, Type Type, Expression Bound)> scope, ParameterExpression e, List<RuleSetProblem> problems)
    {
        try
        {
            var parsed = ExpressionSandbox.Parse(text.Text, typeof(T), scope.Select(s => (s.Name, s.Type)).ToList());
            var replacements = parsed.Lambda.Parameters.ToDictionary(p => p, p => scope.First(s => s.Name == p.Name).Bound);
            var body = new Checkpoints(e).Visit(new Rebinder(replacements).Visit(parsed.Lambda.Body));
            if (body.Type != typeof(T))
            {
                body = Expression.Convert(body, typeof(T));
            }

            body = Checkpoints.Check(e, body);

            return Expression.Lambda<Func<EvaluationFact, T>>(body, e);
        }
        catch (ExpressionSandbox.Failure failure)
        {
            var position = text.Position with { Column = text.Position.Column + Math.Max(0, failure.Index) };
            problems.Add(new RuleSetProblem(document.Name, element, position, failure.Message));
            return null;
        }
    }

    /// <summary>
    /// <c>{label: expression}</c>: a label in words (letters, digits, spaces, <c>- / % ( )</c>) before the
    /// first colon names the value among the values seen; <c>{: expression}</c> is wording only and is
    /// not listed among them. A ternary's colon always follows a <c>?</c>,
    /// which a label cannot hold, and an expression's own text has a dot, bracket or operator first.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex Labelled =
        new(@"^\s*(?<label>\p{L}[\p{L}\p{N} \-/%()]*?)\s*:(?<expr>.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>A because sentence: literal text with {expression} parts, each compiled like a condition.</summary>
    private static IReadOnlyList<TemplatePart>? Template(
        RuleSetDocument document, string element, ExpressionText text,
        List<(string Name, Type Type, Expression Bound)> scope, ParameterExpression e, List<RuleSetProblem> problems, DateReads? dates = null)
    {
        var parts = new List<TemplatePart>();
        var s = text.Text;
        var i = 0;
        var ok = true;
        while (i < s.Length)
        {
            var open = s.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add(new TemplatePart(s[i..], null, null));
                break;
            }

            if (open > i)
            {
                parts.Add(new TemplatePart(s[i..open], null, null));
            }

            var close = s.IndexOf('}', open);
            if (close < 0)
            {
                problems.Add(new RuleSetProblem(document.Name, element, text.Position with { Column = text.Position.Column + open }, "kurung kurawal '{' tidak ditutup"));
                return null;
            }

            var inner = s[(open + 1)..close];
            string? label = inner.Trim();
            var offset = open + 1;
            if (inner.TrimStart().StartsWith(':'))
            {
                // {: expression} is wording only (a phrase chosen by a condition), not a value seen.
                var colon = inner.IndexOf(':', StringComparison.Ordinal);
                label = null;
                offset += colon + 1;
                inner = inner[(colon + 1)..];
            }
            else if (Labelled.Match(inner) is { Success: true } m)
            {
                label = m.Groups["label"].Value;
                offset += m.Groups["expr"].Index;
                inner = m.Groups["expr"].Value;
            }

            var compiled = Bind<object>(document, element, new ExpressionText(inner, text.Position with { Column = text.Position.Column + offset }), scope, e, problems);
            ok &= compiled is not null;
            var perDecision = compiled is null || PerDecision.Reads(compiled.Body);
            if (perDecision)
            {
                // A value kept with the decision; one computed on read follows the reading run's date anyway.
                dates?.Visit(compiled);
            }

            parts.Add(new TemplatePart(null, label, compiled?.Compile()) { PerDecision = perDecision });
            i = close + 1;
        }

        return ok ? parts : null;
    }

    /// <summary>
    /// Makes every lambda inside an expression (the body of a Count, Any, Where …, run once per
    /// element) pass through <see cref="EvaluationFact.Checked{T}"/>, so nested loops notice a
    /// cancelled evaluation at every step rather than after they finish.
    /// </summary>
    private sealed class Checkpoints(ParameterExpression e) : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo CheckedMethod = typeof(EvaluationFact).GetMethod(nameof(EvaluationFact.Checked))!;

        public static Expression Check(ParameterExpression e, Expression body) =>
            Expression.Call(e, CheckedMethod.MakeGenericMethod(body.Type), body);

        protected override Expression VisitLambda<TDelegate>(Expression<TDelegate> node) =>
            node.Update(Check(e, Visit(node.Body)), node.Parameters);
    }

    /// <summary>Whether an expression reads the subject or the criteria's results (else it depends on the date and parameters only).</summary>
    private sealed class PerDecision : ExpressionVisitor
    {
        private static readonly HashSet<string> Members = [nameof(EvaluationFact.Subject), nameof(EvaluationFact.Passed), nameof(EvaluationFact.AllPassed)];
        private bool reads;

        public static bool Reads(Expression body)
        {
            var visitor = new PerDecision();
            visitor.Visit(body);
            return visitor.reads;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            reads |= node.Member.DeclaringType == typeof(EvaluationFact) && Members.Contains(node.Member.Name);
            return base.VisitMember(node);
        }
    }

    /// <summary>
    /// Whether a decision reads the date other than as the argument of a person's <c>AgeOn</c>: then
    /// two dates may decide alike facts differently even when every age is the same on both.
    /// </summary>
    private sealed class DateReads : ExpressionVisitor
    {
        public bool BeyondAges { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == "AgeOn" && node.Arguments is [MemberExpression argument] && IsAsOf(argument))
            {
                Visit(node.Object);
                return node;
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            BeyondAges |= IsAsOf(node);
            return base.VisitMember(node);
        }

        private static bool IsAsOf(MemberExpression node) =>
            node.Member.DeclaringType == typeof(EvaluationFact) && node.Member.Name == nameof(EvaluationFact.AsOf);
    }

    private sealed class Rebinder(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var bound) ? bound : node;
    }
}
