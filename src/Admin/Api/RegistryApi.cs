using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Api;

/// <summary>The registry over HTTP, with the same scope rules as the pages.</summary>
internal static class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AnswerRefusals();

        api.MapGet("/registry", async (SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await GetRegistryOverview.HandleAsync(db, user.Scope(), ct)));

        api.MapGet("/households", async Task<Results<Ok<IReadOnlyList<HouseholdSummary>>, ProblemHttpResult>> (string? q, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (q is null || q.Trim().Length != 16 || !q.Trim().All(char.IsAsciiDigit))
            {
                return Refusals.BadRequest("Parameter q harus berisi NIK atau nomor KK 16 digit.", "Pencarian tidak sah");
            }

            return TypedResults.Ok(await ListHouseholds.SearchAsync(db, user.Scope(), q, ct));
        }).RequirePermission(Permission.LookUpByNik);

        // One page of the households of a kabupaten/kota, filtered and searched as on its page; paging in the headers.
        api.MapGet("/registry/kabupaten/{code}/households", async Task<Results<Ok<IReadOnlyList<HouseholdSummary>>, ProblemHttpResult>> (
            string code, int? page, int? page_size, string? sort, string? kecamatan, int? desil, bool? flagged, string? q,
            HttpResponse response, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var filter = new HouseholdFilter(kecamatan, desil, flagged ?? false, q, user.May(Permission.LookUpByNik));
            if (await ListHouseholds.ListAsync(db, user.Scope(), code, filter, Engine.Listing.PageRequest.Parse(page, sort, page_size), ct) is not { } list)
            {
                return Refusals.NotFound("Kabupaten/kota tidak ditemukan", $"Tidak ada registri kabupaten/kota {code} dalam wilayah Anda.");
            }

            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Households);
            return TypedResults.Ok(list.Households.Items);
        });

        api.MapGet("/registry/kabupaten/{code}/export", async Task<Results<ExportResults.ExportFile, ProblemHttpResult>> (string code, string? format, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
            {
                return refused;
            }

            return await ExportHouseholds.HandleAsync(db, user.Scope(), code, ct) is { } table
                ? ExportResults.Of(table, parsed)
                : Refusals.NotFound("Kabupaten/kota tidak ditemukan", $"Tidak ada registri kabupaten/kota {code} dalam wilayah Anda.");
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/households/{id:long}", async Task<Results<Ok<HouseholdResponse>, ProblemHttpResult>> (long id, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var details = await GetHouseholdDetails.HandleAsync(db, user.Scope(), id, ct);
            return details is null
                ? Refusals.NotFound("Rumah tangga tidak ditemukan", $"Tidak ada rumah tangga {id} dalam wilayah Anda.")
                : TypedResults.Ok(HouseholdResponse.Of(details, user));
        });
    }
}

/// <summary>A registry household in full: its members (NIKs as the user may see them) and the rejected lines of its id_dtks.</summary>
internal sealed record HouseholdResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("id_dtks")] string IdDtks,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("region_code")] string RegionCode,
    [property: JsonPropertyName("kabupaten_code")] string KabupatenCode,
    [property: JsonPropertyName("location")] IReadOnlyList<RegionEntry> Location,
    [property: JsonPropertyName("no_kk")] string NoKk,
    [property: JsonPropertyName("desil")] int Desil,
    [property: JsonPropertyName("members")] IReadOnlyList<HouseholdMember> Members,
    [property: JsonPropertyName("rejects")] IReadOnlyList<RejectedLine> Rejects)
{
    public static HouseholdResponse Of(HouseholdDetails d, ClaimsPrincipal user) => new(
        d.Household.Id, d.Household.IdDtks, d.Snapshot.Period, d.Household.RegionCode, d.Household.KabupatenCode,
        [.. d.Location.Select(r => new RegionEntry(r.Code, r.Name))], user.ShowNik(d.Household.NoKk), d.Household.Desil,
        [.. d.Members.Select(m => new HouseholdMember(user.ShowNik(m.Nik), m.Name, m.Sex.ToString(), m.BirthDate, m.Relation, m.MaritalStatus,
            m.Disability, m.School, m.Pregnant, m.Occupation, m.Pkh, m.Bpnt, m.Pbi, [.. DtksLabels.Flags(m.Flags)], m.LineNumber))],
        [.. d.Rejects.Select(r => new RejectedLine(r.LineNumber, r.Reason))]);
}

/// <summary>A region (province, kabupaten/kota, kecamatan, desa) by code and name.</summary>
internal sealed record RegionEntry([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("name")] string Name);

/// <summary>A member of a registry household, with DTKS codes as imported and flags by their labels.</summary>
internal sealed record HouseholdMember(
    [property: JsonPropertyName("nik")] string Nik,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sex")] string Sex,
    [property: JsonPropertyName("birth_date")] DateOnly BirthDate,
    [property: JsonPropertyName("relation")] int Relation,
    [property: JsonPropertyName("marital_status")] int MaritalStatus,
    [property: JsonPropertyName("disability")] int Disability,
    [property: JsonPropertyName("school")] int School,
    [property: JsonPropertyName("pregnant")] bool Pregnant,
    [property: JsonPropertyName("occupation")] int Occupation,
    [property: JsonPropertyName("pkh")] bool Pkh,
    [property: JsonPropertyName("bpnt")] bool Bpnt,
    [property: JsonPropertyName("pbi")] bool Pbi,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags,
    [property: JsonPropertyName("line")] long Line);

/// <summary>A line of the import that was not taken, with why.</summary>
internal sealed record RejectedLine([property: JsonPropertyName("line")] long Line, [property: JsonPropertyName("reason")] string Reason);
