using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Admin.Security;

/// <summary>Puts the user's region scope into the sign-in cookie so no request needs to look it up.</summary>
internal sealed class ScopeClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string RegionScopeClaim = "sejahtera:region_scope";
    public const string DisplayNameClaim = "sejahtera:display_name";
    public const string HomeClaim = "sejahtera:home";
    public const string DesaClaim = "sejahtera:desa";
    public const string BidangClaim = "sejahtera:bidang";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(RegionScopeClaim, user.RegionScope));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.HomeCode is { } home)
        {
            identity.AddClaim(new Claim(HomeClaim, home));
        }

        if (user.DesaCodes is { } desa)
        {
            identity.AddClaim(new Claim(DesaClaim, desa));
        }

        if (user.BidangCode is { } bidang)
        {
            identity.AddClaim(new Claim(BidangClaim, bidang));
        }

        return identity;
    }
}

internal static class UserContext
{
    public static RegionScope Scope(this ClaimsPrincipal user) =>
        RegionScope.Parse(user.FindFirstValue(ScopeClaimsFactory.RegionScopeClaim)).ForHome(user.FindFirstValue(ScopeClaimsFactory.HomeClaim))
            .ForDesa(user.FindFirstValue(ScopeClaimsFactory.DesaClaim));

    /// <summary>The bidang whose indicators this user enters or verifies, or null.</summary>
    public static string? BidangCode(this ClaimsPrincipal user) => user.FindFirstValue(ScopeClaimsFactory.BidangClaim);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ScopeClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";

    /// <summary>The application roles this user holds.</summary>
    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal user) => Roles.All.Where(user.IsInRole).ToList();

    public static bool SeesFullNik(this ClaimsPrincipal user) => user.May(Permission.SeeFullNik);

    /// <summary>The NIK as this user may see it.</summary>
    public static string ShowNik(this ClaimsPrincipal user, string nik) => user.SeesFullNik() ? nik : Nik.Mask(nik);
}
