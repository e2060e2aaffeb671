using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using NRules;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Rules.Compilation;

internal sealed record TemplatePart(string? Literal, string? Label, Func<EvaluationFact, object>? Value);

internal sealed record CompiledCriterion(
    int Index,
    CriterionDefinition Definition,
    Expression<Func<EvaluationFact, bool>> Condition,
    Func<EvaluationFact, bool> Evaluate,
    IReadOnlyList<TemplatePart> Because,
    IReadOnlyList<int> UsedParameters)
{
    /// <summary>The sentence when the criterion passes (the <see cref="Because"/> sentence unless the rule set gives one).</summary>
    public required IReadOnlyList<TemplatePart> BecausePassed { get; init; }

    /// <summary>The title, with the parameter values in force.</summary>
    public required IReadOnlyList<TemplatePart> Title { get; init; }
}

/// <summary>An outcome without its explanation: which outcome, the amount, and which criteria passed (in <see cref="CompiledRuleSet.CriterionIds"/> order).</summary>
public sealed record QuickDecision(string Outcome, decimal? Amount, IReadOnlyList<bool> Passed);

internal sealed record CompiledOutcome(string Id, Func<EvaluationFact, bool> When, Func<EvaluationFact, decimal>? Amount)
{
    public IReadOnlyList<TemplatePart>? Because { get; init; }
}

/// <summary>
/// One rule-set version, compiled once. Evaluations reuse NRules sessions from a pool: insert the
/// evaluation fact, fire, read which criteria passed, retract (docs/rules.md: session creation dominates
/// otherwise). Thread-safe; each thread takes its own session.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly IReadOnlyList<CompiledCriterion> criteria;
    private readonly IReadOnlyList<CompiledOutcome> outcomes;
    private readonly ISessionFactory factory;
    private readonly ConcurrentBag<ISession> sessions = [];
    private readonly ConcurrentDictionary<DateOnly, object[]> valuesByDate = new();

    internal CompiledRuleSet(
        RuleSetDocument document, string hash, Type subjectType,
        IReadOnlyList<CompiledCriterion> criteria, IReadOnlyList<CompiledOutcome> outcomes, ISessionFactory factory)
    {
        Document = document;
        Hash = hash;
        SubjectType = subjectType;
        this.criteria = criteria;
        this.outcomes = outcomes;
        this.factory = factory;
    }

    public RuleSetDocument Document { get; }

    public string Hash { get; }

    public Type SubjectType { get; }

    public string Program => Document.Program;

    public string Version => Document.Version;

    /// <summary>
    /// Decides one subject with the full explanation. A cancelled <paramref name="cancellation"/>
    /// stops even an expression in the middle of its loops, with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public Decision Evaluate(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default)
    {
        var fact = Fire(subject, asOf, cancellation);
        return Explain(fact, subject.Id);
    }

    /// <summary>
    /// The fast path for screening-wide comparisons (dry runs): the same compiled criterion and
    /// outcome expressions, called directly instead of through an NRules session, and no sentences.
    /// A test proves it decides exactly as <see cref="Evaluate"/> does.
    /// </summary>
    public QuickDecision Decide(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default)
    {
        var fact = new EvaluationFact(subject, asOf, ValuesOn(asOf), criteria.Count, cancellation);
        foreach (var c in criteria)
        {
            if (c.Evaluate(fact))
            {
                fact.Pass(c.Index);
            }
        }

        foreach (var o in outcomes)
        {
            if (o.When(fact))
            {
                return new QuickDecision(o.Id, o.Amount?.Invoke(fact), fact.Passed);
            }
        }

        throw new InvalidOperationException($"No outcome of {Document.Name} matched.");
    }

    /// <summary>Criterion ids in evaluation order, to read <see cref="QuickDecision.Passed"/>.</summary>
    public IReadOnlyList<string> CriterionIds => criteria.Select(c => c.Definition.Id).ToList();

    /// <summary>
    /// The same evaluation in a session created for it alone: the naive way to use NRules, kept as
    /// the bench's peer to show what session reuse buys.
    /// </summary>
    internal Decision EvaluateInFreshSession(Facts.IFact subject, DateOnly asOf)
    {
        var fact = new EvaluationFact(subject, asOf, ValuesOn(asOf), criteria.Count);
        var session = factory.CreateSession();
        session.Insert(fact);
        session.Fire();
        return Explain(fact, subject.Id);
    }

    /// <summary>The parameter values in force on a date, each the one with the latest `from` on or before it.</summary>
    public IReadOnlyList<(string Name, object Value)> ParametersOn(DateOnly asOf)
    {
        var values = ValuesOn(asOf);
        return Document.Parameters.Select((p, i) => (p.Name, values[i])).ToList();
    }

    internal EvaluationFact Fire(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default)
    {
        if (!SubjectType.IsInstanceOfType(subject))
        {
            throw new RuleEvaluationException($"Rule set {Document.Name} memutus {Document.Subject}, bukan {subject.GetType().Name}.");
        }

        var fact = new EvaluationFact(subject, asOf, ValuesOn(asOf), criteria.Count, cancellation);
        if (!sessions.TryTake(out var session))
        {
            session = factory.CreateSession();
        }

        try
        {
            session.Insert(fact);
            session.Fire();
            session.Retract(fact);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is not OperationCanceledException)
        {
            // NRules wraps what a condition throws; a cancelled evaluation is reported as such.
            session = null;
            throw new OperationCanceledException("Evaluasi dihentikan.", e, cancellation);
        }
        catch
        {
            // A session left in an unknown state is dropped rather than reused.
            session = null;
            throw;
        }
        finally
        {
            if (session is not null)
            {
                sessions.Add(session);
            }
        }

        return fact;
    }

    internal Decision Explain(EvaluationFact fact, string subjectId)
    {
        var findings = new List<Finding>(criteria.Count);
        foreach (var c in criteria)
        {
            var seen = c.UsedParameters.Select(i => new SeenValue(Document.Parameters[i].Name, Render(fact.Values[i]))).ToList();
            var passed = fact.Passed[c.Index];
            var sentence = Fill(passed ? c.BecausePassed : c.Because, fact, seen);
            var title = Fill(c.Title, fact, null);

            var d = c.Definition;
            findings.Add(new Finding(d.Id, title, d.Tag, passed, sentence, d.Ref,
                Document.LegalBasis.GetValueOrDefault(d.Ref, d.Ref), seen));
        }

        foreach (var o in outcomes)
        {
            if (o.When(fact))
            {
                return new Decision(Program, Document.Subject, subjectId, o.Id, o.Amount?.Invoke(fact), Version, Hash, fact.AsOf, findings)
                {
                    Because = o.Because is null ? null : Fill(o.Because, fact, null),
                };
            }
        }

        // The validator requires a catch-all last outcome, so this is a broken invariant, not bad input.
        throw new InvalidOperationException($"No outcome of {Document.Name} matched.");
    }

    /// <summary>
    /// The criterion titles with the parameter values in force on a date (a title naming
    /// <c>{umur_maks}</c> reads "65" once the limit is edited to 65), in criterion order.
    /// </summary>
    public IReadOnlyList<string> TitlesOn(DateOnly asOf)
    {
        var fact = new EvaluationFact(new object(), asOf, ValuesOn(asOf), criteria.Count);
        return criteria.Select(c => Fill(c.Title, fact, null)).ToList();
    }

    /// <summary>Renders a template; each value is added to <paramref name="seen"/> under its label, once.</summary>
    private static string Fill(IReadOnlyList<TemplatePart> parts, EvaluationFact fact, List<SeenValue>? seen)
    {
        var sentence = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Literal is not null)
            {
                sentence.Append(part.Literal);
                continue;
            }

            var rendered = Render(part.Value!(fact));
            sentence.Append(rendered);
            if (seen is not null && part.Label is not null && seen.All(v => v.Name != part.Label))
            {
                seen.Add(new SeenValue(part.Label!, rendered));
            }
        }

        return sentence.ToString();
    }

    private object[] ValuesOn(DateOnly asOf) => valuesByDate.GetOrAdd(asOf, date =>
        Document.Parameters.Select(p =>
            p.Values.Where(v => v.From <= date).OrderByDescending(v => v.From).FirstOrDefault()?.Value
            ?? throw new RuleEvaluationException(
                $"Parameter {p.Name} dari {Document.Name} belum berlaku pada {date:dd/MM/yyyy} (berlaku mulai {p.Values.Min(v => v.From):dd/MM/yyyy}).")).ToArray());

    /// <summary>How a value appears in a sentence: Indonesian number format, dd/MM/yyyy dates, ya/tidak.</summary>
    internal static string Render(object? value) => value switch
    {
        null => "-",
        bool b => b ? "ya" : "tidak",
        int or long => ((IFormattable)value).ToString("N0", Indonesian),
        decimal d when d == decimal.Truncate(d) => d.ToString("N0", Indonesian),
        decimal or double => ((IFormattable)value).ToString("0.##", Indonesian),
        DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Render)),
        _ => value.ToString() ?? "-",
    };

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
}
