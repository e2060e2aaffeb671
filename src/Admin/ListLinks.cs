using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.Extensions;
using Sejahtera.Engine;
using Sejahtera.Engine.Listing;

namespace Sejahtera.Admin;

/// <summary>
/// Links of the list pages: everything a list shows (filters, search, order, page) is in the query string, so a
/// link can be shared and the back button returns to the same page. Changing a filter or the order goes back to
/// page 1. Query names are Indonesian, as users see them: halaman (page), urut (sort key, "-" in front for
/// descending), q (search), and each list's filters.
/// </summary>
public static class ListLinks
{
    public const string Page = "halaman";

    public const string Sort = "urut";

    /// <summary>The current path and query with some values replaced (a null or empty value removes it); page 1 unless a page is given.</summary>
    public static string With(HttpRequest request, params (string Name, string? Value)[] changes)
    {
        var values = request.Query
            .Where(q => !string.Equals(q.Key, Page, StringComparison.OrdinalIgnoreCase) && !changes.Any(c => string.Equals(c.Name, q.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? "")))
            .Where(q => q.Value.Length > 0)
            .ToList();
        values.AddRange(changes.Where(c => !string.IsNullOrEmpty(c.Value) && !(c.Name == Page && c.Value == "1")).Select(c => (c.Name, c.Value!)));
        var query = new QueryBuilder(values.Select(v => new KeyValuePair<string, string>(v.Item1, v.Item2)));
        return request.Path + query.ToQueryString().Value;
    }

    public static string ToPage(HttpRequest request, int page) => With(request, (Page, page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// A column header that sorts the list by <paramref name="key"/>: ascending first, the other way when it is
    /// already the order; the current order is marked with an arrow and aria-sort.
    /// </summary>
    public static IHtmlContent SortHeader<T>(HttpRequest request, Paged<T> list, string key, string label, string? cssClass = null)
    {
        var current = string.Equals(list.Sort, key, StringComparison.OrdinalIgnoreCase);
        var nextDescending = current && !list.Descending;
        var href = With(request, (Sort, (nextDescending ? "-" : "") + key));
        var aria = current ? (list.Descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
        var arrow = current ? (list.Descending ? " ▼" : " ▲") : "";
        var css = cssClass is null ? "" : $" class=\"{cssClass}\"";
        return new HtmlString(
            $"<th{css}{aria}><a class=\"sort-link\" data-sort=\"{WebUtility.HtmlEncode(key)}\" href=\"{WebUtility.HtmlEncode(href)}\">{WebUtility.HtmlEncode(label)}{arrow}</a></th>");
    }

    /// <summary>"Menampilkan 51–100 dari 1.234", or that nothing was found.</summary>
    public static string Count<T>(Paged<T> list) =>
        list.Total == 0 ? "Tidak ada data yang cocok." : $"Menampilkan {Indonesian.Number(list.First)}–{Indonesian.Number(list.Last)} dari {Indonesian.Number(list.Total)}";

    /// <summary>Whether the request comes from htmx for the list alone (a history restore wants the whole page).</summary>
    public static bool WantsFragment(HttpRequest request) =>
        request.Headers["HX-Request"] == "true" && request.Headers["HX-History-Restore-Request"] != "true";

    /// <summary>The page numbers a pager shows: the first, the last and two either side of the current one; 0 marks a gap.</summary>
    public static IReadOnlyList<int> PageNumbers(int page, int pages)
    {
        var shown = new SortedSet<int> { 1, pages };
        for (var p = Math.Max(1, page - 2); p <= Math.Min(pages, page + 2); p++)
        {
            shown.Add(p);
        }

        var result = new List<int>();
        var previous = 0;
        foreach (var p in shown)
        {
            if (p - previous > 1)
            {
                result.Add(0);
            }

            result.Add(p);
            previous = p;
        }

        return result;
    }
}

/// <summary>What the pager partial needs of any list.</summary>
public sealed record PagerModel(long Total, long First, long Last, int Page, int Pages, string CountText)
{
    public static PagerModel Of<T>(Paged<T> list) => new(list.Total, list.First, list.Last, list.Page, list.Pages, ListLinks.Count(list));
}
