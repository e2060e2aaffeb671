using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Engine.Tests.Pkh;

/// <summary>Users, a DTKS period and a clock for the PKH tests.</summary>
internal static class PkhTestData
{
    public static readonly string[] Coordinator = ["koordinator-pkh"];

    /// <summary>Monday 2 March 2026, 09:00 WITA.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Users with their role and region: two pendamping of Sikka, one of Ende, and a verifier (not a pendamping).</summary>
    public static async Task UsersAsync(SejahteraDbContext ctx)
    {
        var roles = new Dictionary<string, IdentityRole>();
        foreach (var (name, role, scope) in new[]
                 {
                     ("pendamping.sikka", "pendamping", "53.07"), ("pendamping.sikka2", "pendamping", "53.07"), ("pendamping.ende", "pendamping", "53.08"),
                     ("verifikator.sikka", "verifier", "53.07"),
                 })
        {
            if (!roles.TryGetValue(role, out var identityRole))
            {
                identityRole = roles[role] = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
                ctx.Roles.Add(identityRole);
            }

            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionScope = scope };
            ctx.Users.Add(user);
            ctx.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = identityRole.Id });
        }

        await ctx.SaveChangesAsync();
    }

    /// <summary>A DTKS period with one household of KK <paramref name="kk"/>, desil <paramref name="desil"/>.</summary>
    public static async Task<long> HouseholdAsync(SejahteraDbContext ctx, string kk, int desil, string period = "2025-10")
    {
        var snapshot = ctx.Snapshots.Local.FirstOrDefault(s => s.Period == period);
        if (snapshot is null)
        {
            snapshot = new DtksSnapshot { Period = period, SourceFileName = "dtks.csv", SourceSha256 = new string('0', 64) };
            ctx.Snapshots.Add(snapshot);
            await ctx.SaveChangesAsync();
        }

        var household = new Household
        {
            SnapshotId = snapshot.Id, IdDtks = "DTKS-" + kk[^6..], RegionCode = "53.07.01.2001", KabupatenCode = "53.07", NoKk = kk, Desil = desil, MemberCount = 4,
        };
        ctx.Households.Add(household);
        await ctx.SaveChangesAsync();
        return household.Id;
    }
}
