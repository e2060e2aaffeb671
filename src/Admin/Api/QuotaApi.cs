using System.Security.Claims;
using System.Text.Json.Serialization;
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
            return Results.Ok(rows.OrderBy(q => q.KabupatenCode).ThenBy(q => q.Program).Select(Json));
        });

        // The use case checks the permission itself, so the refusal names who may (403) and nothing changes.
        quotas.MapPut("", async (QuotaRequest request, SejahteraDbContext db, SetScreeningQuota set, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(Json(await set.HandleAsync(db, new QuotaEntry(request.Program, request.Kabupaten, request.Quota), user.Identity?.Name ?? "?", user.RoleNames(), ct))));

        app.MapGet("/api/screenings/{id:long}/quota", AllocationAsync).RequireAuthorization().AnswerRefusals();
    }

    /// <summary>
    /// The use of each quota of a program in a run (in the user's kabupaten/kota); with a kabupaten, also
    /// its desil-3 households in rank order, a page at a time (50), each "masuk kuota" or "menunggu".
    /// </summary>
    private static async Task<IResult> AllocationAsync(long id, string? program, string? kabupaten, int? page, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.ScreeningRuns.AnyAsync(r => r.Id == id, ct))
        {
            return Results.Problem(statusCode: 404, title: "Penyaringan tidak ditemukan", detail: $"Tidak ada penyaringan {id}.");
        }

        if (program is null || !QuotaPrograms.Has(program))
        {
            return Results.Problem(statusCode: 400, title: "Ditolak",
                detail: $"Program '{program}' tidak memakai kuota; yang memakai: {string.Join(", ", QuotaPrograms.All)}.");
        }

        var uses = await QuotaAllocation.UsesAsync(db, user.Scope(), id, program, ct);
        QuotaPlacePage? places = null;
        if (!string.IsNullOrWhiteSpace(kabupaten))
        {
            places = await QuotaAllocation.PlacesAsync(db, user.Scope(), id, program, kabupaten.Trim(), page ?? 1, ct);
            if (places is null)
            {
                return Results.Problem(statusCode: 404, title: "Kuota tidak ditemukan",
                    detail: $"Tidak ada kuota {program} untuk kabupaten/kota '{kabupaten}' di wilayah Anda.");
            }
        }

        return Results.Ok(new
        {
            run_id = id,
            program,
            quotas = uses.Select(UseJson),
            households = places is null ? null : new
            {
                kabupaten = places.Use.KabupatenCode,
                page = places.Page,
                page_size = places.PageSize,
                total = places.Total,
                rows = places.Places.Select(p => new
                {
                    rank = p.Rank, status = p.Status, household_id = p.HouseholdId, id_dtks = p.IdDtks, region_code = p.RegionCode, desa = p.DesaName,
                    desil = p.Desil, members = p.Members, amount = p.Amount,
                }),
            },
        });
    }

    private static object Json(ScreeningQuota q) => new
    {
        program = q.Program, kabupaten = q.KabupatenCode, quota = q.Quota, updated_by = q.UpdatedBy, updated_at = q.UpdatedAt,
    };

    private static object UseJson(QuotaUse u) => new
    {
        kabupaten = u.KabupatenCode, name = u.KabupatenName, quota = u.Quota, eligible = u.Eligible, used_by_eligible = u.UsedByEligible,
        within_quota = u.WithinQuota, given = u.Given, waiting = u.Waiting, exceeded = u.Exceeded,
    };
}
