using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Sejahtera.Engine.Listing;

/// <summary>
/// Which page of a list, in which order: the page number (from 1), a sort key and its direction. A key the
/// list does not know is ignored (the list keeps its default order) rather than refused, so an old or edited
/// link still opens; <see cref="Paged{T}.Sort"/> says which order was applied.
/// </summary>
public sealed record PageRequest(int Page = 1, string? Sort = null, bool Descending = false, int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>From the query string: a page ("2"), a sort key with "-" in front for descending ("-dibuat"), a page size.</summary>
    public static PageRequest Parse(int? page, string? sort, int? pageSize = null)
    {
        sort = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim();
        var descending = sort is not null && sort.StartsWith('-');
        return new PageRequest(
            Math.Max(1, page ?? 1),
            descending ? sort![1..] : sort,
            descending,
            Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }

    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);
}

/// <summary>One page of a list, with the total count of the whole filtered list and the order applied.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, string Sort, bool Descending)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The position of the first row on this page, from 1 (0 when the list is empty).</summary>
    public long First => Items.Count == 0 ? 0 : ((long)(Page - 1) * PageSize) + 1;

    public long Last => Items.Count == 0 ? 0 : First + Items.Count - 1;

    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total, Sort, Descending);
}

/// <summary>
/// The sort keys a list accepts (a whitelist: a key from the query string never reaches the query unchecked),
/// the default one, and the id that breaks ties so that no row moves between pages when values repeat.
/// </summary>
public sealed class SortKeys<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Expression<Func<T, long>> id;
    private readonly string defaultKey;
    private readonly bool defaultDescending;

    public SortKeys(Expression<Func<T, long>> id, string defaultKey, bool defaultDescending = false)
    {
        this.id = id;
        this.defaultKey = defaultKey;
        this.defaultDescending = defaultDescending;
        keys[defaultKey] = (q, desc) => desc ? q.OrderByDescending(id) : q.OrderBy(id);
    }

    public IReadOnlyCollection<string> Names => keys.Keys;

    /// <summary>A sort key by one column; the id follows in the same direction.</summary>
    public SortKeys<T> Add<TKey>(string name, Expression<Func<T, TKey>> by)
    {
        keys[name] = (q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by);
        return this;
    }

    /// <summary>A sort key by two columns (such as desa, then ID DTKS).</summary>
    public SortKeys<T> Add<TKey1, TKey2>(string name, Expression<Func<T, TKey1>> by, Expression<Func<T, TKey2>> thenBy)
    {
        keys[name] = (q, desc) => desc ? q.OrderByDescending(by).ThenByDescending(thenBy) : q.OrderBy(by).ThenBy(thenBy);
        return this;
    }

    /// <summary>The known key the request names, or the default (with its default direction) for none or an unknown one.</summary>
    public (string Key, bool Descending) Resolve(PageRequest request) =>
        request.Sort is { } sort && keys.ContainsKey(sort)
            ? (keys.Keys.First(k => string.Equals(k, sort, StringComparison.OrdinalIgnoreCase)), request.Descending)
            : (defaultKey, defaultDescending);

    public IQueryable<T> Apply(IQueryable<T> query, string key, bool descending)
    {
        var ordered = keys[key](query, descending);
        return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
    }

    /// <summary>Counts the filtered query, then reads the requested page in the resolved order.</summary>
    public async Task<Paged<T>> PageAsync(IQueryable<T> query, PageRequest request, CancellationToken ct = default)
    {
        var (key, descending) = Resolve(request);
        var total = await query.LongCountAsync(ct);
        var items = await Apply(query, key, descending).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new Paged<T>(items, request.Page, request.PageSize, total, key, descending);
    }
}

/// <summary>What a typed search box means, decided once for every list.</summary>
public static class SearchText
{
    /// <summary>The fewest characters of a name, a group or a desa that are searched; fewer would match half the province.</summary>
    public const int MinimumLength = 3;

    public static string? Normalize(string? q) => string.IsNullOrWhiteSpace(q) ? null : string.Join(' ', q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>All digits: a NIK, a KK number or a prefix of one.</summary>
    public static bool IsNumber(string q) => q.Length > 0 && q.All(char.IsAsciiDigit);

    /// <summary>
    /// The spellings a name prefix is looked up in: as typed, in capitals and in title case (the registry holds names
    /// in either of the last two). Each is a range on an indexed column, so the search never scans the members table.
    /// </summary>
    public static IReadOnlyList<string> NameVariants(string q)
    {
        var upper = q.ToUpperInvariant();
        var title = Indonesian.Culture.TextInfo.ToTitleCase(q.ToLowerInvariant());
        return new[] { q, upper, title }.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (its last character raised by one).</summary>
    public static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
