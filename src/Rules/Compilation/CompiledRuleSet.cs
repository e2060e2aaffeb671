using System.Collections.Concurrent;
using System.Linq.Expressions;
using NRules;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Rules.Compilation;

/// <summary>
/// A piece of a sentence: literal text, or a value computed from the evaluation. A value that reads
/// neither the subject nor the criteria's results (a parameter, the date) is the same for every
/// decision on that date, so a compact decision does not keep it: it is computed again on read.
/// </summary>
internal sealed record TemplatePart(string? Literal, string? Label, Func<EvaluationFact, object>? Value)
{
    public bool PerDecision { get; init; } = true;
}

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

/// <summary>
/// An outcome without its explanation: which outcome, the amount, and which criteria passed (bit i for
/// criterion i in <see cref="CompiledRuleSet.CriterionIds"/> order). A value, so deciding allocates nothing.
/// </summary>
public readonly record struct QuickDecision(string Outcome, decimal? Amount, long PassedMask)
{
    public bool Passed(int criterion) => (PassedMask & (1L << criterion)) != 0;
}

/// <summary>
/// A decision as it is stored: the outcome, the amount, one bit per criterion, and the values its
/// sentences name (<see cref="Evaluation.CompactValues"/>), not the sentences. <see cref="CompiledRuleSet.Render"/>
/// turns it back into the full <see cref="Decision"/> with the exact rule-set version it was made with.
/// </summary>
public sealed record CompactDecision(string Outcome, decimal? Amount, long PassedMask, byte[] Values);

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
    private readonly ConcurrentBag<Worker> workers = [];
    private readonly ConcurrentDictionary<DateOnly, object[]> valuesByDate = new();
    private readonly ConcurrentDictionary<DateOnly, string[]> titlesByDate = new();
    private readonly ThreadLocal<EvaluationFact> quickFacts;

    /// <summary>The most criteria a rule set may have: their results are kept as the bits of one number.</summary>
    public const int MaxCriteria = 64;

    /// <summary>
    /// A long-lived NRules session with the one evaluation fact it is reused with: a worker takes
    /// one, decides subject after subject (the fact reset, inserted, fired and retracted), and gives it back.
    /// </summary>
    private sealed class Worker(ISession session, int criteria)
    {
        public ISession Session { get; } = session;
        public EvaluationFact[] Facts { get; } = Enumerable.Range(0, CaptureBatch).Select(_ => new EvaluationFact(new object(), default, [], criteria)).ToArray();
        public EvaluationFact Fact => Facts[0];
        public System.Buffers.ArrayBufferWriter<byte> Buffer { get; } = new(256);
    }

    /// <summary>How many subjects <see cref="CaptureAll"/> puts through the session at once (NRules propagates a batch through the network in bulk).</summary>
    private const int CaptureBatch = 64;

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
        quickFacts = new ThreadLocal<EvaluationFact>(() => new EvaluationFact(new object(), default, [], criteria.Count));
    }

    public RuleSetDocument Document { get; }

    public string Hash { get; }

    public Type SubjectType { get; }

    public string Program => Document.Program;

    public string Version => Document.Version;

    /// <summary>
    /// Whatever decides (conditions, amounts, the values a decision keeps) reads the date only as the
    /// argument of a person's <c>AgeOn</c>. Set at compilation.
    /// </summary>
    public bool ReadsDateOnlyThroughAges { get; init; }

    /// <summary>
    /// Whether any subject is decided alike on both dates as long as every age it has is the same on
    /// both: the same date, or the date read only through ages and the same parameter values in force.
    /// </summary>
    public bool DecidesAlikeOn(DateOnly a, DateOnly b) =>
        a == b || (ReadsDateOnlyThroughAges && ValuesOn(a).SequenceEqual(ValuesOn(b)));

    /// <summary>
    /// Decides one subject with the full explanation. A cancelled <paramref name="cancellation"/>
    /// stops even an expression in the middle of its loops, with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public Decision Evaluate(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default) =>
        Fired(subject, asOf, cancellation, worker => Explain(worker.Fact, subject.Id));

    /// <summary>
    /// Decides one subject as <see cref="Evaluate"/> does, through the same NRules session, but keeps
    /// what its explanation needs instead of building sentences: which criteria passed and the values
    /// the chosen sentences name. <see cref="Render"/> gives the explanation back, identical.
    /// </summary>
    public CompactDecision Capture(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default) =>
        Fired(subject, asOf, cancellation, worker => Compact(worker.Fact, worker.Buffer));

    /// <summary>Fires one subject in a pooled session, reads the result, and gives the session back.</summary>
    private T Fired<T>(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation, Func<Worker, T> read)
    {
        var worker = Fire(subject, asOf, cancellation);
        try
        {
            return read(worker);
        }
        finally
        {
            workers.Add(worker);
        }
    }

    /// <summary>
    /// <see cref="Capture"/> for <paramref name="count"/> subjects from <paramref name="start"/>, into
    /// <paramref name="into"/> in the same order: one pooled session takes them a batch at a time
    /// (inserted together, fired once, retracted together), which is how NRules is fast.
    /// </summary>
    public void CaptureAll(IReadOnlyList<Facts.IFact> subjects, int start, int count, DateOnly asOf, Span<CompactDecision> into, CancellationToken cancellation = default)
    {
        var values = ValuesOn(asOf);
        var worker = Take();
        var facts = worker.Facts;
        for (var done = 0; done < count; done += CaptureBatch)
        {
            var n = Math.Min(CaptureBatch, count - done);
            for (var i = 0; i < n; i++)
            {
                var subject = subjects[start + done + i];
                if (!SubjectType.IsInstanceOfType(subject))
                {
                    throw new RuleEvaluationException($"Rule set {Document.Name} memutus {Document.Subject}, bukan {subject.GetType().Name}.");
                }

                facts[i].Reset(subject, asOf, values, cancellation);
            }

            var batch = new ArraySegment<EvaluationFact>(facts, 0, n);
            try
            {
                worker.Session.InsertAll(batch);
                worker.Session.Fire();
                worker.Session.RetractAll(batch);
            }
            catch (Exception e) when (cancellation.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw new OperationCanceledException("Evaluasi dihentikan.", e, cancellation);
            }

            for (var i = 0; i < n; i++)
            {
                into[done + i] = Compact(facts[i], worker.Buffer);
            }
        }

        workers.Add(worker);
    }

    private CompactDecision Compact(EvaluationFact fact, System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        long mask = 0;
        foreach (var c in criteria)
        {
            var passed = fact.Passed[c.Index];
            if (passed)
            {
                mask |= 1L << c.Index;
            }

            WriteValues(buffer, passed ? c.BecausePassed : c.Because, fact);
        }

        var outcome = OutcomeOf(fact);
        if (outcome.Because is not null)
        {
            WriteValues(buffer, outcome.Because, fact);
        }

        return new CompactDecision(outcome.Id, outcome.Amount?.Invoke(fact), mask, buffer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The full decision of a <see cref="Capture"/>d one, as <see cref="Evaluate"/> gave it on that
    /// date: titles and parameter values from this version on <paramref name="asOf"/>, every sentence
    /// from the stored values.
    /// </summary>
    public Decision Render(string subjectId, DateOnly asOf, string outcome, decimal? amount, long passedMask, ReadOnlySpan<byte> values)
    {
        var parameters = ValuesOn(asOf);
        var titles = TitlesOn(asOf);
        var dateFact = new EvaluationFact(new object(), asOf, parameters, criteria.Count);
        var findings = new List<Finding>(criteria.Count);
        foreach (var c in criteria)
        {
            var seen = c.UsedParameters.Select(i => new SeenValue(Document.Parameters[i].Name, Render(parameters[i]))).ToList();
            var passed = (passedMask & (1L << c.Index)) != 0;
            var sentence = FillStored(passed ? c.BecausePassed : c.Because, ref values, dateFact, seen);
            var d = c.Definition;
            findings.Add(new Finding(d.Id, titles[c.Index], d.Tag, passed, sentence, d.Ref,
                Document.LegalBasis.GetValueOrDefault(d.Ref, d.Ref), seen));
        }

        var chosen = outcomes.FirstOrDefault(o => o.Id == outcome)
            ?? throw new InvalidDataException($"Hasil {outcome} tidak dikenal oleh {Document.Name}.");
        return new Decision(Program, Document.Subject, subjectId, chosen.Id, amount, Version, Hash, asOf, findings)
        {
            Because = chosen.Because is null ? null : FillStored(chosen.Because, ref values, dateFact, null),
        };
    }

    /// <summary>
    /// The fast path for screening-wide comparisons (dry runs): the same compiled criterion and
    /// outcome expressions, called directly instead of through an NRules session, and no sentences.
    /// A test proves it decides exactly as <see cref="Evaluate"/> does.
    /// </summary>
    public QuickDecision Decide(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default)
    {
        var fact = quickFacts.Value!;
        fact.Reset(subject, asOf, ValuesOn(asOf), cancellation);
        long mask = 0;
        foreach (var c in criteria)
        {
            if (c.Evaluate(fact))
            {
                fact.Pass(c.Index);
                mask |= 1L << c.Index;
            }
        }

        var o = OutcomeOf(fact);
        return new QuickDecision(o.Id, o.Amount?.Invoke(fact), mask);
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

    private Worker Take() => workers.TryTake(out var worker) ? worker : new Worker(factory.CreateSession(), criteria.Count);

    /// <summary>Only the NRules half of an evaluation (take a pooled session, insert, fire, retract), for the bench's split of where time goes.</summary>
    internal void FireOnly(Facts.IFact subject, DateOnly asOf) => workers.Add(Fire(subject, asOf));

    private Worker Fire(Facts.IFact subject, DateOnly asOf, CancellationToken cancellation = default)
    {
        if (!SubjectType.IsInstanceOfType(subject))
        {
            throw new RuleEvaluationException($"Rule set {Document.Name} memutus {Document.Subject}, bukan {subject.GetType().Name}.");
        }

        var values = ValuesOn(asOf);
        var worker = Take();
        var fact = worker.Fact;
        fact.Reset(subject, asOf, values, cancellation);
        try
        {
            worker.Session.Insert(fact);
            worker.Session.Fire();
            worker.Session.Retract(fact);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is not OperationCanceledException)
        {
            // NRules wraps what a condition throws; a cancelled evaluation is reported as such. The
            // session, left in an unknown state, is dropped rather than reused.
            throw new OperationCanceledException("Evaluasi dihentikan.", e, cancellation);
        }

        return worker;
    }

    internal Decision Explain(EvaluationFact fact, string subjectId)
    {
        var titles = TitlesOn(fact.AsOf);
        var findings = new List<Finding>(criteria.Count);
        foreach (var c in criteria)
        {
            var seen = c.UsedParameters.Select(i => new SeenValue(Document.Parameters[i].Name, Render(fact.Values[i]))).ToList();
            var passed = fact.Passed[c.Index];
            var sentence = Fill(passed ? c.BecausePassed : c.Because, fact, seen);

            var d = c.Definition;
            findings.Add(new Finding(d.Id, titles[c.Index], d.Tag, passed, sentence, d.Ref,
                Document.LegalBasis.GetValueOrDefault(d.Ref, d.Ref), seen));
        }

        var o = OutcomeOf(fact);
        return new Decision(Program, Document.Subject, subjectId, o.Id, o.Amount?.Invoke(fact), Version, Hash, fact.AsOf, findings)
        {
            Because = o.Because is null ? null : Fill(o.Because, fact, null),
        };
    }

    /// <summary>The first outcome whose condition holds.</summary>
    private CompiledOutcome OutcomeOf(EvaluationFact fact)
    {
        foreach (var o in outcomes)
        {
            if (o.When(fact))
            {
                return o;
            }
        }

        // The validator requires a catch-all last outcome, so this is a broken invariant, not bad input.
        throw new InvalidOperationException($"No outcome of {Document.Name} matched.");
    }

    /// <summary>
    /// The criterion titles with the parameter values in force on a date (a title naming
    /// <c>{umur_maks}</c> reads "65" once the limit is edited to 65), in criterion order.
    /// </summary>
    public IReadOnlyList<string> TitlesOn(DateOnly asOf) => titlesByDate.GetOrAdd(asOf, date =>
    {
        var fact = new EvaluationFact(new object(), date, ValuesOn(date), criteria.Count);
        return criteria.Select(c => Fill(c.Title, fact, null)).ToArray();
    });

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

    /// <summary>The values a template names, in order, into the decision's compact values.</summary>
    private static void WriteValues(System.Buffers.ArrayBufferWriter<byte> buffer, IReadOnlyList<TemplatePart> parts, EvaluationFact fact)
    {
        foreach (var part in parts)
        {
            if (part.Value is not null && part.PerDecision)
            {
                CompactValues.Write(buffer, part.Value(fact));
            }
        }
    }

    /// <summary><see cref="Fill"/> with the values read back from a compact decision instead of computed.</summary>
    private static string FillStored(IReadOnlyList<TemplatePart> parts, ref ReadOnlySpan<byte> values, EvaluationFact dateFact, List<SeenValue>? seen)
    {
        var sentence = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Literal is not null)
            {
                sentence.Append(part.Literal);
                continue;
            }

            var rendered = part.PerDecision ? CompactValues.ReadRendered(ref values) : Render(part.Value!(dateFact));
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
    internal static string Render(object? value) => CompactValues.Render(value);
}
