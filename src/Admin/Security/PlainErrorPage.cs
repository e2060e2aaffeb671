using System.Net;

namespace Sejahtera.Admin.Security;

/// <summary>
/// Error answers in Indonesian that say nothing of the request: problem details under /api, a
/// plain page elsewhere. Used for server errors (instead of the developer exception page, which
/// echoes request headers, cookies included) and for refused sign-in attempts.
/// </summary>
internal static class PlainErrorPage
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="id">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{WebUtility.HtmlEncode(title)} · Sejahtera</title><link rel="stylesheet" href="/css/site.css" /></head>
            <body><main><h1>{WebUtility.HtmlEncode(title)}</h1><p role="alert">{WebUtility.HtmlEncode(detail)}</p><p><a href="/">Kembali ke halaman utama</a></p></main></body>
            </html>
            """);
    }
}
