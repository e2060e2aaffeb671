using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Sejahtera.Engine.Listing;

namespace Sejahtera.Admin.Api;

/// <summary>
/// Paging of the API lists, in headers so that the body stays the plain list it was: X-Total-Count (rows of the
/// whole filtered list), X-Page, X-Page-Size, X-Sort (the order applied; "-" in front when descending: an unknown
/// sort key is ignored and the default order named here) and a Link header with the next and previous pages.
/// Query parameters: page (from 1), page_size (1–200, default 50), sort.
/// </summary>
internal static class ListResponses
{
    public static void AddPaging<T>(HttpResponse response, Paged<T> list)
    {
        var headers = response.Headers;
        headers["X-Total-Count"] = list.Total.ToString(CultureInfo.InvariantCulture);
        headers["X-Page"] = list.Page.ToString(CultureInfo.InvariantCulture);
        headers["X-Page-Size"] = list.PageSize.ToString(CultureInfo.InvariantCulture);
        headers["X-Sort"] = (list.Descending ? "-" : "") + list.Sort;
        var links = new List<string>();
        if (list.Page < list.Pages)
        {
            links.Add($"<{PageUrl(response.HttpContext.Request, list.Page + 1)}>; rel=\"next\"");
        }

        if (list.Page > 1)
        {
            links.Add($"<{PageUrl(response.HttpContext.Request, list.Page - 1)}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            headers.Link = string.Join(", ", links);
        }
    }

    private static string PageUrl(HttpRequest request, int page)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "page", page.ToString(CultureInfo.InvariantCulture) },
        };
        return request.Path + query.ToQueryString().Value;
    }
}
