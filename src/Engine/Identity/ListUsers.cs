using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Identity;

/// <summary>
/// What narrows the list of accounts: a role, a kabupaten/kota named in the account's region scope
/// (<see cref="WholeProvince"/> for the accounts over the whole province), and a search (part of the name or the user name).
/// </summary>
public sealed record UserFilter(string? Role = null, string? Kabupaten = null, string? Search = null)
{
    /// <summary>The value of <see cref="Kabupaten"/> that asks for the accounts whose scope is the whole province ("*").</summary>
    public const string WholeProvince = "ntt";
}

/// <summary>An account as the list shows it, with its roles.</summary>
public sealed record UserListItem(string Id, string UserName, string DisplayName, string RegionScope, string? HomeCode, string? BidangCode, IReadOnlyList<string> Roles);

/// <summary>A page of accounts, or why the search text was not used.</summary>
public sealed record UserList(Paged<UserListItem> Users, string? SearchProblem = null);

/// <summary>The staff accounts, a page at a time, filtered, searched and sorted in the database (by user name by default).</summary>
public static class ListUsers
{
    /// <summary>The fewest characters of a search: a user name or a part of a name.</summary>
    public const int MinimumSearch = 2;

    private sealed record Row(string Id, string UserName, string DisplayName, string RegionScope, string? HomeCode, string? BidangCode);

    public static IReadOnlyList<string> SortNames { get; } = ["pengguna", "nama", "wilayah"];

    public static async Task<UserList> HandleAsync(SejahteraDbContext db, UserFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var users = db.Users.AsNoTracking();
        if (filter.Role?.Trim() is { Length: > 0 } role)
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        if (filter.Kabupaten?.Trim() is { Length: > 0 } kabupaten)
        {
            var wrapped = "," + kabupaten + ",";
            users = kabupaten == UserFilter.WholeProvince
                ? users.Where(u => u.RegionScope == "*")
                : users.Where(u => ("," + u.RegionScope + ",").Contains(wrapped));
        }

        string? problem = null;
        if (Listing.SearchText.Normalize(filter.Search) is { } q)
        {
            if (q.Length < MinimumSearch)
            {
                problem = $"Ketik sedikitnya {MinimumSearch} huruf nama atau nama pengguna.";
            }
            else
            {
                var lower = q.ToLowerInvariant();
                users = users.Where(u => u.UserName!.ToLower().Contains(lower) || u.DisplayName.ToLower().Contains(lower));
            }
        }

        // The user name is unique: it orders the list and breaks ties.
        var (key, descending) = Resolve(request);
        var total = await users.LongCountAsync(ct);
        IQueryable<AppUser> ordered = (key, descending) switch
        {
            ("nama", false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName),
            ("nama", true) => users.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.UserName),
            ("wilayah", false) => users.OrderBy(u => u.RegionScope).ThenBy(u => u.UserName),
            ("wilayah", true) => users.OrderByDescending(u => u.RegionScope).ThenByDescending(u => u.UserName),
            (_, true) => users.OrderByDescending(u => u.UserName),
            _ => users.OrderBy(u => u.UserName),
        };
        var rows = await ordered.Skip(request.Skip).Take(request.PageSize)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.RegionScope, u.HomeCode, u.BidangCode))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var items = rows.Select(r => new UserListItem(r.Id, r.UserName, r.DisplayName, r.RegionScope, r.HomeCode, r.BidangCode,
            roles.Where(x => x.UserId == r.Id).Select(x => x.Name!).Order(StringComparer.Ordinal).ToList())).ToList();
        return new UserList(new Paged<UserListItem>(items, request.Page, request.PageSize, total, key, descending), problem);
    }

    /// <summary>A known sort key (user name, name, region scope) and its direction, or the user name ascending.</summary>
    public static (string Key, bool Descending) Resolve(PageRequest request) =>
        request.Sort is { } sort && SortNames.FirstOrDefault(k => string.Equals(k, sort, StringComparison.OrdinalIgnoreCase)) is { } key
            ? (key, request.Descending)
            : ("pengguna", false);
}
