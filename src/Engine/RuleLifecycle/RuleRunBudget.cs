using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>
/// How long an evaluation of a draft may run: its tests (when tested and again when published) and
/// its dry run over the registry. A draft is not trusted code: an expression that the sandbox lets
/// through can still nest loops deep enough to run for hours. The evaluation is cancelled when the
/// budget runs out or the request that started it goes away (the compiled expressions check the
/// cancellation at every step of every loop), so nothing keeps burning CPU after its client left.
/// The defaults are in docs/rules.md; the host reads them from <c>RuleRuns:TestSeconds</c> and
/// <c>RuleRuns:DryRunSeconds</c>.
/// </summary>
public sealed record RuleRunBudget(TimeSpan Tests, TimeSpan DryRun)
{
    /// <summary>5 s for a draft's tests (the default rule sets run theirs in milliseconds); 30 s for a dry run's evaluations (the whole 744,779-household registry takes about 2 s).</summary>
    public static readonly RuleRunBudget Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    /// <summary>The budget from <c>RuleRuns:TestSeconds</c> and <c>RuleRuns:DryRunSeconds</c>, each defaulting to <see cref="Default"/>.</summary>
    public static RuleRunBudget From(IConfiguration configuration) => new(
        SecondsOr(configuration["RuleRuns:TestSeconds"], Default.Tests),
        SecondsOr(configuration["RuleRuns:DryRunSeconds"], Default.DryRun));

    private static TimeSpan SecondsOr(string? text, TimeSpan fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : fallback;

    /// <summary>
    /// Runs synchronous evaluation work with a cancellation that fires when <paramref name="budget"/>
    /// has passed on <paramref name="time"/> or <paramref name="requestAborted"/> fires. Running out of
    /// budget becomes a <see cref="RuleLifecycleException"/> saying so; the caller going away stays an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    internal static T Run<T>(TimeSpan budget, TimeProvider time, string what, Func<CancellationToken, T> work, CancellationToken requestAborted)
    {
        using var timeout = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
        try
        {
            return work(linked.Token);
        }
        catch (Exception e) when (IsCancellation(e) && timeout.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            throw new RuleLifecycleException(
                $"{what} dihentikan setelah {Seconds(budget)} detik (batas waktu evaluasi draf). Ada ekspresi yang terlalu berat, "
                + "misalnya perulangan bersarang atas daftar; sederhanakan kriterianya.");
        }
        catch (AggregateException e) when (IsCancellation(e))
        {
            throw new OperationCanceledException("Evaluasi draf dihentikan karena permintaannya dibatalkan.", e, requestAborted);
        }
    }

    /// <summary>The budget as whole seconds (at least 1) for messages.</summary>
    internal static string Seconds(TimeSpan budget) =>
        Math.Max(1, (int)Math.Round(budget.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    // Parallel loops report a cancellation seen inside their bodies as an AggregateException of them.
    private static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.Flatten().InnerExceptions.All(x => x is OperationCanceledException),
        _ => false,
    };
}
