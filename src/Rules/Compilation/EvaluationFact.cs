namespace Sejahtera.Rules.Compilation;

/// <summary>
/// The one fact an evaluation puts in the NRules session: the subject together with the date and
/// the parameter values in force, so every criterion is a single-pattern rule (no joins) and the
/// session can be reused subject after subject. Identity is by reference. It also carries the
/// cancellation of the evaluation: every compiled expression, and every lambda inside one (each
/// iteration of a Count, Any, All …), passes through <see cref="Checked{T}"/>, so a runaway
/// expression stops when its budget runs out or its caller leaves. A pooled session keeps one fact and
/// <see cref="Reset"/>s it for each subject, so deciding a subject allocates no new fact.
/// </summary>
public sealed class EvaluationFact(object subject, DateOnly asOf, object[] values, int criteria, CancellationToken cancellation = default)
{
    public object Subject { get; private set; } = subject;
    public DateOnly AsOf { get; private set; } = asOf;
    public object[] Values { get; private set; } = values;
    public bool[] Passed { get; } = new bool[criteria];

    public bool AllPassed => Array.IndexOf(Passed, false) < 0;

    public CancellationToken Cancellation { get; private set; } = cancellation;

    /// <summary>Makes this fact the next subject's, every criterion not (yet) passed.</summary>
    internal void Reset(object subject, DateOnly asOf, object[] values, CancellationToken cancellation)
    {
        Subject = subject;
        AsOf = asOf;
        Values = values;
        Cancellation = cancellation;
        Array.Clear(Passed);
    }

    public void Pass(int criterion) => Passed[criterion] = true;

    /// <summary>The value, unless the evaluation was cancelled; woven into compiled expressions by the compiler.</summary>
    public T Checked<T>(T value)
    {
        Cancellation.ThrowIfCancellationRequested();
        return value;
    }
}
