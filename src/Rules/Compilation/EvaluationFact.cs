namespace Sejahtera.Rules.Compilation;

/// <summary>
/// The one fact an evaluation puts in the NRules session: the subject together with the date and
/// the parameter values in force, so every criterion is a single-pattern rule (no joins) and the
/// session can be reused subject after subject. Identity is by reference.
/// </summary>
public sealed class EvaluationFact(object subject, DateOnly asOf, object[] values, int criteria)
{
    public object Subject { get; } = subject;
    public DateOnly AsOf { get; } = asOf;
    public object[] Values { get; } = values;
    public bool[] Passed { get; } = new bool[criteria];

    public bool AllPassed => Array.TrueForAll(Passed, p => p);

    public void Pass(int criterion) => Passed[criterion] = true;
}
