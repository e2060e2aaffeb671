using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Api;

/// <summary>Screening runs over HTTP: start one as a background job, follow its progress and results.</summary>
internal static class ScreeningApi
{
    public sealed record StartRequest(
        [property: JsonPropertyName("period")] string? Period,
        [property: JsonPropertyName("program")] string? Program,
        [property: JsonPropertyName("as_of")] string? AsOf,
        [property: JsonPropertyName("kabupaten")] string? Kabupaten);

    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screenings").RequireAuthorization().AnswerRefusals();

        api.MapPost("", async (StartRequest request, SejahteraDbContext db, StartScreening start, IBackgroundJobClient jobs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                var run = await Enqueue(db, start, jobs, request, user.Identity?.Name ?? "?", ct);
                return Results.Accepted($"/api/screenings/{run.Id}", new { run_id = run.Id, status = run.Status });
            }
            catch (ScreeningConflictException e)
            {
                // The one refusal that carries more than its message: the run already going.
                return Results.Problem(statusCode: 409, title: "Penyaringan yang sama sedang berjalan", detail: e.Message,
                    extensions: new Dictionary<string, object?> { ["run_id"] = e.RunId });
            }
        }).RequirePermission(Permission.StartScreening);

        api.MapGet("/{id:long}", async (long id, SejahteraDbContext db, ScreeningProgress progress, CancellationToken ct) =>
        {
            var run = await db.ScreeningRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (run is null)
            {
                return Results.Problem(statusCode: 404, title: "Penyaringan tidak ditemukan", detail: $"Tidak ada penyaringan {id}.");
            }

            var p = progress.Of(id);
            return Results.Ok(new
            {
                run_id = run.Id,
                status = run.Status,
                period = run.Period,
                programs = run.Programs,
                as_of = run.AsOf,
                kabupaten = run.KabupatenCode,
                attempts = run.Attempts,
                processed = p?.Done ?? run.Households,
                total = p?.Total ?? run.Households,
                households = run.Households,
                decisions = run.Decisions,
                counts = run.CountsJson is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(run.CountsJson).RootElement,
                error = run.Error,
            });
        });

        api.MapGet("/{id:long}/results", ResultsAsync);
        api.MapGet("/{id:long}/results/export", ExportAsync).RequirePermission(Permission.ExportLists);
    }

    /// <summary>The decisions of a run, a page at a time (50), in the user's kabupaten/kota, with their reasons.</summary>
    private static async Task<IResult> ResultsAsync(long id, string? program, string? outcome, string? kabupaten, int? page, SejahteraDbContext db, ScreeningDecisions screening, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await screening.ForRunAsync(db, id, ct) is not { } decisions)
        {
            return Results.Problem(statusCode: 404, title: "Penyaringan tidak ditemukan", detail: $"Tidak ada penyaringan {id}.");
        }

        var found = await ListScreeningResults.PageAsync(db, decisions, user.Scope(), new ScreeningResultFilter(id, program, outcome, kabupaten), page ?? 1, ct);
        return Results.Ok(new
        {
            run_id = id,
            page = found.Page,
            page_size = found.PageSize,
            total = found.Total,
            results = found.Rows.Select(r => new
            {
                household_id = r.HouseholdId, id_dtks = r.IdDtks, kabupaten = r.KabupatenCode, region_code = r.RegionCode, desa = r.DesaName,
                head_name = r.HeadName, program = r.Program, outcome = r.Outcome, amount = r.Amount, failed = r.Failed, reasons = r.Reasons,
            }),
        });
    }

    private static async Task<IResult> ExportAsync(long id, string? program, string? outcome, string? kabupaten, string? format, SejahteraDbContext db, ScreeningDecisions screening, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
        {
            return refused;
        }

        if (await screening.ForRunAsync(db, id, ct) is not { } decisions)
        {
            return Results.Problem(statusCode: 404, title: "Penyaringan tidak ditemukan", detail: $"Tidak ada penyaringan {id}.");
        }

        return ExportResults.Of(ListScreeningResults.Export(db, decisions, user.Scope(), new ScreeningResultFilter(id, program, outcome, kabupaten)), parsed);
    }

    /// <summary>Checks and records the run, then queues its job; shared by the API and the page.</summary>
    internal static async Task<ScreeningRun> Enqueue(
        SejahteraDbContext db, StartScreening start, IBackgroundJobClient jobs, StartRequest request, string requestedBy, CancellationToken ct)
    {
        var asOf = request.AsOf is { Length: > 0 } text ? StartScreening.ParseDate(text) : throw new ScreeningException("Tanggal penilaian (as_of) wajib diisi.");
        var run = await start.HandleAsync(db, new ScreeningRequest(
            request.Period?.Trim() ?? throw new ScreeningException("Periode DTKS wajib diisi."),
            string.IsNullOrWhiteSpace(request.Program) ? StartScreening.All : request.Program,
            asOf,
            string.IsNullOrWhiteSpace(request.Kabupaten) ? null : request.Kabupaten.Trim(),
            requestedBy), ct);
        jobs.Enqueue<ScreeningJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    internal static string Percent(long done, long total) =>
        total == 0 ? "0%" : (100.0 * done / total).ToString("0", CultureInfo.InvariantCulture) + "%";
}
