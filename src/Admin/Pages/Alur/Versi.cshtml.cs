using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Admin.Pages.Alur;

/// <summary>One stored workflow version drawn as tables on the server: verifiers on slow links get no script bundle.</summary>
public sealed class VersiModel(SejahteraDbContext db) : PageModel
{
    public WorkflowDefinitionVersion? Stored { get; private set; }
    public WorkflowDefinition? Definition { get; private set; }
    public string Mermaid { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, int version, CancellationToken ct)
    {
        Stored = await WorkflowVersions.FindAsync(db, key, version, ct);
        if (Stored is null)
        {
            return NotFound();
        }

        Definition = WorkflowVersions.Read(Stored);
        Mermaid = WorkflowVersions.Mermaid(Definition);
        return Page();
    }

    public string RoleLabels(IEnumerable<string> roles) => string.Join(", ", roles.Select(Definition!.RoleLabel));

    /// <summary>Who may fire the transition; without its own roles, the definition falls back to the state's task.</summary>
    public string TransitionRoles(StateDefinition state, TransitionDefinition transition) =>
        transition.Roles is { } roles ? RoleLabels(roles)
        : state.Task is { } task ? RoleLabels(task.Roles) + " (pemegang tugas)"
        : "siapa saja";

    public static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);

    /// <summary>Names of guards and entry actions, written as code: they are the definition's identifiers, not words users read.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Codes(IReadOnlyList<string> names) =>
        names.Count == 0
            ? new Microsoft.AspNetCore.Html.HtmlString("-")
            : new Microsoft.AspNetCore.Html.HtmlString(string.Join(", ", names.Select(n => $"<code>{System.Net.WebUtility.HtmlEncode(n)}</code>")));

    /// <summary>The four-eyes rules of the definition in words, triggers in the definition's order so the sentence reads like the flow.</summary>
    public IReadOnlyList<string> FourEyes()
    {
        var order = Definition!.Triggers.ToList();
        int Position(string trigger) => order.IndexOf(trigger) is >= 0 and var i ? i : int.MaxValue;
        string Quoted(IEnumerable<string> triggers) =>
            string.Join(", ", triggers.OrderBy(Position).ThenBy(t => t, StringComparer.Ordinal).Select(t => $"'{Definition.TriggerLabel(t)}'"));

        return Definition.FourEyes.Rules
            .OrderBy(r => Position(r.Key))
            .Select(r => $"Siapa pun yang sudah menjalankan {Quoted(r.Value)} pada suatu usulan tidak boleh menjalankan '{Definition.TriggerLabel(r.Key)}' pada usulan yang sama")
            .ToList();
    }
}
