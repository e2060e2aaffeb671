using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Sejahtera.Admin.Design;

// The design system (Bootstrap 5, docs/adr/0006) applied in one place: pages write plain buttons, inputs and
// tables, and these give them Bootstrap's classes, so every page looks the same without repeating class lists.
// An element that already names a Bootstrap class of its kind keeps what it says. Tag helpers are found only
// when public.

/// <summary>A button without a style is a primary button; <c>class="secondary"</c> an outlined one.</summary>
[HtmlTargetElement("button")]
public sealed class ButtonTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = Classes.Of(output);
        if (classes.Contains("btn") || classes.Contains("link") || classes.Contains("navbar-toggler"))
        {
            return;
        }

        Classes.Add(output, classes.Contains("secondary") ? "btn btn-outline-secondary" : classes.Contains("danger") ? "btn btn-outline-danger" : "btn btn-primary");
    }
}

/// <summary>Text, number, date and file inputs are form controls; check boxes and radio buttons are form checks.</summary>
[HtmlTargetElement("input")]
public sealed class InputTagHelper : TagHelper
{
    private static readonly HashSet<string> NotControls = new(StringComparer.OrdinalIgnoreCase) { "HIDDEN", "SUBMIT", "BUTTON", "RESET", "IMAGE" };

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var type = output.Attributes["type"]?.Value?.ToString() ?? "text";
        var classes = Classes.Of(output);
        if (NotControls.Contains(type) || classes.Any(c => c.StartsWith("form-", StringComparison.Ordinal) || c.StartsWith("btn", StringComparison.Ordinal)))
        {
            return;
        }

        Classes.Add(output, type is "checkbox" or "radio" ? "form-check-input" : "form-control");
    }
}

/// <summary>A select is a form select.</summary>
[HtmlTargetElement("select")]
public sealed class SelectTagHelper : TagHelper
{
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!Classes.Of(output).Any(c => c.StartsWith("form-", StringComparison.Ordinal)))
        {
            Classes.Add(output, "form-select");
        }
    }
}

/// <summary>A text area is a form control.</summary>
[HtmlTargetElement("textarea")]
public sealed class TextAreaTagHelper : TagHelper
{
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!Classes.Of(output).Any(c => c.StartsWith("form-", StringComparison.Ordinal)))
        {
            Classes.Add(output, "form-control");
        }
    }
}

/// <summary>
/// A message paragraph (<c>role="status"</c> or <c>role="alert"</c>) is an alert in its own colour:
/// <c>class="ok"</c> green, <c>class="warning"</c> yellow, <c>class="error"</c> red.
/// </summary>
[HtmlTargetElement("p", Attributes = "role")]
[HtmlTargetElement("div", Attributes = "role")]
public sealed class AlertTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = Classes.Of(output);
        var kind = classes.Contains("error") ? "danger" : classes.Contains("warning") ? "warning" : classes.Contains("ok") ? "success" : null;
        if (kind is not null && !classes.Contains("alert"))
        {
            Classes.Add(output, $"alert alert-{kind} py-2");
        }
    }
}

/// <summary>
/// A data table is a Bootstrap table that scrolls inside its own box on a narrow screen (the page never scrolls
/// sideways), and a table without body rows says so: <c>empty="Belum ada usulan."</c> names what is missing,
/// otherwise "Belum ada data.". The letter's and the printed documents' tables and the YAML listing keep their own look.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableTagHelper : TagHelper
{
    private static readonly string[] OwnLook = ["letter-facts", "yaml-lines", "grid", "table"];

    /// <summary>What the table says when it has no rows.</summary>
    [HtmlAttributeName("empty")]
    public string? Empty { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var classes = Classes.Of(output);
        if (OwnLook.Any(classes.Contains))
        {
            return;
        }

        Classes.Add(output, "table table-sm table-hover align-middle");
        output.PreElement.SetHtmlContent("<div class=\"table-responsive\">");
        output.PostElement.SetHtmlContent("</div>");

        var content = (await output.GetChildContentAsync()).GetContent();
        var body = content.IndexOf("<tbody", StringComparison.Ordinal);
        if (body < 0 || content.IndexOf("<tr", body, StringComparison.Ordinal) >= 0)
        {
            return;
        }

        var columns = Math.Max(1, HeaderCell().Count(content[..body]));
        var bodyOpened = content.IndexOf('>', body) + 1;
        var message = System.Net.WebUtility.HtmlEncode(Empty ?? "Belum ada data.");
        output.Content.SetHtmlContent(string.Concat(
            content.AsSpan(0, bodyOpened),
            $"<tr class=\"empty-row\"><td colspan=\"{columns}\" class=\"text-body-secondary fst-italic py-3\">{message}</td></tr>",
            content.AsSpan(bodyOpened)));
    }

    [GeneratedRegex(@"<th[\s>]")]
    private static partial Regex HeaderCell();
}

internal static class Classes
{
    public static HashSet<string> Of(TagHelperOutput output) =>
        new(Current(output).Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static void Add(TagHelperOutput output, string classes)
    {
        var current = Current(output);
        output.Attributes.SetAttribute("class", new Microsoft.AspNetCore.Html.HtmlString(
            string.IsNullOrWhiteSpace(current) ? classes : $"{current} {classes}"));
    }

    /// <summary>The class attribute as written (already encoded when it came from a Razor expression).</summary>
    private static string Current(TagHelperOutput output)
    {
        switch (output.Attributes["class"]?.Value)
        {
            case null:
                return "";
            case string text:
                return System.Net.WebUtility.HtmlEncode(text);
            case Microsoft.AspNetCore.Html.IHtmlContent html:
                using (var writer = new StringWriter())
                {
                    html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                    return writer.ToString();
                }

            case var other:
                return other.ToString() ?? "";
        }
    }
}
