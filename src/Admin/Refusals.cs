using Sejahtera.Admin.Cli;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Screening;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Admin;

/// <summary>
/// The one mapping of the engine's refusals to what a person gets: an HTTP status with its problem
/// title (API), the message on the page, and the CLI's exit code. A refusal always means nothing
/// changed; anything not listed here is a fault, not a refusal.
/// </summary>
internal static class Refusals
{
    /// <summary>The status and title of a refusal, or null when <paramref name="e"/> is not one.</summary>
    public static (int Status, string Title)? Classify(Exception e) => e switch
    {
        ProposalNotFoundException => (StatusCodes.Status404NotFound, "Tidak ditemukan"),
        AccessRefusedException or Engine.Cases.CaseActionForbiddenException => (StatusCodes.Status403Forbidden, "Tidak berwenang"),
        ProposalRefusedException { Conflict: true } => (StatusCodes.Status409Conflict, "Sudah diubah pengguna lain"),
        ScreeningConflictException => (StatusCodes.Status409Conflict, "Penyaringan yang sama sedang berjalan"),
        ProposalRefusedException or DisbursementException or FileRefusedException or RuleEvaluationException or RuleLifecycleException
            or ScreeningException or CliUsageException => (StatusCodes.Status400BadRequest, "Ditolak"),
        ResidentNotFoundException => (StatusCodes.Status404NotFound, "Tidak ditemukan"),
        ResidentRefusedException { Conflict: true } => (StatusCodes.Status409Conflict, "Sudah diubah pengguna lain"),
        ResidentRefusedException => (StatusCodes.Status400BadRequest, "Ditolak"),
        KpmNotFoundException => (StatusCodes.Status404NotFound, "Tidak ditemukan"),
        KpmRefusedException or KpmReplaceRefusedException => (StatusCodes.Status400BadRequest, "Ditolak"),
        IndicatorNotFoundException => (StatusCodes.Status404NotFound, "Tidak ditemukan"),
        IndicatorScopeException => (StatusCodes.Status403Forbidden, "Tidak berwenang"),
        IndicatorRefusedException => (StatusCodes.Status400BadRequest, "Ditolak"),
        _ => null,
    };

    /// <summary>Whether <paramref name="e"/> is a refusal (a page shows its message; nothing changed).</summary>
    public static bool IsRefusal(Exception e) => Classify(e) is not null;

    /// <summary>Problem details of a refusal, in Indonesian.</summary>
    public static IResult Problem(Exception e, (int Status, string Title) refusal) =>
        Results.Problem(statusCode: refusal.Status, title: refusal.Title, detail: e.Message);


    /// <summary>Every API endpoint's refusals answered as problem details; faults go on to the error page.</summary>
    public static TBuilder AnswerRefusals<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (Classify(e) is { } refusal)
            {
                return Problem(e, refusal);
            }
        });
}
