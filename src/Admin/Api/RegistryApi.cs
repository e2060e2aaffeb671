using System.Security.Claims;
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
            Results.Ok(await GetRegistryOverview.HandleAsync(db, user.Scope(), ct)));

        api.MapGet("/households", async (string? q, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (q is null || q.Trim().Length != 16 || !q.Trim().All(char.IsAsciiDigit))
            {
                return Results.Problem(statusCode: 400, title: "Pencarian tidak sah",
                    detail: "Parameter q harus berisi NIK atau nomor KK 16 digit.");
            }

            return Results.Ok(await ListHouseholds.SearchAsync(db, user.Scope(), q, ct));
        }).RequirePermission(Permission.LookUpByNik);

        // One page of the households of a kabupaten/kota, filtered and searched as on its page; paging in the headers.
        api.MapGet("/registry/kabupaten/{code}/households", async (
            string code, int? page, int? page_size, string? sort, string? kecamatan, int? desil, bool? flagged, string? q,
            HttpResponse response, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var filter = new HouseholdFilter(kecamatan, desil, flagged ?? false, q, user.May(Permission.LookUpByNik));
            if (await ListHouseholds.ListAsync(db, user.Scope(), code, filter, Engine.Listing.PageRequest.Parse(page, sort, page_size), ct) is not { } list)
            {
                return Results.Problem(statusCode: 404, title: "Kabupaten/kota tidak ditemukan", detail: $"Tidak ada registri kabupaten/kota {code} dalam wilayah Anda.");
            }

            if (list.SearchProblem is { } problem)
            {
                return Results.Problem(statusCode: 400, title: "Pencarian tidak sah", detail: problem);
            }

            ListResponses.AddPaging(response, list.Households);
            return Results.Ok(list.Households.Items);
        });

        api.MapGet("/registry/kabupaten/{code}/export", async (string code, string? format, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
            {
                return refused;
            }

            return await ExportHouseholds.HandleAsync(db, user.Scope(), code, ct) is { } table
                ? ExportResults.Of(table, parsed)
                : Results.Problem(statusCode: 404, title: "Kabupaten/kota tidak ditemukan", detail: $"Tidak ada registri kabupaten/kota {code} dalam wilayah Anda.");
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/households/{id:long}", async (long id, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var details = await GetHouseholdDetails.HandleAsync(db, user.Scope(), id, ct);
            return details is null
                ? Results.Problem(statusCode: 404, title: "Rumah tangga tidak ditemukan", detail: $"Tidak ada rumah tangga {id} dalam wilayah Anda.")
                : Results.Ok(ToDto(details, user));
        });
    }

    private static object ToDto(HouseholdDetails d, ClaimsPrincipal user) => new
    {
        id = d.Household.Id,
        id_dtks = d.Household.IdDtks,
        period = d.Snapshot.Period,
        region_code = d.Household.RegionCode,
        kabupaten_code = d.Household.KabupatenCode,
        location = d.Location.Select(r => new { code = r.Code, name = r.Name }),
        no_kk = user.ShowNik(d.Household.NoKk),
        desil = d.Household.Desil,
        members = d.Members.Select(m => new
        {
            nik = user.ShowNik(m.Nik),
            name = m.Name,
            sex = m.Sex.ToString(),
            birth_date = m.BirthDate,
            relation = m.Relation,
            marital_status = m.MaritalStatus,
            disability = m.Disability,
            school = m.School,
            pregnant = m.Pregnant,
            occupation = m.Occupation,
            pkh = m.Pkh,
            bpnt = m.Bpnt,
            pbi = m.Pbi,
            flags = DtksLabels.Flags(m.Flags),
            line = m.LineNumber,
        }),
        rejects = d.Rejects.Select(r => new { line = r.LineNumber, reason = r.Reason }),
    };
}
