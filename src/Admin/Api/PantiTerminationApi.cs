using System.Security.Claims;
using System.Text.Json.Serialization;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Api;

/// <summary>
/// Termination cases over HTTP: UPT staff propose and edit them; everything else (actions, documents,
/// the case in full, queues) goes through the shared <c>/api/proposals</c> endpoints, as for KUBE.
/// </summary>
internal static class PantiTerminationApi
{
    public sealed record TerminationBody(
        [property: JsonPropertyName("resident_id")] long? ResidentId,
        [property: JsonPropertyName("termination_on")] DateOnly? TerminationOn,
        [property: JsonPropertyName("termination_reason")] string? TerminationReason,
        [property: JsonPropertyName("destination_address")] string? DestinationAddress,
        [property: JsonPropertyName("receiving_family")] string? ReceivingFamily,
        [property: JsonPropertyName("follow_up_visit_on")] DateOnly? FollowUpVisitOn,
        [property: JsonPropertyName("payee")] string? Payee,
        [property: JsonPropertyName("bank_account")] string? BankAccount,
        [property: JsonPropertyName("account_holder")] string? AccountHolder,
        [property: JsonPropertyName("row_version")] int? RowVersion)
    {
        public TerminationRequest ToCommand() => new(
            ResidentId ?? 0, TerminationOn, TerminationReason ?? "", DestinationAddress ?? "", ReceivingFamily ?? "", FollowUpVisitOn, Payee ?? "",
            BankAccount ?? "", AccountHolder ?? "");
    }

    public static void MapPantiTerminationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/panti/terminations").RequireAuthorization().AnswerRefusals();

        api.MapPost("", async (TerminationBody body, SejahteraDbContext db, ProposeTermination propose, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var proposal = await propose.HandleAsync(db, body.ToCommand(), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return TypedResults.Created($"/api/proposals/{proposal.Id}", ProposalSummary.Of(proposal));
        }).RequirePermission(Permission.ProposeTermination);

        api.MapPut("/{id:long}", async (long id, TerminationBody body, SejahteraDbContext db, EditTermination edit, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(ProposalSummary.Of(
                await edit.HandleAsync(db, id, body.ToCommand(), body.RowVersion, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct))))
            .RequirePermission(Permission.ProposeTermination);
    }
}
