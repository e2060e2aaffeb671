using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Admin.Api;

/// <summary>Decisions over HTTP: evaluate a subject, a registry household's programs, replay a stored decision.</summary>
internal static class EligibilityApi
{
    public sealed record EvaluateRequest(
        [property: JsonPropertyName("as_of")] string? AsOf,
        [property: JsonPropertyName("subject")] JsonElement? Subject);

    /// <summary>A subject is a household or a group of twenty: 256 KB is far more than any needs, and keeps the decision table from storing megabytes.</summary>
    public const long MaxSubjectBytes = 256 * 1024;

    public static void MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AnswerRefusals();

        api.MapPost("/eligibility/{program}/evaluate", async Task<Results<Ok<DecisionDocument>, ProblemHttpResult>> (
            string program, EvaluateRequest request, SejahteraDbContext db, EvaluateSubject evaluate, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (ParseDate(request.AsOf) is not { } asOf)
            {
                return BadRequest("as_of harus tanggal berformat yyyy-mm-dd.");
            }

            if (request.Subject is not { ValueKind: JsonValueKind.Object } subject)
            {
                return BadRequest("subject harus berupa objek JSON dengan properti fakta (lihat docs/rules.md).");
            }

            return TypedResults.Ok(await evaluate.HandleAsync(db, program, subject.GetRawText(), asOf, user.Identity?.Name, ct));
        }).RequirePermission(Permission.EvaluateEligibility)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSubjectBytes));

        api.MapGet("/households/{id:long}/eligibility", async Task<Results<Ok<HouseholdEligibilityResponse>, ProblemHttpResult>> (
            long id, string? as_of, SejahteraDbContext db, HouseholdEligibility eligibility, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var asOf = as_of is null ? DateOnly.FromDateTime(time.GetLocalNow().Date) : ParseDate(as_of);
            if (asOf is null)
            {
                return BadRequest("as_of harus tanggal berformat yyyy-mm-dd.");
            }

            var result = await eligibility.HandleAsync(db, user.Scope(), id, asOf.Value, ct);
            return result is null
                ? Refusals.NotFound("Rumah tangga tidak ditemukan", $"Tidak ada rumah tangga {id} dalam wilayah Anda.")
                : TypedResults.Ok(new HouseholdEligibilityResponse(id, asOf.Value, result));
        });

        // The latest screening's decisions of a household, rendered on read from their compact form.
        api.MapGet("/households/{id:long}/screening", async Task<Results<Ok<HouseholdScreeningDecisions>, ProblemHttpResult>> (
            long id, SejahteraDbContext db, HouseholdScreening screening, ClaimsPrincipal user, CancellationToken ct) =>
            await screening.LatestAsync(db, user.Scope(), id, ct) is { } found
                ? TypedResults.Ok(found)
                : Refusals.NotFound("Belum ada hasil penyaringan", $"Rumah tangga {id} belum diputus oleh penyaringan yang selesai, atau di luar wilayah Anda."));

        // A screening decision evaluated again from the registry with the run's rule-set version and date.
        api.MapPost("/screening-results/{id:long}/replay", async Task<Results<Ok<ReplayResponse>, ProblemHttpResult>> (
            long id, SejahteraDbContext db, ReplayScreeningDecision replay, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await replay.HandleAsync(db, id, user.Scope(), ct);
            return result is null
                ? Refusals.NotFound("Keputusan penyaringan tidak ditemukan", $"Tidak ada keputusan penyaringan {id} dalam wilayah Anda.")
                : TypedResults.Ok(new ReplayResponse(id, result.Identical, result.Differences, result.Stored, result.Replayed));
        }).RequirePermission(Permission.ReplayDecision);

        api.MapPost("/decisions/{id:long}/replay", async Task<Results<Ok<ReplayResponse>, ProblemHttpResult>> (long id, SejahteraDbContext db, ReplayDecision replay, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await replay.HandleAsync(db, id, user.Scope(), user.Identity?.Name, ct);
            return result is null
                ? Refusals.NotFound("Keputusan tidak ditemukan", $"Tidak ada keputusan {id} dalam wilayah Anda.")
                : TypedResults.Ok(new ReplayResponse(id, result.Identical, result.Differences, result.Stored, result.Replayed));
        }).RequirePermission(Permission.ReplayDecision);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static ProblemHttpResult BadRequest(string detail) => Refusals.BadRequest(detail, "Permintaan tidak sah");
}

/// <summary>A registry household's programs on a date.</summary>
internal sealed record HouseholdEligibilityResponse(
    [property: JsonPropertyName("household_id")] long HouseholdId,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("programs")] IReadOnlyList<ProgramEligibility> Programs);

/// <summary>A stored decision evaluated again with its own rule-set version, and what differs.</summary>
internal sealed record ReplayResponse(
    [property: JsonPropertyName("decision_id")] long DecisionId,
    [property: JsonPropertyName("identical")] bool Identical,
    [property: JsonPropertyName("differences")] IReadOnlyList<string> Differences,
    [property: JsonPropertyName("stored")] DecisionDocument Stored,
    [property: JsonPropertyName("replayed")] DecisionDocument Replayed);
