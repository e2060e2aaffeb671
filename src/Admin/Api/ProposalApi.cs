using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
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
        api.MapGet("", async (
            int? page, int? page_size, string? sort, string? kabupaten, string? kecamatan, string? stage, string? program, string? outcome, string? q,
            HttpResponse response, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var list = await ListProposals.HandleAsync(db, user.Scope(), new ProposalFilter(kabupaten, kecamatan, stage, program, outcome, q),
                Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Results.Problem(statusCode: 400, title: "Pencarian tidak sah", detail: problem);
            }

            ListResponses.AddPaging(response, list.Proposals);
            return Results.Ok(list.Proposals.Items.Select(Summary));
        });

        api.MapGet("/export", async (string? format, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // The stage as the proposals page shows it: the label of the case's own definition version.
            var labels = await WorkflowVersions.LabelsAsync(db, ct);
            return ExportResults.RefuseFormat(format, out var parsed) ?? ExportResults.Of(ExportProposals.Handle(db, user.Scope(), p => labels.State(p)), parsed);
        }).RequirePermission(Permission.ExportLists);

        api.MapGet("/tasks", async (SejahteraDbContext db, ProposalViews views, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await views.QueueAsync(db, user.RoleNames(), user.Scope(), ct)).Select(q => new
            {
                task_id = q.Task.Id,
                state = q.Task.State,
                candidate_roles = q.Task.CandidateRoles.Split(','),
                due_date = q.Task.DueDate,
                overdue = q.Overdue,
                proposal = Summary(q.Proposal),
            })));

        // The operator's member picker. Residents of other kabupaten/kota are not shown beyond "outside your region".
        api.MapGet("/members", async (string[] nik, SejahteraDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
            var members = await KubeProposalForm.ResolveMembersAsync(db, nik, ct: ct);
            return Results.Ok(members.Select(m => InScope(m, user) ? Member(m, user, today) : new { nik = user.ShowNik(m.Nik), in_dtks = m.InDtks, outside_region = true }));
        }).RequirePermission(Permission.ManageProposals);

        // The member picker's search: people of the registry in the caller's scope by name, NIK or desa.
        api.MapGet("/members/search", async (string? q, SejahteraDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var found = await FindRegistryMembers.HandleAsync(db, user.Scope(), q, ct);
            if (found.Problem is { } problem)
            {
                return Results.Problem(statusCode: 400, title: "Pencarian tidak sah", detail: problem);
            }

            var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
            return Results.Ok(new
            {
                more = found.More,
                members = found.Members.Select(m => new
                {
                    nik = user.ShowNik(m.Nik),
                    name = m.Name,
                    age = m.AgeOn(today),
                    desil = m.Desil,
                    household_id = m.HouseholdId,
                    kabupaten_code = m.KabupatenCode,
                    desa_code = m.RegionCode,
                    desa = m.DesaName,
                    flags = DtksLabels.Flags(m.Flags),
                    pkh = m.Pkh,
                    bpnt = m.Bpnt,
                    prior_kube_grants = m.PriorKubeGrants,
                }),
            });
        }).RequirePermission(Permission.ManageProposals);

        api.MapGet("/{id:long}", async (long id, SejahteraDbContext db, ProposalViews views, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
            await views.DetailsAsync(db, id, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct) is { } view
                ? Results.Ok(Details(view, await PaymentBatches.OfProposalAsync(db, id, ct), user, DateOnly.FromDateTime(time.GetLocalNow().Date)))
                : NotFound(id));

        api.MapPost("", async (ProposalRequest request, SejahteraDbContext db, CreateKubeProposal create, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var proposal = await create.HandleAsync(db, request.ToCommand(), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return Results.Created($"/api/proposals/{proposal.Id}", Summary(proposal));
        }).RequirePermission(Permission.ManageProposals);

        api.MapPut("/{id:long}", async (long id, ProposalRequest request, SejahteraDbContext db, EditKubeProposal edit, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(Summary(
                await edit.HandleAsync(db, id, request.ToCommand(), request.RowVersion, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct))))
            .RequirePermission(Permission.ManageProposals);

        api.MapPost("/{id:long}/transitions", async (long id, HttpRequest http, SejahteraDbContext db, CaseService cases, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Who may act is answered before what was asked: a viewer gets 403 whatever the body, never 400 or 409.
            // The body is read only to learn the trigger; a body that is not the JSON asked for is refused after that.
            var request = await ReadTransitionAsync(http, ct);
            await cases.EnsureMayActAsync(db, id, request?.Trigger, user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            if (request is null)
            {
                return Results.Problem(statusCode: 400, title: "Tindakan ditolak",
                    detail: "Kirim tindakan sebagai JSON: {\"trigger\": \"…\", \"reason\": \"…\", \"row_version\": …}.");
            }

            if (string.IsNullOrWhiteSpace(request.Trigger))
            {
                return Results.Problem(statusCode: 400, title: "Tindakan ditolak", detail: "Sebutkan tindakannya (trigger), misalnya \"pass\".");
            }

            return Results.Ok(Summary(
                await cases.FireAsync(db, id, request.Trigger.Trim(), request.Reason, user.Identity!.Name!, user.RoleNames(), user.Scope(), request.RowVersion, ct)));
        });

        api.MapPost("/{id:long}/documents", async (long id, string? kind, string? name, HttpRequest http, SejahteraDbContext db, AttachDocument attach, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var type = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (type is null || !UploadTypes.Contains(type))
            {
                return Results.Problem(statusCode: 415, title: "Jenis isi tidak didukung",
                    detail: "Kirim berkas sebagai isi permintaan dengan Content-Type image/jpeg, image/png, application/pdf atau application/octet-stream.");
            }

            if (http.ContentLength > AttachDocument.MaxBytes)
            {
                return Results.Problem(statusCode: 413, title: "Berkas terlalu besar", detail: "Dokumen ditolak: berkas melebihi batas 5 MB.");
            }

            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, ct);
            var document = await attach.HandleAsync(db, id, new DocumentUpload(kind ?? "", name ?? "", buffer.ToArray()), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return Results.Created($"/api/proposals/{id}/documents/{document.Id}", Document(document));
        });

        api.MapGet("/{id:long}/documents/{documentId:long}", async (long id, long documentId, bool? inline, HttpContext http, SejahteraDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            await ProposalViews.DocumentAsync(db, id, documentId, user.Scope(), ct) is { } d
                ? inline == true ? Show(d, http) : Download(d)
                : Results.Problem(statusCode: 404, title: "Dokumen tidak ditemukan", detail: $"Dokumen {documentId} usulan {id} tidak ditemukan dalam wilayah Anda."))
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

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: 404, title: "Usulan tidak ditemukan", detail: $"Usulan {id} tidak ditemukan dalam wilayah Anda.");

    internal static object Summary(Proposal p) => new
    {
        id = p.Id,
        program = p.Program,
        state = p.State,
        stage = p.Stage,
        group_name = p.GroupName,
        home = p.HomeCode,
        business_type = p.BusinessType,
        kabupaten = p.KabupatenCode,
        kecamatan = p.KecamatanCode,
        kecamatan_name = RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name,
        budget_amount = p.BudgetAmount,
        last_outcome = p.LastOutcome,
        workflow = new { key = p.WorkflowKey, version = p.WorkflowVersion },
        created_by = p.CreatedBy,
        created_at = p.CreatedAt,
        row_version = p.RowVersion,
    };

    private static object Member(Fact.KubeMember m, ClaimsPrincipal user, DateOnly today) => new
    {
        nik = user.ShowNik(m.Nik),
        name = m.Name,
        in_dtks = m.InDtks,
        age = m.InDtks ? m.AgeOn(today) : (int?)null,
        desil = m.InDtks ? m.Desil : (int?)null,
        occupation = m.InDtks ? DtksLabels.Occupation(m.Occupation) : null,
        head_or_main_earner = m.HeadOrMainEarner,
        prior_kube_grants = m.PriorKubeGrants,
        kecamatan = m.KecamatanCode,
        data_ganda = m.DataGanda,
    };

    /// <summary>A member the operator may see in full: not in DTKS (nothing to hide) or living in the operator's region.</summary>
    internal static bool InScope(Fact.KubeMember m, ClaimsPrincipal user) => !m.InDtks || user.Scope().Allows(m.KecamatanCode[..5]);

    private static object Document(DocumentInfo d) => new
    {
        id = d.Id, kind = d.Kind, file_name = d.FileName, content_type = d.ContentType, size = d.Size, sha256 = d.Sha256,
        state = d.State, uploaded_by = d.UploadedBy, uploaded_at = d.UploadedAt,
    };

    private static object Details(ProposalView v, IReadOnlyList<Payment> payments, ClaimsPrincipal user, DateOnly today) => new
    {
        proposal = Summary(v.Proposal),
        bank_account = v.Proposal.BankAccount,
        account_holder = v.Proposal.AccountHolder,
        chair_name = v.Proposal.ChairName,
        treasurer_name = v.Proposal.TreasurerName,
        business_plan = v.Proposal.BusinessPlan,
        members = v.Members.Select(m => Member(m, user, today)),
        termination = v.Termination is { } t ? PantiTerminationApi.Termination(t, user) : null,
        screening = v.Screening,
        open_task = v.OpenTask is { } task ? new { id = task.Id, state = task.State, candidate_roles = task.CandidateRoles.Split(','), due_date = task.DueDate } : null,
        actions = v.Actions.Select(a => new
        {
            trigger = a.Trigger, to = a.To, reason_required = a.ReasonRequired, allowed = a.Allowed,
            refusals = a.Refusals.Select(r => r.Message),
        }),
        documents = v.Documents.Select(Document),
        payments = payments.Select(p => new
        {
            id = p.Id, batch_id = p.BatchId, tranche = p.Tranche, amount = p.Amount, status = p.Status, bank_reason = p.BankReason,
        }),
        timeline = v.Timeline.Select(t => new
        {
            at = t.At, actor = t.Actor, from = t.From, to = t.To, trigger = t.Trigger, reason = t.Reason, workflow_version = t.WorkflowVersion,
            at_local = t.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        }),
    };
}
