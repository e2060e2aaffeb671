using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Security;

/// <summary>
/// The one authorization policy of pages, API and CLI: every <see cref="Permission"/> is an ASP.NET
/// Core policy of the same name, decided by <see cref="Access"/>'s table. Inside a workflow the
/// definition's roles decide, through the case service.
/// </summary>
internal static class Authorization
{
    public static IServiceCollection AddPermissions(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                options.AddPolicy(permission.ToString(), policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiRefusals>();
        return services;
    }

    /// <summary>Whether this user holds the permission (pages use it to show or hide an action).</summary>
    public static bool May(this ClaimsPrincipal user, Permission permission) => Access.Allows(user.RoleNames(), permission);

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(permission.ToString());

    internal sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

    private sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
        {
            if (context.User.May(requirement.Permission))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>An API call refused by a permission answers 403 problem details saying which permission and who holds it.</summary>
    private sealed class ApiRefusals : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler standard = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && context.Request.Path.StartsWithSegments("/api")
                && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault() is { } failed)
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tidak berwenang", detail: Access.Refusal(failed.Permission))
                    .ExecuteAsync(context);
                return;
            }

            await standard.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
