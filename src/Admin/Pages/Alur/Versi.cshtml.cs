using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Admin.Pages.Alur;

/// <summary>
/// One stored workflow version as tables drawn on the server, and as a diagram drawn in the browser by Mermaid
/// (the only page that loads it). The diagram shows the Indonesian labels; the definition's Mermaid text, with its
/// code names, stays below it for definition authors.
/// </summary>
public sealed class VersiModel(SejahteraDbContext db) : PageModel
{
    public WorkflowDefinitionVersion? Stored { get; private set; }
    public WorkflowDefinition? Definition { get; private set; }
    public string Mermaid { get; private set; } = "";

    /// <summary>The Mermaid text the page's diagram is drawn from: the states and actions by their Indonesian labels.</summary>
    public string Picture { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, int version, CancellationToken ct)
    {
        Stored = await WorkflowVersions.FindAsync(db, key, version, ct);
        if (Stored is null)
        {
            return NotFound();
        }

        Definition = WorkflowVersions.Read(Stored);
        Mermaid = WorkflowVersions.Mermaid(Definition);
        Picture = PictureOf(Definition);
        WebSecurity.MarkDiagramPage(HttpContext);
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

    /// <summary>
    /// A <c>stateDiagram-v2</c> of the definition with node ids s0, s1, … and the labels users read: the start
    /// arrow into the initial state, one arrow per transition, an end arrow out of each final state.
    /// </summary>
    public static string PictureOf(WorkflowDefinition definition)
    {
        var ids = definition.States.Select((state, i) => (state.Name, Id: $"s{i}")).ToDictionary(x => x.Name, x => x.Id, StringComparer.Ordinal);
        var text = new System.Text.StringBuilder("stateDiagram-v2\n");
        foreach (var state in definition.States)
        {
            text.Append("    ").Append(ids[state.Name]).Append(" : ").Append(Label(definition.StateLabel(state.Name))).Append('\n');
        }

        text.Append("    [*] --> ").Append(ids[definition.Initial]).Append('\n');
        foreach (var state in definition.States)
        {
            foreach (var transition in state.Transitions.Where(t => ids.ContainsKey(t.To)))
            {
                text.Append("    ").Append(ids[state.Name]).Append(" --> ").Append(ids[transition.To])
                    .Append(" : ").Append(Label(definition.TriggerLabel(transition.Trigger, state.Name))).Append('\n');
            }

            if (state.Final)
            {
                text.Append("    ").Append(ids[state.Name]).Append(" --> [*]\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A label Mermaid reads as plain text: no separators, comments or markup.</summary>
    private static string Label(string text) =>
        new string(text.Select(c => c is ':' or ';' or '#' or '<' or '>' or '{' or '}' or '"' or '\n' or '\r' ? ' ' : c).ToArray()).Trim();
}
