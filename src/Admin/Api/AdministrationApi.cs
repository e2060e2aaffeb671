using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Api;

/// <summary>The staff accounts and the audit log over HTTP, for the admin, paged like every list (see ListResponses).</summary>
internal static class AdministrationApi
{
    public static void MapAdministrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequirePermission(Permission.ReadUsersAndAudit).AnswerRefusals();

        // The accounts a page at a time (role, kabupaten: a code or "ntt" for the whole province, q: a name or user name).
        api.MapGet("/users", async Task<Results<Ok<IEnumerable<UserEntry>>, ProblemHttpResult>> (
            int? page, int? page_size, string? sort, string? role, string? kabupaten, string? q, HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            var list = await ListUsers.HandleAsync(db, new UserFilter(role, kabupaten, q), Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.SearchProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Pencarian tidak sah");
            }

            ListResponses.AddPaging(response, list.Users);
            return TypedResults.Ok(list.Users.Items.Select(UserEntry.Of));
        });

        // The audit log a page at a time, newest first (actor, action, subject_type, from and to: dates, q: part of the subject or actor).
        api.MapGet("/audit", async Task<Results<Ok<IEnumerable<AuditLogEntry>>, ProblemHttpResult>> (
            int? page, int? page_size, string? sort, string? actor, string? action, string? subject_type, string? from, string? to, string? q,
            HttpResponse response, SejahteraDbContext db, CancellationToken ct) =>
        {
            if (ParseDate(from, "from") is { Problem: { } fromProblem })
            {
                return Refusals.BadRequest(fromProblem, "Filter tidak sah");
            }

            if (ParseDate(to, "to") is { Problem: { } toProblem })
            {
                return Refusals.BadRequest(toProblem, "Filter tidak sah");
            }

            var list = await ListAuditEntries.HandleAsync(db, new AuditFilter(actor, action, subject_type, ParseDate(from, "from").Date, ParseDate(to, "to").Date, q),
                Engine.Listing.PageRequest.Parse(page, sort, page_size), ct);
            if (list.FilterProblem is { } problem)
            {
                return Refusals.BadRequest(problem, "Filter tidak sah");
            }

            ListResponses.AddPaging(response, list.Entries);
            return TypedResults.Ok(list.Entries.Items.Select(AuditLogEntry.Of));
        });
    }

    /// <summary>A date of the query string (2026-11-30), nothing, or why it is not one.</summary>
    internal static (DateOnly? Date, string? Problem) ParseDate(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, null)
        : (null, $"Tanggal {name} '{text}' tidak sah; tulis sebagai tahun-bulan-tanggal, misalnya 2026-11-30.");
}

/// <summary>A staff account with its roles (codes and Indonesian labels) and region scope ("*" for the whole province).</summary>
internal sealed record UserEntry(
    [property: JsonPropertyName("user_name")] string UserName,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("role_labels")] IReadOnlyList<string> RoleLabels,
    [property: JsonPropertyName("region_scope")] string RegionScope,
    [property: JsonPropertyName("home_code")] string? HomeCode,
    [property: JsonPropertyName("bidang_code")] string? BidangCode)
{
    public static UserEntry Of(UserListItem u) => new(u.UserName, u.DisplayName, u.Roles, [.. u.Roles.Select(Security.Roles.Label)], u.RegionScope, u.HomeCode, u.BidangCode);
}

/// <summary>An entry of the audit log, with the action's Indonesian label.</summary>
internal sealed record AuditLogEntry(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("action_label")] string ActionLabel,
    [property: JsonPropertyName("subject_type")] string SubjectType,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("details")] string Details)
{
    public static AuditLogEntry Of(AuditEntry a) => new(a.Id, a.At, a.Actor, a.Action, DisplayNames.AuditAction(a.Action), ListAuditEntries.SubjectTypeOf(a.Action), a.Subject, a.Details);
}
