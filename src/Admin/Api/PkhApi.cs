using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
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

        // A page of the KPM of a period (kabupaten, desa, flag, q: a name, KPM id, NIK or KK); the paging is in the body and the headers.
        // "halaman" is the older name of "page".
        api.MapGet("/kpm", async Task<Results<Ok<KpmListResponse>, ProblemHttpResult>> (
            string? periode, string? kabupaten, string? desa, string? flag, string? q, int? halaman, int? page, int? page_size, string? sort,
            HttpResponse response, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListKpm.HandleAsync(db, user.KpmAudience(), new KpmQuery(periode, kabupaten, desa, q, Flag: flag, NumbersAllowed: user.SeesFullNik()),
                Engine.Listing.PageRequest.Parse(page ?? halaman, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Kpm);
            return TypedResults.Ok(new KpmListResponse(list.Period, list.Periods, list.Total, list.Page, list.PageSize,
                [.. list.Items.Select(i => KpmSummary.Of(i.Kpm, i.NotInDtks, i.Graduated, user))]));
        });

        api.MapGet("/kpm/{id:long}", async (long id, SejahteraDbContext db, GetKpmDetails details, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            await details.HandleAsync(db, user.KpmAudience(), id, Today(time), ct) is { } d
                ? TypedResults.Ok(KpmDetailsResponse.Of(d, user))
                : throw new KpmNotFoundException(id));

        api.MapGet("/ringkasan", async (string? periode, SejahteraDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var s = await GetPkhSummary.HandleAsync(db, user.KpmAudience(), periode, Today(time), ct);
            return TypedResults.Ok(new PkhSummaryResponse(s.Period, s.Periods, s.Target, [.. s.Kabupaten.Select(FollowThroughRow.Of)], [.. s.Pendamping.Select(FollowThroughRow.Of)]));
        });

        api.MapPost("/import", async Task<Results<Ok<KpmImportResponse>, ProblemHttpResult>> (HttpRequest request, bool? replace, SejahteraDbContext db, ImportKpm import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // A cross-site form can only send text/plain or form types; insisting on text/csv keeps a
            // cookie-authenticated upload from being forged by another site.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Refusals.WrongContentType(
                    "Kirim berkas KPM sebagai isi permintaan dengan Content-Type text/csv.");
            }

            try
            {
                var result = await ImportAsync(db, import, request.Body, replace ?? false, user, ct);
                return TypedResults.Ok(new KpmImportResponse(result.Read, result.Added, result.Updated, result.Unchanged, result.Removed, result.NotInDtks,
                    result.Graduated, [.. result.Flagged.Select(f => new KpmFlagLine(f.Line, f.KpmCode, f.Flag))],
                    [.. result.Rejected.Select(r => new KpmRejectLine(r.Line, r.KpmCode, r.Reason))]));
            }
            catch (KpmReplaceRefusedException e)
            {
                return TypedResults.Problem(statusCode: 400, title: "Ditolak", detail: e.Message, extensions: new Dictionary<string, object?>
                {
                    ["rejected_lines"] = e.Rejected.Select(r => new KpmRejectLine(r.Line, r.KpmCode, r.Reason)).ToList(),
                });
            }
        }).TakesUpload(["text/csv"]).RequirePermission(Permission.ImportKpm);
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
}

/// <summary>A page of KPM of one period, the periods there are, and how many KPM match.</summary>
internal sealed record KpmListResponse(
    [property: JsonPropertyName("period")] string? Period,
    [property: JsonPropertyName("periods")] IReadOnlyList<string> Periods,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("kpm")] IReadOnlyList<KpmSummary> Kpm);

/// <summary>A PKH family as the list shows it; the caretaker's NIK as the user may see it (<c>graduated</c> named by the web naming policy).</summary>
internal sealed record KpmSummary(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("id_kpm")] string IdKpm,
    [property: JsonPropertyName("caretaker_nik")] string CaretakerNik,
    [property: JsonPropertyName("caretaker_name")] string CaretakerName,
    [property: JsonPropertyName("desa_code")] string DesaCode,
    [property: JsonPropertyName("kabupaten_code")] string KabupatenCode,
    [property: JsonPropertyName("year_of_entry")] int YearOfEntry,
    [property: JsonPropertyName("pendamping")] string Pendamping,
    [property: JsonPropertyName("desil")] int? Desil,
    [property: JsonPropertyName("not_in_dtks")] bool NotInDtks,
    bool Graduated)
{
    public static KpmSummary Of(Kpm k, bool notInDtks, bool graduated, ClaimsPrincipal user) => new(
        k.Id, k.Period, k.KpmCode, user.ShowNik(k.CaretakerNik), k.CaretakerName, k.DesaCode, k.KabupatenCode, k.YearOfEntry, k.Pendamping, k.Desil,
        notInDtks, graduated);
}

/// <summary>A PKH family in full: components, commitments, DTKS link, exit, assistance and graduation cases.</summary>
internal sealed record KpmDetailsResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("id_kpm")] string IdKpm,
    [property: JsonPropertyName("kk_number")] string KkNumber,
    [property: JsonPropertyName("caretaker_nik")] string CaretakerNik,
    [property: JsonPropertyName("caretaker_name")] string CaretakerName,
    [property: JsonPropertyName("desa_code")] string DesaCode,
    [property: JsonPropertyName("kabupaten_code")] string KabupatenCode,
    [property: JsonPropertyName("year_of_entry")] int YearOfEntry,
    [property: JsonPropertyName("components")] KpmComponents Components,
    [property: JsonPropertyName("commitment_warnings")] int CommitmentWarnings,
    [property: JsonPropertyName("p2k2_attendance")] decimal P2k2Attendance,
    [property: JsonPropertyName("school_attendance")] decimal SchoolAttendance,
    [property: JsonPropertyName("pendamping")] string Pendamping,
    [property: JsonPropertyName("household")] KpmHouseholdRef? Household,
    [property: JsonPropertyName("not_in_dtks")] bool NotInDtks,
    [property: JsonPropertyName("exit")] KpmExitInfo? Exit,
    [property: JsonPropertyName("assistance")] KpmAssistanceInfo Assistance,
    [property: JsonPropertyName("graduation_cases")] IReadOnlyList<KpmCaseInfo> GraduationCases)
{
    public static KpmDetailsResponse Of(KpmDetails d, ClaimsPrincipal user) => new(
        d.Kpm.Id, d.Kpm.Period, d.Kpm.KpmCode, user.ShowNik(d.Kpm.KkNumber), user.ShowNik(d.Kpm.CaretakerNik), d.Kpm.CaretakerName, d.Kpm.DesaCode,
        d.Kpm.KabupatenCode, d.Kpm.YearOfEntry,
        new KpmComponents(d.Kpm.PregnantWomen, d.Kpm.YoungChildren, d.Kpm.SdChildren, d.Kpm.SmpChildren, d.Kpm.SmaChildren, d.Kpm.Elderly, d.Kpm.SevereDisability),
        d.Kpm.CommitmentWarnings, d.Kpm.P2k2Attendance, d.Kpm.SchoolAttendance, d.Kpm.Pendamping,
        d.Household is null ? null : new KpmHouseholdRef(d.Household.Id, d.Household.IdDtks, d.Household.Desil, d.Household.MemberCount),
        d.Household is null,
        d.Exit is null ? null : new KpmExitInfo(d.Exit.Kind, d.Exit.On, d.Exit.FromPeriod, d.Exit.ProposalId),
        new KpmAssistanceInfo(d.Assistance.Amount, d.Assistance.Outcome, d.Assistance.RuleSetVersion, d.Assistance.Unavailable),
        [.. d.Cases.Select(c => new KpmCaseInfo(c.ProposalId, c.Period, c.State, c.Stage, c.SuggestedKind, c.DecidedKind))]);
}

/// <summary>The family's PKH components (counts of members per component).</summary>
internal sealed record KpmComponents(
    [property: JsonPropertyName("pregnant_women")] int PregnantWomen,
    [property: JsonPropertyName("young_children")] int YoungChildren,
    [property: JsonPropertyName("sd_children")] int SdChildren,
    [property: JsonPropertyName("smp_children")] int SmpChildren,
    [property: JsonPropertyName("sma_children")] int SmaChildren,
    [property: JsonPropertyName("elderly")] int Elderly,
    [property: JsonPropertyName("severe_disability")] int SevereDisability);

/// <summary>The family's DTKS household.</summary>
internal sealed record KpmHouseholdRef(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("id_dtks")] string IdDtks,
    [property: JsonPropertyName("desil")] int Desil,
    [property: JsonPropertyName("members")] int Members);

/// <summary>The family's exit from PKH.</summary>
internal sealed record KpmExitInfo(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("on")] DateOnly On,
    [property: JsonPropertyName("from_period")] string FromPeriod,
    [property: JsonPropertyName("proposal_id")] long ProposalId);

/// <summary>The yearly assistance by the pkh-bantuan rule set, or why it cannot be shown.</summary>
internal sealed record KpmAssistanceInfo(
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("rule_set_version")] string? RuleSetVersion,
    [property: JsonPropertyName("unavailable")] string? Unavailable);

/// <summary>A graduation case of the family.</summary>
internal sealed record KpmCaseInfo(
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("stage")] string? Stage,
    [property: JsonPropertyName("suggested_kind")] string SuggestedKind,
    [property: JsonPropertyName("decided_kind")] string? DecidedKind);

/// <summary>The PKH follow-through of a period per kabupaten/kota and per pendamping.</summary>
internal sealed record PkhSummaryResponse(
    [property: JsonPropertyName("period")] string? Period,
    [property: JsonPropertyName("periods")] IReadOnlyList<string> Periods,
    [property: JsonPropertyName("target")] int Target,
    [property: JsonPropertyName("kabupaten")] IReadOnlyList<FollowThroughRow> Kabupaten,
    [property: JsonPropertyName("pendamping")] IReadOnlyList<FollowThroughRow> Pendamping);

/// <summary>One kabupaten/kota's or pendamping's follow-through.</summary>
internal sealed record FollowThroughRow(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("kpm")] int Kpm,
    [property: JsonPropertyName("evaluated")] int Evaluated,
    [property: JsonPropertyName("graduations")] int Graduations,
    [property: JsonPropertyName("graduations_by_kind")] IReadOnlyDictionary<string, int> GraduationsByKind,
    [property: JsonPropertyName("open_cases")] int OpenCases,
    [property: JsonPropertyName("overdue_visits")] int OverdueVisits)
{
    public static FollowThroughRow Of(PkhFollowThrough r) => new(r.Key, r.Kpm, r.Evaluated, r.Graduations, r.GraduationsByKind, r.OpenCases, r.OverdueVisits);
}

/// <summary>
/// What an import of a beneficiary file did. Single-word fields whose name is also a workflow state
/// (<c>rejected</c>, <c>graduated</c>) take their JSON name from the web naming policy (camelCase, the same
/// for one word), so the state names stay out of the code.
/// </summary>
internal sealed record KpmImportResponse(
    [property: JsonPropertyName("read")] long Read,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("removed")] int Removed,
    [property: JsonPropertyName("not_in_dtks")] int NotInDtks,
    int Graduated,
    [property: JsonPropertyName("flagged")] IReadOnlyList<KpmFlagLine> Flagged,
    IReadOnlyList<KpmRejectLine> Rejected);

/// <summary>A line that entered the register with a note.</summary>
internal sealed record KpmFlagLine([property: JsonPropertyName("line")] long Line, [property: JsonPropertyName("id_kpm")] string IdKpm, [property: JsonPropertyName("flag")] string Flag);

/// <summary>A line that did not enter the register, with why.</summary>
internal sealed record KpmRejectLine([property: JsonPropertyName("line")] long Line, [property: JsonPropertyName("id_kpm")] string? IdKpm, [property: JsonPropertyName("reason")] string Reason);
