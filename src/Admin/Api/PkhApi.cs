using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Api;

/// <summary>
/// The PKH families (KPM) over HTTP, with the same scope as the pages: a pendamping sees only the
/// families of the desa they serve; a family of another desa answers 404 like a missing one.
/// </summary>
internal static class PkhApi
{
    public static void MapPkhApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pkh").RequirePermission(Permission.ReadKpm).AnswerRefusals();

        api.MapGet("/kpm", async (string? periode, string? kabupaten, string? desa, string? q, int? halaman, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListKpm.HandleAsync(db, user.KpmAudience(), new KpmQuery(periode, kabupaten, desa, q, halaman ?? 1), ct);
            return Results.Ok(new
            {
                period = list.Period,
                periods = list.Periods,
                total = list.Total,
                page = list.Page,
                page_size = list.PageSize,
                kpm = list.Items.Select(i => Summary(i.Kpm, i.NotInDtks, i.Graduated, user)),
            });
        });

        api.MapGet("/kpm/{id:long}", async (long id, SejahteraDbContext db, GetKpmDetails details, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            await details.HandleAsync(db, user.KpmAudience(), id, Today(time), ct) is { } d
                ? Results.Ok(Details(d, user))
                : throw new KpmNotFoundException(id));

        api.MapGet("/ringkasan", async (string? periode, SejahteraDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var s = await GetPkhSummary.HandleAsync(db, user.KpmAudience(), periode, Today(time), ct);
            return Results.Ok(new
            {
                period = s.Period,
                periods = s.Periods,
                target = s.Target,
                kabupaten = s.Kabupaten.Select(Row),
                pendamping = s.Pendamping.Select(Row),
            });
        });

        api.MapPost("/import", async (HttpRequest request, bool? replace, SejahteraDbContext db, ImportKpm import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // A cross-site form can only send text/plain or form types; insisting on text/csv keeps a
            // cookie-authenticated upload from being forged by another site.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: 415, title: "Jenis isi tidak didukung",
                    detail: "Kirim berkas KPM sebagai isi permintaan dengan Content-Type text/csv.");
            }

            try
            {
                var result = await ImportAsync(db, import, request.Body, replace ?? false, user, ct);
                return Results.Ok(new
                {
                    read = result.Read,
                    added = result.Added,
                    updated = result.Updated,
                    unchanged = result.Unchanged,
                    removed = result.Removed,
                    not_in_dtks = result.NotInDtks,
                    graduated = result.Graduated,
                    flagged = result.Flagged.Select(f => new { line = f.Line, id_kpm = f.KpmCode, flag = f.Flag }),
                    rejected = result.Rejected.Select(r => new { line = r.Line, id_kpm = r.KpmCode, reason = r.Reason }),
                });
            }
            catch (KpmReplaceRefusedException e)
            {
                return Results.Problem(statusCode: 400, title: "Ditolak", detail: e.Message, extensions: new Dictionary<string, object?>
                {
                    ["rejected_lines"] = e.Rejected.Select(r => new { line = r.Line, id_kpm = r.KpmCode, reason = r.Reason }).ToList(),
                });
            }
        }).RequirePermission(Permission.ImportKpm);
    }

    /// <summary>Which KPM this user may see.</summary>
    internal static KpmAudience KpmAudience(this ClaimsPrincipal user) => Engine.Pkh.KpmAudience.Of(user.Scope(), user.RoleNames());

    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().Date);

    /// <summary>A beneficiary file uploaded by the user, shared by the API and the page; over the size limit it is refused unread.</summary>
    internal static async Task<KpmImportResult> ImportAsync(SejahteraDbContext db, ImportKpm import, Stream file, bool replace, ClaimsPrincipal user, CancellationToken ct)
    {
        // The CSV reader reads synchronously, which the server refuses on a request body, so the
        // file is copied to a temporary file first; the size cap keeps it bounded.
        var path = Path.GetTempFileName();
        try
        {
            await using (var copy = File.Create(path))
            {
                var chunk = new byte[81920];
                int read;
                long total = 0;
                while ((read = await file.ReadAsync(chunk, ct)) > 0)
                {
                    total += read;
                    if (total > ImportKpm.MaxFileBytes)
                    {
                        throw new KpmRefusedException($"Berkas KPM ditolak, tidak ada yang berubah: berkas melebihi batas {ImportKpm.MaxFileBytes / (1024 * 1024)} MB.");
                    }

                    await copy.WriteAsync(chunk.AsMemory(0, read), ct);
                }
            }

            await using var stream = File.OpenRead(path);
            return await import.HandleAsync(db, stream, replace, user.Scope(), user.RoleNames(), ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static object Row(PkhFollowThrough r) => new
    {
        key = r.Key,
        kpm = r.Kpm,
        evaluated = r.Evaluated,
        graduations = r.Graduations,
        graduations_by_kind = r.GraduationsByKind,
        open_cases = r.OpenCases,
        overdue_visits = r.OverdueVisits,
    };

    private static object Summary(Kpm k, bool notInDtks, bool graduated, ClaimsPrincipal user) => new
    {
        id = k.Id,
        period = k.Period,
        id_kpm = k.KpmCode,
        caretaker_nik = user.ShowNik(k.CaretakerNik),
        caretaker_name = k.CaretakerName,
        desa_code = k.DesaCode,
        kabupaten_code = k.KabupatenCode,
        year_of_entry = k.YearOfEntry,
        pendamping = k.Pendamping,
        desil = k.Desil,
        not_in_dtks = notInDtks,
        graduated,
    };

    private static object Details(KpmDetails d, ClaimsPrincipal user) => new
    {
        id = d.Kpm.Id,
        period = d.Kpm.Period,
        id_kpm = d.Kpm.KpmCode,
        kk_number = user.ShowNik(d.Kpm.KkNumber),
        caretaker_nik = user.ShowNik(d.Kpm.CaretakerNik),
        caretaker_name = d.Kpm.CaretakerName,
        desa_code = d.Kpm.DesaCode,
        kabupaten_code = d.Kpm.KabupatenCode,
        year_of_entry = d.Kpm.YearOfEntry,
        components = new
        {
            pregnant_women = d.Kpm.PregnantWomen,
            young_children = d.Kpm.YoungChildren,
            sd_children = d.Kpm.SdChildren,
            smp_children = d.Kpm.SmpChildren,
            sma_children = d.Kpm.SmaChildren,
            elderly = d.Kpm.Elderly,
            severe_disability = d.Kpm.SevereDisability,
        },
        commitment_warnings = d.Kpm.CommitmentWarnings,
        p2k2_attendance = d.Kpm.P2k2Attendance,
        school_attendance = d.Kpm.SchoolAttendance,
        pendamping = d.Kpm.Pendamping,
        household = d.Household is null ? null : new { id = d.Household.Id, id_dtks = d.Household.IdDtks, desil = d.Household.Desil, members = d.Household.MemberCount },
        not_in_dtks = d.Household is null,
        exit = d.Exit is null ? null : new { kind = d.Exit.Kind, on = d.Exit.On, from_period = d.Exit.FromPeriod, proposal_id = d.Exit.ProposalId },
        assistance = new { amount = d.Assistance.Amount, outcome = d.Assistance.Outcome, rule_set_version = d.Assistance.RuleSetVersion, unavailable = d.Assistance.Unavailable },
        graduation_cases = d.Cases.Select(c => new
        {
            proposal_id = c.ProposalId, period = c.Period, state = c.State, stage = c.Stage, suggested_kind = c.SuggestedKind, decided_kind = c.DecidedKind,
        }),
    };
}
