using System.Security.Claims;
using System.Text.Json.Serialization;
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
            Results.Ok((await ListHomes.HandleAsync(db, user.Scope(), Year(year, time), ct)).Select(h => new
            {
                code = h.Home.Code,
                name = h.Home.Name,
                kind = h.Home.Kind,
                kabupaten_code = h.Home.KabupatenCode,
                current_residents = h.CurrentResidents,
                counts = Counts(h.Counts),
            })));

        api.MapGet("/homes/{code}/residents", async (string code, string? q, int? year, SejahteraDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListResidents.HandleAsync(db, user.Scope(), code, q, Year(year, time), ct);
            return list is null
                ? Results.Problem(statusCode: 404, title: "Panti tidak ditemukan", detail: $"Tidak ada panti {code} dalam lingkup Anda.")
                : Results.Ok(new
                {
                    code = list.Home.Code,
                    name = list.Home.Name,
                    current_residents = list.CurrentResidents,
                    counts = Counts(list.Counts),
                    residents = list.Residents.Select(r => Summary(r, user)),
                });
        });

        api.MapGet("/residents/{id:long}", async (long id, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            await GetResidentDetails.HandleAsync(db, user.Scope(), id, ct) is { } details
                ? Results.Ok(Details(details, user))
                : throw new ResidentNotFoundException(id));

        api.MapPost("/residents/{id:long}/stages", async (
            long id, StageRequest request, SejahteraDbContext db, RecordResidentStage record, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await record.HandleAsync(db, new RecordStageCommand(id, request.Stage, request.On, request.PlanCompleted, request.EvaluationDone, request.RowVersion),
                user.Scope(), user.Identity!.Name!, ct);
            db.ChangeTracker.Clear();
            return Results.Ok(Details((await GetResidentDetails.HandleAsync(db, user.Scope(), id, ct))!, user));
        }).RequirePermission(Permission.ManageResidents);

        api.MapPost("/import", async (HttpRequest request, SejahteraDbContext db, ImportResidents import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // A cross-site form can only send text/plain or form types; insisting on text/csv keeps a
            // cookie-authenticated upload from being forged by another site.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: 415, title: "Jenis isi tidak didukung",
                    detail: "Kirim daftar penghuni sebagai isi permintaan dengan Content-Type text/csv.");
            }

            var result = await ImportAsync(db, import, request.Body, user, ct);
            return Results.Ok(new
            {
                read = result.Read,
                added = result.Added,
                updated = result.Updated,
                unchanged = result.Unchanged,
                rejected = result.Rejected.Select(r => new { line = r.Line, nik = r.Nik is null ? null : user.ShowNik(r.Nik), reason = r.Reason }),
            });
        }).RequirePermission(Permission.ManageResidents);
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

    private static object Counts(PantiYearCounts c) => new { year = c.Year, served = c.Served, terminated = c.Terminated, terminated_paid = c.TerminatedPaid };

    internal static object Summary(Resident r, ClaimsPrincipal user) => new
    {
        id = r.Id,
        nik = user.ShowNik(r.Nik),
        name = r.Name,
        sex = r.Sex,
        birth_date = r.BirthDate,
        category = r.Category,
        admitted_on = r.AdmittedOn,
        stage = r.Stage,
        stage_label = RehabilitationStages.Label(r.Stage),
        stage_since = r.StageSince,
        in_dtks = r.InDtks,
    };

    private static object Details(ResidentDetails d, ClaimsPrincipal user) => new
    {
        id = d.Resident.Id,
        home_code = d.Home.Code,
        home_name = d.Home.Name,
        nik = user.ShowNik(d.Resident.Nik),
        name = d.Resident.Name,
        sex = d.Resident.Sex,
        birth_date = d.Resident.BirthDate,
        category = d.Resident.Category,
        admitted_on = d.Resident.AdmittedOn,
        origin_address = d.Resident.OriginAddress,
        guardian_name = d.Resident.GuardianName,
        guardian_relation = d.Resident.GuardianRelation,
        stage = d.Resident.Stage,
        stage_label = RehabilitationStages.Label(d.Resident.Stage),
        stage_since = d.Resident.StageSince,
        plan_completed = d.Resident.PlanCompleted,
        evaluation_done = d.Resident.EvaluationDone,
        in_dtks = d.Resident.InDtks,
        updated_at = d.Resident.UpdatedAt,
        updated_by = d.Resident.UpdatedBy,
        row_version = d.Resident.RowVersion,
        history = d.History.Select(s => new { stage = s.Stage, stage_label = RehabilitationStages.Label(s.Stage), on = s.On, recorded_by = s.RecordedBy, recorded_at = s.RecordedAt }),
        termination_cases = d.Cases.Select(c => new { proposal_id = c.ProposalId, state = c.State, stage = c.Stage }),
    };
}
