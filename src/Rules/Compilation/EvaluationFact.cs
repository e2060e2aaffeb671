namespace Sejahtera.Rules.Compilation;

/// <summary>
/// The one fact an evaluation puts in the NRules session: the subject together with the date and
/// the parameter values in force, so every criterion is a single-pattern rule (no joins) and the
/// session can be reused subject after subject. Identity is by reference. It also carries the
/// cancellation of the evaluation: every compiled expression, and every lambda inside one (each
/// iteration of a Count, Any, All …), passes through <see cref="Checked{T}"/>, so a runaway
/// expression stops when its budget runs out or its caller leaves.
/// </summary>
public sealed class EvaluationFact(object subject, DateOnly asOf, object[] values, int criteria, CancellationToken cancellation = default)
{
    public object Subject { get; } = subject;
    public DateOnly AsOf { get; } = asOf;
    public object[] Values { get; } = values;
    public bool[] Passed { get; } = new bool[criteria];

    public bool AllPassed => Array.TrueForAll(Passed, p => p);

    public CancellationToken Cancellation { get; } = cancellation;

    public void Pass(int criterion) => Passed[criterion] = true;

    /// <summary>The value, unless the evaluation was cancelled; woven into compiled expressions by the compiler.</summary>
    public T Checked<T>(T value)
    {
        Cancellation.ThrowIfCancellationRequested();
        return value;
    }
}
