using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Security;

/// <summary>
/// Checks on every request that the cookie's security stamp is the user's current one, without a
/// database query per request and without re-issuing the cookie: the current stamps are kept in
/// memory, loaded at most once a minute per user, and replaced at once when this host signs a user
/// out. A cookie saved before a sign-out is therefore refused from the next request on; on another
/// instance of the host, within a minute.
/// </summary>
public sealed class SessionStamps(TimeProvider time, IOptions<IdentityOptions> identity)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset LoadedAt)> current = new(StringComparer.Ordinal);

    /// <summary>The cookie's <c>OnValidatePrincipal</c>: a principal whose stamp is not current is signed out.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stamps = services.GetRequiredService<SessionStamps>();
        if (context.Principal is null || !await stamps.IsCurrentAsync(context.Principal, services.GetRequiredService<UserManager<AppUser>>()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>The user's stamp changed here (sign-out): cookies carrying the old one stop working now.</summary>
    public void Changed(string userId, string stamp) => current[userId] = (stamp, time.GetUtcNow());

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var userId = users.GetUserId(principal);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!current.TryGetValue(userId, out var known) || now - known.LoadedAt > Freshness)
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return false;
            }

            known = (await users.GetSecurityStampAsync(user), now);
            current[userId] = known;
        }

        return known.Stamp == stamp;
    }
}
