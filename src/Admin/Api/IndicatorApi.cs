using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sejahtera.Admin.Pages.Indikator;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Api;

/// <summary>A month's value with its evidence, as the API takes it (JSON: a cross-site form cannot send it).</summary>
internal sealed record IndicatorValueRequest(int Year, int Month, decimal Value, string? Note, string? EvidenceName, string? EvidenceBase64);

/// <summary>A Kepala Bidang's decision on a value.</summary>
internal sealed record IndicatorDecisionRequest(string? Reason);

/// <summary>
/// The Renstra indicators over HTTP: the dashboard, an indicator with its snapshots and values, the
/// T-C.23 and T-C.24 reports as JSON, CSV or .xlsx, entering and verifying manual values, computing
/// a month again and importing a catalog — with the same permissions as the pages and the CLI.
/// </summary>
internal static class IndicatorApi
{
    public static void MapIndicatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/indicators").RequirePermission(Permission.ReadIndicators).AnswerRefusals();

        api.MapGet("", async (int? tahun, string? program, SejahteraDbContext db, IndicatorReports reports, TimeProvider time, CancellationToken ct) =>
        {
            var year = tahun ?? IndicatorPages.DefaultYear(await IndicatorReports.YearsAsync(db, ct), time);
            var rows = await reports.DashboardAsync(db, year, program, ct);
            return TypedResults.Ok(new IndicatorDashboard(year, [.. rows.Select(DashboardEntry.Of)]));
        });

        api.MapGet("/{code}", async (string code, SejahteraDbContext db, CancellationToken ct) =>
        {
            var d = await IndicatorDetails.GetAsync(db, code, ct);
            return TypedResults.Ok(IndicatorDetailsResponse.Of(d));
        });

        api.MapGet("/reports/{table}", async Task<Results<Ok<Tc23Entry[]>, Ok<Tc24Entry[]>, FileContentHttpResult, PushStreamHttpResult, ProblemHttpResult>> (string table, int from, int to, string? format, SejahteraDbContext db, IndicatorReports reports, CancellationToken ct) =>
        {
            format ??= "json";
            if (table is not ("tc23" or "tc24") || format is not ("json" or "csv" or "xlsx") || (table == "tc24" && format == "csv"))
            {
                return Refusals.NotFound("Tidak ditemukan", "Laporan yang ada: tc23 (json, csv, xlsx) dan tc24 (json, xlsx).");
            }
            if (format == "xlsx")
            {
                var (tc23, tc24) = (await reports.Tc23Async(db, from, to, ct), await reports.Tc24Async(db, from, to, ct));
                // A report of a few hundred rows: built in memory, then sent.
                using var workbook = new MemoryStream();
                IndicatorFiles.WriteXlsx(workbook, from, to, tc23, tc24);
                return TypedResults.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"renstra-{from}-{to}.xlsx");
            }
            if (table == "tc24")
            {
                return TypedResults.Ok((await reports.Tc24Async(db, from, to, ct)).Select(r => new Tc24Entry(
                    r.ProgramCode, r.ProgramName, r.Kegiatan, r.Year, r.Budget, r.BudgetPrinted, r.MeasuredBudget, r.Realization, r.Ratio, r.MeasuredIndicators)).ToArray());
            }
            var rows = await reports.Tc23Async(db, from, to, ct);
            if (format == "csv")
            {
                return TypedResults.Stream(async s =>
                {
                    await using var writer = new StreamWriter(s, leaveOpen: true);
                    await IndicatorFiles.WriteTc23CsvAsync(writer, rows, ct);
                }, "text/csv; charset=utf-8", $"tc23-{from}-{to}.csv");
            }
            return TypedResults.Ok(rows.Select(r => new Tc23Entry(r.Code, r.ProgramCode, r.Kegiatan, r.Name, r.Unit, r.Year, r.Target, r.Realization, r.Ratio)).ToArray());
        }).Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        api.MapGet("/values/pending", async (SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await IndicatorDetails.PendingAsync(db, user.BidangCode(), ct)).Select(IndicatorValueEntryResponse.Of)))
            .RequirePermission(Permission.VerifyIndicatorValues);

        api.MapGet("/values/{id:long}/evidence", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, SejahteraDbContext db, CancellationToken ct) =>
            await IndicatorDetails.EvidenceAsync(db, id, ct) is { } e
                ? TypedResults.File(e.Content, e.ContentType, e.FileName)
                : Refusals.NotFound("Tidak ditemukan", $"Nilai #{id} tidak ada atau tidak berbukti."))
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream", "image/jpeg", "image/png", "application/pdf");

        api.MapPost("/{code}/values", async (string code, IndicatorValueRequest request, SejahteraDbContext db, IndicatorValues values, ClaimsPrincipal user, CancellationToken ct) =>
        {
            AccessRefusedException.ThrowUnless(user.RoleNames(), Permission.EnterIndicatorValues);
            byte[]? evidence = null;
            if (request.EvidenceBase64 is { Length: > 0 } base64)
            {
                try
                {
                    evidence = Convert.FromBase64String(base64);
                }
                catch (FormatException)
                {
                    throw new IndicatorRefusedException("Bukti tidak dapat dibaca: evidence_base64 bukan base64 yang sah.");
                }
            }
            var value = await values.EnterAsync(db, new IndicatorValueEntry(code, request.Year, request.Month, request.Value, request.Note ?? "", request.EvidenceName, evidence), Actor(user), ct);
            return TypedResults.Created($"/api/indicators/{code}", IndicatorValueEntryResponse.Of(IndicatorDetails.Info(value)));
        });

        api.MapPost("/values/{id:long}/verify", async (long id, SejahteraDbContext db, IndicatorValues values, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(IndicatorValueEntryResponse.Of(IndicatorDetails.Info(await values.DecideAsync(db, id, verify: true, reason: null, Actor(user), ct)))));

        api.MapPost("/values/{id:long}/reject", async (long id, IndicatorDecisionRequest request, SejahteraDbContext db, IndicatorValues values, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(IndicatorValueEntryResponse.Of(IndicatorDetails.Info(await values.DecideAsync(db, id, verify: false, request.Reason, Actor(user), ct)))));

        api.MapPost("/compute", async (string month, string? reason, SejahteraDbContext db, ComputeIndicators compute, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new IndicatorRefusedException($"Bulan '{month}' tidak sah; tulis yyyy-MM, misalnya 2026-10.");
            }
            var computed = await compute.ComputeAsync(db, first.Year, first.Month, user.Identity!.Name!, reason, ct);
            return TypedResults.Ok(new ComputedMonthResponse(computed.Year, computed.Month, computed.Revision, computed.Indicators));
        }).RequirePermission(Permission.ManageIndicators);

        api.MapPost("/catalog", async Task<Results<Ok<CatalogImported>, ProblemHttpResult>> (HttpRequest request, SejahteraDbContext db, ImportCatalog import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Only a YAML body: a cross-site form cannot send this content type with the user's cookie.
            var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (type is not ("application/yaml" or "application/x-yaml" or "text/yaml"))
            {
                return Refusals.WrongContentType("Kirim katalog sebagai isi permintaan dengan Content-Type application/yaml.");
            }
            using var reader = new StreamReader(request.Body);
            var summary = await import.HandleAsync(db, await reader.ReadToEndAsync(ct), user.Identity!.Name!, ct);
            return TypedResults.Ok(new CatalogImported(summary.ProgramsAdded, summary.ProgramsUpdated, summary.IndicatorsAdded, summary.IndicatorsUpdated,
                summary.YearsWritten, summary.Sha256));
        }).TakesUpload(["application/yaml", "application/x-yaml", "text/yaml"]).RequirePermission(Permission.ManageIndicators);
    }

    internal static IndicatorActor Actor(ClaimsPrincipal user) => new(user.Identity!.Name!, user.RoleNames(), user.BidangCode());
}
