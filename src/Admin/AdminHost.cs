using Microsoft.AspNetCore.Identity;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Admin.Startup;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin;

internal static class AdminHost
{
    /// <summary>Sign-in, pages and API of the host.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = false;
                // Failed sign-ins lock a user name only for the address they came from (SignInThrottle),
                // never the account itself, so Identity's own per-account lockout is not used.
            })
            .AddEntityFrameworkStores<SejahteraDbContext>()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/masuk";
            o.LogoutPath = "/keluar";
            o.AccessDeniedPath = "/masuk";
            o.Cookie.Name = "sejahtera";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, also when a reverse proxy terminates TLS and says
            // so in X-Forwarded-Proto (WebSecurity); plain HTTP is only for http://localhost.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
        });
        // The security stamp in the cookie is compared with the user's current one on every request
        // (from memory, see SessionStamps), so a sign-out ends every copy of the session at once.
        services.AddSingleton<SessionStamps>();
        services.AddPermissions();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Masuk");
        });
        services.AddWebSecurity(configuration);
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddApiReference();
        services.AddScoped<StartupTasks>();
        services.AddSingleton<DemoWorkflowProposals>();
        services.AddSingleton<DemoTerminationCases>();
        services.AddSingleton<DemoGraduationCases>();
        services.AddSingleton<DemoIndicatorValues>();
        services.AddSingleton<RuleRunGate>();
        return services;
    }

    /// <summary>Migrations, reference data and, in demo mode, demo users and a demo registry.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupTasks>().RunAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapAdmin(this WebApplication app)
    {
        // Also in Development: the developer exception page echoes request headers, cookies included.
        app.UseWebSecurity();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapApiReference();
        app.MapRazorPages();
        app.MapRegistryApi();
        app.MapEligibilityApi();
        app.MapScreeningApi();
        app.MapQuotaApi();
        app.MapProposalApi();
        app.MapWorkflowApi();
        app.MapDisbursementApi();
        app.MapDecreeApi();
        app.MapPantiTerminationApi();
        app.MapPantiApi();
        app.MapPkhApi();
        app.MapPkhGraduationApi();
        app.MapIndicatorApi();
        app.MapAdministrationApi();
        return app;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
