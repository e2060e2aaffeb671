using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Admin.Api;

/// <summary>
/// KUBE proposals over HTTP: everything the pages do (create, edit, act, attach, read the queue and
/// a proposal in full). Errors are problem details in Indonesian: 400 refused, 404 not in your
/// region, 409 someone else acted first.
/// </summary>
internal static class ProposalApi
{
    public sealed record ProposalRequest(
        [property: JsonPropertyName("group_name")] string? GroupName,
        [property: JsonPropertyName("business_type")] string? BusinessType,
        [property: JsonPropertyName("kecamatan")] string? Kecamatan,
        [property: JsonPropertyName("member_niks")] IReadOnlyList<string>? MemberNiks,
        [property: JsonPropertyName("bank_account")] string? BankAccount,
        [property: JsonPropertyName("account_holder")] string? AccountHolder,
        [property: JsonPropertyName("chair_name")] string? ChairName,
        [property: JsonPropertyName("treasurer_name")] string? TreasurerName,
        [property: JsonPropertyName("business_plan")] string? BusinessPlan,
        [property: JsonPropertyName("budget_amount")] decimal? BudgetAmount,
        [property: JsonPropertyName("officers_chosen")] bool OfficersChosen,
        [property: JsonPropertyName("has_recommendation")] bool HasRecommendation,
        [property: JsonPropertyName("documents_complete")] bool DocumentsComplete,
        [property: JsonPropertyName("row_version")] int? RowVersion)
    {
        public KubeProposalRequest ToCommand() => new(
            GroupName ?? "", BusinessType ?? "", Kecamatan ?? "", MemberNiks ?? [], BankAccount ?? "", AccountHolder ?? "",
            ChairName ?? "", TreasurerName ?? "", BusinessPlan ?? "", BudgetAmount ?? 0, OfficersChosen, HasRecommendation, DocumentsComplete);
    }

    public sealed record TransitionRequest(
        [property: JsonPropertyName("trigger")] string? Trigger,
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("row_version")] int? RowVersion);

    /// <summary>Content types a phone or scanner sends; none of them can come from a cross-site form, which keeps cookie uploads safe.</summary>
    private static readonly string[] UploadTypes = ["image/jpeg", "image/png", "application/pdf", "application/octet-stream"];

    public static void MapProposalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/proposals").RequireAuthorization().AnswerRefusals();

        // One page of the cases in the caller's scope; the body stays the list of cases, the paging is in the headers.
        api.MapGet("", async Task<Results<Ok<IEnumerable<ProposalSummary>>, ProblemHttpResult>> (
            int? page, int? page_size, string? sort, string? kabupaten, string? kecamatan, string? stage, string? program, string? outcome, string? q,
            HttpResponse response, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListProposals.HandleAsync(db, user.Scope(), new ProposalFilter(kabupaten, kecamatan, stage, program, outcome, q),
                Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Proposals);
            return TypedResults.Ok(list.Proposals.Items.Select(ProposalSummary.Of));
        });

        api.MapGet("/export", async Task<Results<ExportResults.ExportFile, ProblemHttpResult>> (string? format, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // The stage as the proposals page shows it: the label of the case's own definition version.
            var labels = await WorkflowVersions.LabelsAsync(db, ct);
            return ExportResults.RefuseFormat(format, out var parsed) is { } refused
                ? refused
                : ExportResults.Of(ExportProposals.Handle(db, user.Scope(), p => labels.State(p)), parsed);
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/tasks", async (SejahteraDbContext db, ProposalViews views, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await views.QueueAsync(db, user.RoleNames(), user.Scope(), ct)).Select(QueuedTask.Of)));

        // The operator's member picker. Residents of other kabupaten/kota are not shown beyond "outside your region".
        api.MapGet("/members", async (string[] nik, SejahteraDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
            var members = await KubeProposalForm.ResolveMembersAsync(db, nik, ct: ct);
            return TypedResults.Ok(members.Select(KubeMemberAnswer (m) =>
                InScope(m, user) ? KubeMemberEntry.Of(m, user, today) : new KubeMemberOutsideRegion(user.ShowNik(m.Nik), m.InDtks)));
        }).RequirePermission(Permission.ManageProposals);

        // The member picker's search: people of the registry in the caller's scope by name, NIK or desa.
        api.MapGet("/members/search", async Task<Results<Ok<MemberSearchResponse>, ProblemHttpResult>> (
            string? q, SejahteraDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var found = await FindRegistryMembers.HandleAsync(db, user.Scope(), q, ct);
            if (found.Problem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
            return TypedResults.Ok(new MemberSearchResponse(found.More, [.. found.Members.Select(m => new MemberSearchEntry(
                user.ShowNik(m.Nik), m.Name, m.AgeOn(today), m.Desil, m.HouseholdId, m.KabupatenCode, m.RegionCode, m.DesaName,
                [.. DtksLabels.Flags(m.Flags)], m.Pkh, m.Bpnt, m.PriorKubeGrants))]));
        }).RequirePermission(Permission.ManageProposals);

        api.MapGet("/{id:long}", async Task<Results<Ok<ProposalDetails>, ProblemHttpResult>> (
            long id, SejahteraDbContext db, ProposalViews views, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
            await views.DetailsAsync(db, id, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct) is { } view
                ? TypedResults.Ok(ProposalDetails.Of(view, await PaymentBatches.OfProposalAsync(db, id, ct), user, DateOnly.FromDateTime(time.GetLocalNow().Date)))
                : NotFound(id));

        api.MapPost("", async (ProposalRequest request, SejahteraDbContext db, CreateKubeProposal create, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var proposal = await create.HandleAsync(db, request.ToCommand(), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return TypedResults.Created($"/api/proposals/{proposal.Id}", ProposalSummary.Of(proposal));
        }).RequirePermission(Permission.ManageProposals);

        api.MapPut("/{id:long}", async (long id, ProposalRequest request, SejahteraDbContext db, EditKubeProposal edit, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(ProposalSummary.Of(
                await edit.HandleAsync(db, id, request.ToCommand(), request.RowVersion, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct))))
            .RequirePermission(Permission.ManageProposals);

        api.MapPost("/{id:long}/transitions", async Task<Results<Ok<ProposalSummary>, ProblemHttpResult>> (long id, HttpRequest http, SejahteraDbContext db, CaseService cases, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Who may act is answered before what was asked: a viewer gets 403 whatever the body, never 400 or 409.
            // The body is read only to learn the trigger; a body that is not the JSON asked for is refused after that.
            var request = await ReadTransitionAsync(http, ct);
            await cases.EnsureMayActAsync(db, id, request?.Trigger, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            if (request is null)
            {
                return Refusals.BadRequest("Kirim tindakan sebagai JSON: {\"trigger\": \"…\", \"reason\": \"…\", \"row_version\": …}.", "Tindakan ditolak");
            }

            if (string.IsNullOrWhiteSpace(request.Trigger))
            {
                return Refusals.BadRequest("Sebutkan tindakannya (trigger), misalnya \"pass\".", "Tindakan ditolak");
            }

            return TypedResults.Ok(ProposalSummary.Of(
                await cases.FireAsync(db, id, request.Trigger.Trim(), request.Reason, user.Identity!.Name!, user.RoleNames(), user.Scope(), request.RowVersion, ct)));
        });

        api.MapPost("/{id:long}/documents", async Task<Results<Created<ProposalDocumentInfo>, ProblemHttpResult>> (long id, string? kind, string? name, HttpRequest http, SejahteraDbContext db, AttachDocument attach, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var type = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (type is null || !UploadTypes.Contains(type))
            {
                return Refusals.WrongContentType(
                    "Kirim berkas sebagai isi permintaan dengan Content-Type image/jpeg, image/png, application/pdf atau application/octet-stream.");
            }

            if (http.ContentLength > AttachDocument.MaxBytes)
            {
                return Refusals.TooLarge("Dokumen ditolak: berkas melebihi batas 5 MB.");
            }

            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, ct);
            var document = await attach.HandleAsync(db, id, new DocumentUpload(kind ?? "", name ?? "", buffer.ToArray()), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return TypedResults.Created($"/api/proposals/{id}/documents/{document.Id}", ProposalDocumentInfo.Of(document));
        }).TakesUpload(UploadTypes, sizeLimited: true);

        api.MapGet("/{id:long}/documents/{documentId:long}", async (long id, long documentId, bool? inline, HttpContext http, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            await ProposalViews.DocumentAsync(db, id, documentId, user.Scope(), ct) is { } d
                ? inline == true ? Show(d, http) : Download(d)
                : Refusals.NotFound("Dokumen tidak ditemukan", $"Dokumen {documentId} usulan {id} tidak ditemukan dalam wilayah Anda."))
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream", "image/jpeg", "image/png", "application/pdf")
            .RequirePermission(Permission.ReadDocuments);
    }

    /// <summary>The transition request of the body, or null when the body is not that JSON.</summary>
    private static async Task<TransitionRequest?> ReadTransitionAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await http.ReadFromJsonAsync<TransitionRequest>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A document as an attachment (never shown in the browser), typed by its bytes and named with
    /// the matching extension; X-Content-Type-Options: nosniff comes with every response.
    /// </summary>
    private static IResult Download(ProposalDocument d)
    {
        var type = AttachDocument.ContentTypeOf(d.Content) ?? "application/octet-stream";
        return Results.File(d.Content, type, DocumentFileName.Safe(d.FileName, type));
    }

    /// <summary>
    /// A document shown in the browser for the approver to read (<c>?inline=true</c>): an image inline
    /// on the page, a PDF in the browser's viewer. Only the types recognised from the bytes (JPEG, PNG,
    /// PDF) are shown; anything else is still an attachment. The response carries a policy that allows
    /// nothing but the document (<see cref="WebSecurity.InlineDocumentContentSecurityPolicy"/>).
    /// </summary>
    private static IResult Show(ProposalDocument d, HttpContext http)
    {
        if (AttachDocument.ContentTypeOf(d.Content) is not { } type)
        {
            return Download(d);
        }

        WebSecurity.MarkInlineDocument(http);
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline")
        {
            FileName = DocumentFileName.Safe(d.FileName, type),
        }.ToString();
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Bytes(d.Content, type);
    }

    private static ProblemHttpResult NotFound(long id) =>
        Refusals.NotFound("Usulan tidak ditemukan", $"Usulan {id} tidak ditemukan dalam wilayah Anda.");

    /// <summary>A member the operator may see in full: not in DTKS (nothing to hide) or living in the operator's region.</summary>
    internal static bool InScope(Fact.KubeMember m, ClaimsPrincipal user) => !m.InDtks || user.Scope().Allows(m.KecamatanCode[..5]);
}
