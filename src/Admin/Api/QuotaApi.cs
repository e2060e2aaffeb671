using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening.Quotas;

namespace Sejahtera.Admin.Api;

/// <summary>The quotas per program and kabupaten/kota, and how a screening run's results fill them.</summary>
internal static class QuotaApi
{
    public sealed record QuotaRequest(
        [property: JsonPropertyName("program")] string? Program,
        [property: JsonPropertyName("kabupaten")] string? Kabupaten,
        [property: JsonPropertyName("quota")] int? Quota);

    public static void MapQuotaApi(this IEndpointRouteBuilder app)
    {
        var quotas = app.MapGroup("/api/screening-quotas").RequireAuthorization().AnswerRefusals();

        quotas.MapGet("", async (SejahteraDbContext db, CancellationToken ct) =>
        {
            var rows = await db.ScreeningQuotas.AsNoTracking().ToListAsync(ct);
            return TypedResults.Ok(rows.OrderBy(q => q.KabupatenCode).ThenBy(q => q.Program).Select(QuotaEntryResponse.Of));
        });

        // The use case checks the permission itself, so the refusal names who may (403) and nothing changes.
        quotas.MapPut("", async (QuotaRequest request, SejahteraDbContext db, SetScreeningQuota set, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(QuotaEntryResponse.Of(await set.HandleAsync(db, new QuotaEntry(request.Program, request.Kabupaten, request.Quota), user.Identity?.Name ?? "?", user.RoleNames(), ct))));

        app.MapGet("/api/screenings/{id:long}/quota", AllocationAsync).RequireAuthorization().AnswerRefusals();
    }

    /// <summary>
    /// The use of each quota of a program in a run (in the user's kabupaten/kota); with a kabupaten, also
    /// its desil-3 households in rank order, a page at a time (50), each "masuk kuota" or "menunggu".
    /// </summary>
    private static async Task<Results<Ok<QuotaAllocationResponse>, ProblemHttpResult>> AllocationAsync(long id, string? program, string? kabupaten, int? page, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.ScreeningRuns.AnyAsync(r => r.Id == id, ct))
        {
            return ScreeningApi.NoRun(id);
        }

        if (program is null || !QuotaPrograms.Has(program))
        {
            return Refusals.BadRequest(
                $"Program '{program}' tidak memakai kuota; yang memakai: {string.Join(", ", QuotaPrograms.All)}.");
        }

        var uses = await QuotaAllocation.UsesAsync(db, user.Scope(), id, program, ct);
        QuotaPlacePage? places = null;
        if (!string.IsNullOrWhiteSpace(kabupaten))
        {
            places = await QuotaAllocation.PlacesAsync(db, user.Scope(), id, program, kabupaten.Trim(), page ?? 1, ct);
            if (places is null)
            {
                return Refusals.NotFound("Kuota tidak ditemukan",
                    $"Tidak ada kuota {program} untuk kabupaten/kota '{kabupaten}' di wilayah Anda.");
            }
        }

        return TypedResults.Ok(new QuotaAllocationResponse(id, program, [.. uses.Select(QuotaUseResponse.Of)], places is null ? null : new QuotaPlaces(
            places.Use.KabupatenCode, places.Page, places.PageSize, places.Total,
            [.. places.Places.Select(p => new QuotaPlaceRow(p.Rank, p.Status, p.HouseholdId, p.IdDtks, p.RegionCode, p.DesaName, p.Desil, p.Members, p.Amount))])));
    }
}

/// <summary>A program's quota in a kabupaten/kota, with who set it last.</summary>
internal sealed record QuotaEntryResponse(
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("quota")] int Quota,
    [property: JsonPropertyName("updated_by")] string UpdatedBy,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static QuotaEntryResponse Of(ScreeningQuota q) => new(q.Program, q.KabupatenCode, q.Quota, q.UpdatedBy, q.UpdatedAt);
}

/// <summary>How a run's results fill a kabupaten/kota's quota.</summary>
internal sealed record QuotaUseResponse(
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("quota")] int Quota,
    [property: JsonPropertyName("eligible")] long Eligible,
    [property: JsonPropertyName("used_by_eligible")] long UsedByEligible,
    [property: JsonPropertyName("within_quota")] long WithinQuota,
    [property: JsonPropertyName("given")] long Given,
    [property: JsonPropertyName("waiting")] long Waiting,
    [property: JsonPropertyName("exceeded")] bool Exceeded)
{
    public static QuotaUseResponse Of(QuotaUse u) =>
        new(u.KabupatenCode, u.KabupatenName, u.Quota, u.Eligible, u.UsedByEligible, u.WithinQuota, u.Given, u.Waiting, u.Exceeded);
}

/// <summary>The quota use of a program in a run and, for one kabupaten/kota, a page of its desil-3 households in rank order.</summary>
internal sealed record QuotaAllocationResponse(
    [property: JsonPropertyName("run_id")] long RunId,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("quotas")] IReadOnlyList<QuotaUseResponse> Quotas,
    [property: JsonPropertyName("households")] QuotaPlaces? Households);

/// <summary>A page of a kabupaten/kota's desil-3 households, each "masuk kuota" or "menunggu".</summary>
internal sealed record QuotaPlaces(
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("rows")] IReadOnlyList<QuotaPlaceRow> Rows);

/// <summary>One desil-3 household's place in the quota.</summary>
internal sealed record QuotaPlaceRow(
    [property: JsonPropertyName("rank")] long Rank,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("household_id")] long HouseholdId,
    [property: JsonPropertyName("id_dtks")] string IdDtks,
    [property: JsonPropertyName("region_code")] string RegionCode,
    [property: JsonPropertyName("desa")] string Desa,
    [property: JsonPropertyName("desil")] int Desil,
    [property: JsonPropertyName("members")] int Members,
    [property: JsonPropertyName("amount")] decimal? Amount);
