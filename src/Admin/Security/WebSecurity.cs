using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Sejahtera.Admin.Security;

/// <summary>
/// The host's protections that are not about roles: security headers on every response, the plain
/// error page, client addresses and HTTPS as seen through a reverse proxy, and the per-address rate
/// limit of sign-in. README "Security" describes them for operators.
/// </summary>
internal static class WebSecurity
{
    /// <summary>Pages and the API: local scripts and styles only, no framing, no plugins, forms only to this site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A proposal's document shown in the browser (an image or a PDF opened inline): nothing but the
    /// document itself, which the browser's PDF viewer shows as an embedded object. A route marks its
    /// response with <see cref="MarkInlineDocument"/>.
    /// </summary>
    public const string InlineDocumentContentSecurityPolicy =
        "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly object InlineDocumentKey = new();

    /// <summary>
    /// The workflow page whose diagram Mermaid draws in the browser: Mermaid styles the picture it draws with a
    /// style element and style attributes, so this page allows inline styles; its scripts are still local files.
    /// </summary>
    public const string DiagramContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly object DiagramPageKey = new();

    /// <summary>Gives this response the policy of a page with a Mermaid diagram.</summary>
    public static void MarkDiagramPage(HttpContext context) => context.Items[DiagramPageKey] = true;

    /// <summary>Gives this response the policy of an inline document instead of a page's.</summary>
    public static void MarkInlineDocument(HttpContext context) => context.Items[InlineDocumentKey] = true;

    /// <summary>The Hangfire dashboard (admins only) colours its cards with inline style attributes; its scripts are still local files.</summary>
    private const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInProtectionOptions>(configuration.GetSection(SignInProtectionOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInGuard>();

        // HTTPS is terminated by a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed
        // only from the proxies listed here (loopback by default), so a client cannot pick its own
        // address to escape the rate limit.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        var limits = configuration.GetSection(SignInProtectionOptions.Section).Get<SignInProtectionOptions>() ?? new SignInProtectionOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<SignInEndpointAttribute>() is not null
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "sign-in " + (context.Connection.RemoteIpAddress?.ToString() ?? ""),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitsPerAddress, Window = limits.AddressWindow, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.AddressWindow;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                return new ValueTask(PlainErrorPage.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Terlalu banyak percobaan masuk",
                    $"Terlalu banyak percobaan masuk dari alamat Anda. Coba lagi dalam {minutes} menit."));
            };
        });
        return services;
    }

    /// <summary>The first middleware of the pipeline: proxy headers, headers on every response, the plain error page.</summary>
    public static void UseWebSecurity(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => PlainErrorPage.WriteAsync(context, StatusCodes.Status500InternalServerError,
                "Terjadi kesalahan",
                "Terjadi kesalahan di server dan permintaan Anda tidak selesai. Coba lagi; bila terulang, hubungi admin Dinas Sosial."),
        });
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            // Decided now: a mapped branch (the Hangfire dashboard) moves its prefix into PathBase.
            var policy = context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
                ? DashboardContentSecurityPolicy
                : ContentSecurityPolicy;
            context.Response.OnStarting(() =>
            {
                SetHeaders(context,
                    context.Items.ContainsKey(InlineDocumentKey) ? InlineDocumentContentSecurityPolicy
                    : context.Items.ContainsKey(DiagramPageKey) ? DiagramContentSecurityPolicy
                    : policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void SetHeaders(HttpContext context, string contentSecurityPolicy)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }
}
