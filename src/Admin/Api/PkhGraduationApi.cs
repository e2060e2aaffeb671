using System.Security.Claims;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Api;

/// <summary>
/// PKH graduation over HTTP: start an evaluation run (a background job), read the runs, and the
/// pendamping's home-visit assessment; every other step of a case goes through <c>/api/proposals/{id}/…</c>.
/// </summary>
internal static class PkhGraduationApi
{
    public sealed record EvaluationRequest(
        [property: JsonPropertyName("period")] string? Period,
        [property: JsonPropertyName("as_of")] DateOnly? AsOf);

    public sealed record AssessmentBody(
        [property: JsonPropertyName("work")] string? Work,
        [property: JsonPropertyName("business")] string? Business,
        [property: JsonPropertyName("assets")] string? Assets,
        [property: JsonPropertyName("income_change")] string? IncomeChange,
        [property: JsonPropertyName("economy_improved")] bool EconomyImproved,
        [property: JsonPropertyName("signed_exit_statement")] bool SignedExitStatement,
        [property: JsonPropertyName("village_declared_mampu")] bool VillageDeclaredMampu);

    public static void MapPkhGraduationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pkh").RequireAuthorization().AnswerRefusals();

        api.MapPost("/evaluations", async Task<Results<Accepted<EvaluationQueued>, ProblemHttpResult>> (EvaluationRequest request, SejahteraDbContext db, IBackgroundJobClient jobs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Period) || request.AsOf is not { } asOf)
            {
                return Refusals.BadRequest("Sebutkan periode dan tanggal evaluasi, misalnya {\"period\":\"2026\",\"as_of\":\"2026-03-02\"}.");
            }

            var period = request.Period.Trim();
            if (!await db.Kpms.AnyAsync(k => k.Period == period, ct))
            {
                return Refusals.BadRequest($"Periode {period} tidak memiliki KPM; impor daftar KPM periode itu dahulu.");
            }

            var job = jobs.Enqueue<EvaluateGraduation>(e => e.RunAsync(period, asOf, user.Identity!.Name!, CancellationToken.None));
            return TypedResults.Accepted("/api/pkh/evaluations", new EvaluationQueued(job, period, asOf));
        }).RequirePermission(Permission.EvaluateGraduation);

        // The evaluation runs a page at a time (period, started_by, status: selesai or berjalan); the paging is in the headers (see ListResponses).
        api.MapGet("/evaluations", async Task<Results<Ok<IEnumerable<EvaluationRunEntry>>, ProblemHttpResult>> (
            int? page, int? page_size, string? sort, string? period, string? started_by, string? status, HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            var list = await ListEvaluationRuns.HandleAsync(db, new EvaluationRunFilter(period, started_by, status), Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.FilterProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Filter tidak sah");
            }

            ListResponses.AddPaging(response, list.Runs);
            return TypedResults.Ok(list.Runs.Items.Select(r => new EvaluationRunEntry(
                r.Id, r.Period, r.AsOf, r.Evaluated, r.Candidates, r.Opened, r.StartedBy, r.StartedAt, r.FinishedAt)));
        }).RequirePermission(Permission.EvaluateGraduation);

        api.MapPost("/cases/{id:long}/assessment", async (long id, AssessmentBody body, SejahteraDbContext db, RecordAssessment assess, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var g = await assess.HandleAsync(db, id, new AssessmentRequest(body.Work ?? "", body.Business ?? "", body.Assets ?? "", body.IncomeChange ?? "",
                body.EconomyImproved, body.SignedExitStatement, body.VillageDeclaredMampu), user.Identity!.Name!, user.RoleNames(), user.Scope(), ct);
            return TypedResults.Ok(new AssessmentRecorded(g.ProposalId, g.Work, g.Business, g.Assets, g.IncomeChange));
        }).RequirePermission(Permission.AssessGraduation);
    }
}

/// <summary>A graduation evaluation queued as a background job.</summary>
internal sealed record EvaluationQueued(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("as_of")] DateOnly AsOf);

/// <summary>A graduation evaluation run.</summary>
internal sealed record EvaluationRunEntry(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("evaluated")] int Evaluated,
    [property: JsonPropertyName("candidates")] int Candidates,
    [property: JsonPropertyName("opened")] int Opened,
    [property: JsonPropertyName("started_by")] string StartedBy,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset? FinishedAt);

/// <summary>The pendamping's home-visit assessment as recorded.</summary>
internal sealed record AssessmentRecorded(
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("work")] string? Work,
    [property: JsonPropertyName("business")] string? Business,
    [property: JsonPropertyName("assets")] string? Assets,
    [property: JsonPropertyName("income_change")] string? IncomeChange);
