using System.Globalization;
using System.Security.Claims;
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
            return Results.Ok(new
            {
                year,
                indicators = rows.Select(r => new
                {
                    code = r.Indicator.Code, program = r.Indicator.ProgramCode, name = r.Indicator.Name, unit = r.Indicator.Unit, measure = r.Indicator.Measure,
                    target = r.Target, realization = r.YearToDate, ratio = r.Ratio, on_track = r.OnTrack, through_month = r.ThroughMonth, cumulative = r.Cumulative,
                }),
            });
        });

        api.MapGet("/{code}", async (string code, SejahteraDbContext db, CancellationToken ct) =>
        {
            var d = await IndicatorDetails.GetAsync(db, code, ct);
            return Results.Ok(new
            {
                code = d.Indicator.Code, program = d.Indicator.ProgramCode, kegiatan = d.Indicator.Kegiatan, name = d.Indicator.Name, unit = d.Indicator.Unit,
                bidang = d.Indicator.BidangCode, location = d.Indicator.Location, measure = d.Indicator.Measure, measure_counts = d.Measure?.Counts,
                aggregation = d.Indicator.Aggregation, source = d.Indicator.Source,
                years = d.Years.Select(y => new { year = y.Year, target = y.Target, budget_idr = y.BudgetIdr, budget_printed = y.BudgetPrinted }),
                snapshots = d.Snapshots.Select(s => new
                {
                    year = s.Year, month = s.Month, revision = s.Revision, month_value = s.MonthValue, year_to_date = s.YearToDate, target = s.Target,
                    ratio = s.Ratio, on_track = s.OnTrack, computed_at = s.ComputedAt, computed_by = s.ComputedBy, reason = s.Reason,
                }),
                values = d.Values.Select(Value),
            });
        });

        api.MapGet("/reports/{table}", async (string table, int from, int to, string? format, SejahteraDbContext db, IndicatorReports reports, CancellationToken ct) =>
        {
            format ??= "json";
            if (table is not ("tc23" or "tc24") || format is not ("json" or "csv" or "xlsx") || (table == "tc24" && format == "csv"))
            {
                return Results.Problem(statusCode: 404, title: "Tidak ditemukan", detail: "Laporan yang ada: tc23 (json, csv, xlsx) dan tc24 (json, xlsx).");
            }
            if (format == "xlsx")
            {
                var (tc23, tc24) = (await reports.Tc23Async(db, from, to, ct), await reports.Tc24Async(db, from, to, ct));
                // A report of a few hundred rows: built in memory, then sent.
                using var workbook = new MemoryStream();
                IndicatorFiles.WriteXlsx(workbook, from, to, tc23, tc24);
                return Results.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"renstra-{from}-{to}.xlsx");
            }
            if (table == "tc24")
            {
                return Results.Ok((await reports.Tc24Async(db, from, to, ct)).Select(r => new
                {
                    program = r.ProgramCode, program_name = r.ProgramName, kegiatan = r.Kegiatan, year = r.Year, budget = r.Budget, budget_printed = r.BudgetPrinted,
                    measured_budget = r.MeasuredBudget, realization = r.Realization, ratio = r.Ratio, measured_indicators = r.MeasuredIndicators,
                }));
            }
            var rows = await reports.Tc23Async(db, from, to, ct);
            if (format == "csv")
            {
                return Results.Stream(async s =>
                {
                    await using var writer = new StreamWriter(s, leaveOpen: true);
                    await IndicatorFiles.WriteTc23CsvAsync(writer, rows, ct);
                }, "text/csv; charset=utf-8", $"tc23-{from}-{to}.csv");
            }
            return Results.Ok(rows.Select(r => new
            {
                code = r.Code, program = r.ProgramCode, kegiatan = r.Kegiatan, name = r.Name, unit = r.Unit, year = r.Year,
                target = r.Target, realization = r.Realization, ratio = r.Ratio,
            }));
        });

        api.MapGet("/values/pending", async (SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await IndicatorDetails.PendingAsync(db, user.BidangCode(), ct)).Select(Value)))
            .RequirePermission(Permission.VerifyIndicatorValues);

        api.MapGet("/values/{id:long}/evidence", async (long id, SejahteraDbContext db, CancellationToken ct) =>
            await IndicatorDetails.EvidenceAsync(db, id, ct) is { } e
                ? Results.File(e.Content, e.ContentType, e.FileName)
                : Results.Problem(statusCode: 404, title: "Tidak ditemukan", detail: $"Nilai #{id} tidak ada atau tidak berbukti."));

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
            return Results.Created($"/api/indicators/{code}", Value(IndicatorDetails.Info(value)));
        });

        api.MapPost("/values/{id:long}/verify", async (long id, SejahteraDbContext db, IndicatorValues values, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(Value(IndicatorDetails.Info(await values.DecideAsync(db, id, verify: true, reason: null, Actor(user), ct)))));

        api.MapPost("/values/{id:long}/reject", async (long id, IndicatorDecisionRequest request, SejahteraDbContext db, IndicatorValues values, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(Value(IndicatorDetails.Info(await values.DecideAsync(db, id, verify: false, request.Reason, Actor(user), ct)))));

        api.MapPost("/compute", async (string month, string? reason, SejahteraDbContext db, ComputeIndicators compute, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new IndicatorRefusedException($"Bulan '{month}' tidak sah; tulis yyyy-MM, misalnya 2026-10.");
            }
            var computed = await compute.ComputeAsync(db, first.Year, first.Month, user.Identity!.Name!, reason, ct);
            return Results.Ok(new { year = computed.Year, month = computed.Month, revision = computed.Revision, indicators = computed.Indicators });
        }).RequirePermission(Permission.ManageIndicators);

        api.MapPost("/catalog", async (HttpRequest request, SejahteraDbContext db, ImportCatalog import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Only a YAML body: a cross-site form cannot send this content type with the user's cookie.
            var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (type is not ("application/yaml" or "application/x-yaml" or "text/yaml"))
            {
                return Results.Problem(statusCode: 415, title: "Jenis isi tidak didukung", detail: "Kirim katalog sebagai isi permintaan dengan Content-Type application/yaml.");
            }
            using var reader = new StreamReader(request.Body);
            var summary = await import.HandleAsync(db, await reader.ReadToEndAsync(ct), user.Identity!.Name!, ct);
            return Results.Ok(new
            {
                programs_added = summary.ProgramsAdded, programs_updated = summary.ProgramsUpdated, indicators_added = summary.IndicatorsAdded,
                indicators_updated = summary.IndicatorsUpdated, years = summary.YearsWritten, sha256 = summary.Sha256,
            });
        }).RequirePermission(Permission.ManageIndicators);
    }

    internal static IndicatorActor Actor(ClaimsPrincipal user) => new(user.Identity!.Name!, user.RoleNames(), user.BidangCode());

    private static object Value(ValueInfo v) => new
    {
        id = v.Id, code = v.Code, year = v.Year, month = v.Month, value = v.Value, note = v.Note, evidence = v.EvidenceFileName,
        entered_by = v.EnteredBy, entered_at = v.EnteredAt, status = v.Status, status_label = IndicatorValueStatus.Label(v.Status),
        decided_by = v.DecidedBy, decided_at = v.DecidedAt, decision_reason = v.DecisionReason,
    };
}
