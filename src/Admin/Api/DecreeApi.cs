using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Api;

/// <summary>
/// The decree (SK) of a period over HTTP: the beneficiaries of a program approved between two dates
/// (<c>from</c>, <c>to</c>: yyyy-mm-dd, WITA, both included) in the user's region, as JSON or as a download.
/// </summary>
internal static class DecreeApi
{
    public static void MapDecreeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/decrees").RequirePermission(Permission.ReadDisbursement).AnswerRefusals();

        api.MapGet("/approved", async (string? program, string? from, string? to, SejahteraDbContext db, PeriodDecreeListing listing, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var decree = await listing.HandleAsync(db, user.Scope(), PeriodDecreeListing.Parse(program, from, to), ct);
            return TypedResults.Ok(new ApprovedDecree(decree.Period.Program, decree.Period.From, decree.Period.To, decree.Lines.Count, decree.Total,
                [.. decree.Lines.Select(l => new ApprovedBeneficiary(l.Number, l.ProposalId, decree.Approved[l.ProposalId], l.Program, l.GroupName, l.ChairName,
                    l.Members, l.Kecamatan, l.Kabupaten, l.Amount))]));
        });

        api.MapGet("/approved/export", async Task<Results<ExportResults.ExportFile, ProblemHttpResult>> (
            string? program, string? from, string? to, string? format, SejahteraDbContext db, PeriodDecreeListing listing, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (ExportResults.RefuseFormat(format, out var parsed) is { } refused)
            {
                return refused;
            }

            var decree = await listing.HandleAsync(db, user.Scope(), PeriodDecreeListing.Parse(program, from, to), ct);
            return ExportResults.Of(PeriodDecreeListing.Export(decree), parsed);
        }).RequirePermission(Permission.ExportLists);
    }
}

/// <summary>The beneficiaries of a program approved in a period, with their count and total.</summary>
internal sealed record ApprovedDecree(
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("beneficiaries")] int Beneficiaries,
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("lines")] IReadOnlyList<ApprovedBeneficiary> Lines);

/// <summary>A numbered line of the decree: the case, the day it was approved and its assistance.</summary>
internal sealed record ApprovedBeneficiary(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("approved_on")] DateOnly ApprovedOn,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("group_name")] string GroupName,
    [property: JsonPropertyName("chair_name")] string ChairName,
    [property: JsonPropertyName("members")] int Members,
    [property: JsonPropertyName("kecamatan")] string Kecamatan,
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("amount")] decimal Amount);
