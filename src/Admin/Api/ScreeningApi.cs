using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
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
        [property: JsonPropertyName("kabupaten")] string? Kabupaten,
        [property: JsonPropertyName("redecide_all")] bool RedecideAll = false);

    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screenings").RequireAuthorization().AnswerRefusals();

        api.MapPost("", async Task<Results<Accepted<ScreeningStarted>, ProblemHttpResult>> (StartRequest request, SejahteraDbContext db, StartScreening start, IBackgroundJobClient jobs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                var run = await Enqueue(db, start, jobs, request, user.Identity?.Name ?? "?", ct);
                return TypedResults.Accepted($"/api/screenings/{run.Id}", new ScreeningStarted(run.Id, run.Status));
            }
            catch (ScreeningConflictException e)
            {
                // The one refusal that carries more than its message: the run already going.
                return TypedResults.Problem(statusCode: 409, title: "Penyaringan yang sama sedang berjalan", detail: e.Message,
                    extensions: new Dictionary<string, object?> { ["run_id"] = e.RunId });
            }
        }).RequirePermission(Permission.StartScreening);

        // The screening history, a page at a time; the paging is in the headers (see ListResponses).
        api.MapGet("", async (int? page, int? page_size, string? sort, string? status, string? period, string? kabupaten,
            HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            var runs = await ListScreeningRuns.HandleAsync(db, new ScreeningRunFilter(status, period, kabupaten), Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            ListResponses.AddPaging(response, runs);
            return TypedResults.Ok(runs.Items.Select(ScreeningRunEntry.Of));
        });

        api.MapGet("/{id:long}", async Task<Results<Ok<ScreeningRunStatus>, ProblemHttpResult>> (long id, SejahteraDbContext db, ScreeningProgress progress, CancellationToken ct) =>
        {
            var run = await db.ScreeningRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (run is null)
            {
                return NoRun(id);
            }

            var p = await ScreeningParts.ProgressAsync(db, progress, run, ct) is { } parts ? (parts.Done, parts.Total) : progress.Of(id);
            return TypedResults.Ok(new ScreeningRunStatus(
                run.Id, run.Status, run.Period, run.Programs, run.AsOf, run.KabupatenCode, run.Attempts, p?.Done ?? run.Households, p?.Total ?? run.Households,
                run.Households, run.Decisions, run.CarriedDecisions, run.BaseRunId,
                // Deserialize clones the element, so no JsonDocument is left undisposed.
                run.CountsJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(run.CountsJson),
                run.Error));
        });

        api.MapGet("/{id:long}/results", ResultsAsync);
        api.MapGet("/{id:long}/results/export", ExportAsync).RequirePermission(Permission.ExportLists);
    }

    /// <summary>
    /// The decisions of a run, a page at a time (50 unless page_size says otherwise), in the user's kabupaten/kota,
    /// with their reasons; sorted (sort: id_dtks, desa, hasil, jumlah) and searched (q: ID DTKS, NIK or KK, a member's name, a desa).
    /// The paging is in the body, as before, and in the headers like every list.
    /// </summary>
    private static async Task<Results<Ok<ScreeningResultsResponse>, ProblemHttpResult>> ResultsAsync(
        long id, string? program, string? outcome, string? kabupaten, string? q, int? page, int? page_size, string? sort,
        HttpResponse response, SejahteraDbContext db, ScreeningDecisions screening, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await screening.ForRunAsync(db, id, ct) is not { } decisions)
        {
            return NoRun(id);
        }

        var found = await ListScreeningResults.ListAsync(db, decisions, user.Scope(), new ScreeningResultFilter(id, program, outcome, kabupaten, q, user.May(Permission.LookUpByNik)),
            Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
        if (found.SearchProblem is { } problem)
        {
            return Refusals.BadRequest(problem, "Pencarian tidak sah");
        }

        ListResponses.AddPaging(response, found.Rows);
        return TypedResults.Ok(new ScreeningResultsResponse(id, found.Rows.Page, found.Rows.PageSize, (int)found.Rows.Total, [.. found.Rows.Items.Select(r => new ScreeningResultEntry(
            r.HouseholdId, r.IdDtks, r.KabupatenCode, r.RegionCode, r.DesaName, r.HeadName, r.Program, r.Outcome, r.Amount, r.Failed, r.Reasons))]));
    }

    private static async Task<Results<ExportResults.ExportFile, ProblemHttpResult>> ExportAsync(long id, string? program, string? outcome, string? kabupaten, string? q, string? format, SejahteraDbContext db, ScreeningDecisions screening, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
        {
            return refused;
        }

        if (await screening.ForRunAsync(db, id, ct) is not { } decisions)
        {
            return NoRun(id);
        }

        return ExportResults.Of(ListScreeningResults.Export(db, decisions, user.Scope(), new ScreeningResultFilter(id, program, outcome, kabupaten, q, user.May(Permission.LookUpByNik))), parsed);
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
            requestedBy,
            request.RedecideAll), ct);
        jobs.Enqueue<ScreeningJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    internal static ProblemHttpResult NoRun(long id) => Refusals.NotFound("Penyaringan tidak ditemukan", $"Tidak ada penyaringan {id}.");

    internal static string Percent(long done, long total) =>
        total == 0 ? "0%" : (100.0 * done / total).ToString("0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>A screening run queued.</summary>
internal sealed record ScreeningStarted([property: JsonPropertyName("run_id")] long RunId, [property: JsonPropertyName("status")] string Status);

/// <summary>A screening run as the history lists it.</summary>
internal sealed record ScreeningRunEntry(
    [property: JsonPropertyName("run_id")] long RunId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("programs")] string Programs,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("kabupaten")] string? Kabupaten,
    [property: JsonPropertyName("households")] long Households,
    [property: JsonPropertyName("decisions")] long Decisions,
    [property: JsonPropertyName("requested_by")] string RequestedBy,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static ScreeningRunEntry Of(ScreeningRun r) =>
        new(r.Id, r.Status, r.Period, r.Programs, r.AsOf, r.KabupatenCode, r.Households, r.Decisions, r.RequestedBy, r.CreatedAt);
}

/// <summary>A screening run, its progress and, once done, its counts per program and outcome.</summary>
internal sealed record ScreeningRunStatus(
    [property: JsonPropertyName("run_id")] long RunId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("programs")] string Programs,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("kabupaten")] string? Kabupaten,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("processed")] long Processed,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("households")] long Households,
    [property: JsonPropertyName("decisions")] long Decisions,
    [property: JsonPropertyName("carried_decisions")] long CarriedDecisions,
    [property: JsonPropertyName("carried_from_run_id")] long? CarriedFromRunId,
    [property: JsonPropertyName("counts")] System.Text.Json.JsonElement? Counts,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>A page of a run's decisions.</summary>
internal sealed record ScreeningResultsResponse(
    [property: JsonPropertyName("run_id")] long RunId,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("results")] IReadOnlyList<ScreeningResultEntry> Results);

/// <summary>One household's decision by one program, with its reasons.</summary>
internal sealed record ScreeningResultEntry(
    [property: JsonPropertyName("household_id")] long HouseholdId,
    [property: JsonPropertyName("id_dtks")] string IdDtks,
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("region_code")] string RegionCode,
    [property: JsonPropertyName("desa")] string Desa,
    [property: JsonPropertyName("head_name")] string HeadName,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("failed")] string Failed,
    [property: JsonPropertyName("reasons")] string Reasons);
