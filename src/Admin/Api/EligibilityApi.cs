using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
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

        api.MapPost("/eligibility/{program}/evaluate", async (
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

            return Results.Ok(await evaluate.HandleAsync(db, program, subject.GetRawText(), asOf, user.Identity?.Name, ct));
        }).RequirePermission(Permission.EvaluateEligibility)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSubjectBytes));

        api.MapGet("/households/{id:long}/eligibility", async (
            long id, string? as_of, SejahteraDbContext db, HouseholdEligibility eligibility, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var asOf = as_of is null ? DateOnly.FromDateTime(time.GetLocalNow().Date) : ParseDate(as_of);
            if (asOf is null)
            {
                return BadRequest("as_of harus tanggal berformat yyyy-mm-dd.");
            }

            var result = await eligibility.HandleAsync(db, user.Scope(), id, asOf.Value, ct);
            return result is null
                ? Results.Problem(statusCode: 404, title: "Rumah tangga tidak ditemukan", detail: $"Tidak ada rumah tangga {id} dalam wilayah Anda.")
                : Results.Ok(new { household_id = id, as_of = asOf, programs = result });
        });

        api.MapPost("/decisions/{id:long}/replay", async (long id, SejahteraDbContext db, ReplayDecision replay, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await replay.HandleAsync(db, id, user.Scope(), user.Identity?.Name, ct);
            return result is null
                ? Results.Problem(statusCode: 404, title: "Keputusan tidak ditemukan", detail: $"Tidak ada keputusan {id} dalam wilayah Anda.")
                : Results.Ok(new { decision_id = id, identical = result.Identical, differences = result.Differences, stored = result.Stored, replayed = result.Replayed });
        }).RequirePermission(Permission.ReplayDecision);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: 400, title: "Permintaan tidak sah", detail: detail);
}
