using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>The statuses a refusal can answer, each documented on every API endpoint.</summary>
    public static readonly IReadOnlyList<int> Statuses =
        [StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict];

    /// <summary>Problem details of a refusal, in Indonesian.</summary>
    public static ProblemHttpResult Problem(Exception e, (int Status, string Title) refusal) =>
        TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: e.Message);

    /// <summary>A 400 problem: the request itself is refused, nothing changed.</summary>
    public static ProblemHttpResult BadRequest(string detail, string title = "Ditolak") =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary>A 404 problem: missing, or outside the user's region (the two are not told apart).</summary>
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    /// <summary>A 413 problem: the body is over its size limit.</summary>
    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Berkas terlalu besar", detail: detail);

    /// <summary>A 415 problem: the body is not of the content type the endpoint takes.</summary>
    public static ProblemHttpResult WrongContentType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Jenis isi tidak didukung", detail: detail);

    /// <summary>
    /// Documents an endpoint that reads its body as sent (a file, not a form): the request body with the content types it
    /// takes, as a file (string, binary) so the reference page offers a file picker, and the 415 (and, with a limit, 413)
    /// problem. Forms (multipart/form-data) are refused on purpose: a cross-site form can send one with the user's cookie.
    /// </summary>
    public static TBuilder TakesUpload<TBuilder>(this TBuilder builder, string[] contentTypes, bool sizeLimited = false)
        where TBuilder : IEndpointConventionBuilder
    {
        // Not AcceptsMetadata: routing would then answer 415 before authorization says 403.
        builder.WithMetadata(new Api.UploadBody(contentTypes));
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), ["application/problem+json"]));
        if (sizeLimited)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }

    /// <summary>
    /// Every API endpoint's refusals answered as problem details, and documented as such in the OpenAPI
    /// description (one problem response per status of <see cref="Statuses"/>); faults go on to the error page.
    /// </summary>
    public static TBuilder AnswerRefusals<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in Statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder.AddEndpointFilter(async (context, next) =>
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
}
