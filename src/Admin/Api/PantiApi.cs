using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Panti.Import;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Api;

/// <summary>
/// The homes (panti) and their residents over HTTP, with the same scope as the pages: UPT staff see
/// and change only their own home; a resident of another home answers 404 like a missing one.
/// </summary>
internal static class PantiApi
{
    public sealed record StageRequest(
        [property: JsonPropertyName("stage")] string? Stage,
        [property: JsonPropertyName("on")] DateOnly? On,
        [property: JsonPropertyName("plan_completed")] bool? PlanCompleted,
        [property: JsonPropertyName("evaluation_done")] bool? EvaluationDone,
        [property: JsonPropertyName("row_version")] int? RowVersion);

    public static void MapPantiApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/panti").RequirePermission(Permission.ReadResidents).AnswerRefusals();

        api.MapGet("/homes", async (int? year, SejahteraDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await ListHomes.HandleAsync(db, user.Scope(), Year(year, time), ct)).Select(h =>
                new HomeEntry(h.Home.Code, h.Home.Name, h.Home.Kind, h.Home.KabupatenCode, h.CurrentResidents, YearCounts.Of(h.Counts)))));

        // A page of a home's residents (category, stage, q: a name or NIK); the paging is in the headers.
        api.MapGet("/homes/{code}/residents", async Task<Results<Ok<HomeResidentsResponse>, ProblemHttpResult>> (
            string code, string? q, string? category, string? stage, int? year, int? page, int? page_size, string? sort,
            HttpResponse response, SejahteraDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListResidents.HandleAsync(db, user.Scope(), code, new ResidentFilter(category, stage, q, user.SeesFullNik()),
                Engine.Listing.PageRequest.Parse(page, sort, page_size), Year(year, time), ct);
            if (list is null)
            {
                return Refusals.NotFound("Panti tidak ditemukan", $"Tidak ada panti {code} dalam lingkup Anda.");
            }

            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Residents);
            return TypedResults.Ok(new HomeResidentsResponse(list.Home.Code, list.Home.Name, list.CurrentResidents, YearCounts.Of(list.Counts),
                [.. list.Residents.Items.Select(r => ResidentSummary.Of(r, user))]));
        });

        api.MapGet("/residents/{id:long}", async (long id, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            await GetResidentDetails.HandleAsync(db, user.Scope(), id, ct) is { } details
                ? TypedResults.Ok(ResidentDetailsResponse.Of(details, user))
                : throw new ResidentNotFoundException(id));

        api.MapPost("/residents/{id:long}/stages", async (
            long id, StageRequest request, SejahteraDbContext db, RecordResidentStage record, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await record.HandleAsync(db, new RecordStageCommand(id, request.Stage, request.On, request.PlanCompleted, request.EvaluationDone, request.RowVersion),
                user.Scope(), user.Identity!.Name!, ct);
            db.ChangeTracker.Clear();
            return TypedResults.Ok(ResidentDetailsResponse.Of((await GetResidentDetails.HandleAsync(db, user.Scope(), id, ct))!, user));
        }).RequirePermission(Permission.ManageResidents);

        api.MapPost("/import", async Task<Results<Ok<ResidentImportResponse>, ProblemHttpResult>> (HttpRequest request, SejahteraDbContext db, ImportResidents import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // A cross-site form can only send text/plain or form types; insisting on text/csv keeps a
            // cookie-authenticated upload from being forged by another site.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Refusals.WrongContentType(
                    "Kirim daftar penghuni sebagai isi permintaan dengan Content-Type text/csv.");
            }

            var result = await ImportAsync(db, import, request.Body, user, ct);
            return TypedResults.Ok(new ResidentImportResponse(result.Read, result.Added, result.Updated, result.Unchanged,
                [.. result.Rejected.Select(r => new ResidentRejectLine(r.Line, r.Nik is null ? null : user.ShowNik(r.Nik), r.Reason))]));
        }).TakesUpload(["text/csv"]).RequirePermission(Permission.ManageResidents);
    }

    /// <summary>A resident list uploaded by the user, shared by the API and the page; over the size limit it is refused unread.</summary>
    internal static async Task<ResidentImportResult> ImportAsync(
        SejahteraDbContext db, ImportResidents import, Stream file, ClaimsPrincipal user, CancellationToken ct)
    {
        // The CSV reader reads synchronously, which the server refuses on a request body, so the
        // file is copied to memory first; the size cap keeps that copy small.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ImportResidents.MaxFileBytes)
            {
                throw new ResidentRefusedException(
                    $"Daftar penghuni ditolak, tidak ada yang berubah: berkas melebihi batas {ImportResidents.MaxFileBytes / (1024 * 1024)} MB.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return await import.HandleAsync(db, buffer, user.Scope(), user.Identity!.Name!, ct);
    }

    /// <summary>The year asked for, or this year; a year outside 1900–2100 is refused.</summary>
    internal static int Year(int? year, TimeProvider time) => year switch
    {
        null => time.GetLocalNow().Year,
        >= 1900 and <= 2100 => year.Value,
        _ => throw new ResidentRefusedException($"Tahun {year} tidak sah; pilih tahun antara 1900 dan 2100."),
    };
}
