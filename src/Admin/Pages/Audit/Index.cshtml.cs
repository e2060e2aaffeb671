using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Audit;

/// <summary>
/// The audit log, newest first, a page of 50 at a time: filtered by actor, action, subject type and date range, searched
/// by subject (such as "batch 12") or actor (admin only).
/// </summary>
[Authorize(Policy = nameof(Permission.ReadUsersAndAudit))]
public sealed class IndexModel(SejahteraDbContext db) : PageModel
{
    public AuditList List { get; private set; } = null!;

    /// <summary>Everyone who has acted, for the actor filter.</summary>
    public IReadOnlyList<string> Actors { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "pelaku")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "tindakan")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "jenis")] public string? SubjectType { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Page)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true, Name = ListLinks.Sort)] public string? Sort { get; set; }

    public bool Filtered => new[] { Actor, Action, SubjectType, From, To, Query }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var request = PageRequest.Parse(PageNumber, Sort);
        var from = Api.AdministrationApi.ParseDate(From, "dari");
        var to = Api.AdministrationApi.ParseDate(To, "sampai");
        if ((from.Problem ?? to.Problem) is { } problem)
        {
            var (key, descending) = ListAuditEntries.Sorts.Resolve(request);
            List = new AuditList(new Paged<AuditEntry>([], request.Page, request.PageSize, 0, key, descending), problem);
        }
        else
        {
            List = await ListAuditEntries.HandleAsync(db, new AuditFilter(Actor, Action, SubjectType, from.Date, to.Date, Query), request, ct);
        }

        Response.Headers.Vary = "HX-Request";
        if (ListLinks.WantsFragment(Request))
        {
            return Partial("_AuditList", this);
        }

        Actors = await db.AuditEntries.AsNoTracking().Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
        return Page();
    }
}
