namespace Sejahtera.Engine.Identity;

/// <summary>
/// The kabupaten/kota a user may see and act in: a set of codes such as 53.07, or all of NTT.
/// Stored on the user as "53.07,53.08" or "*".
/// </summary>
public sealed class RegionScope
{
    public static readonly RegionScope All = new(null);

    private readonly HashSet<string>? codes;

    private RegionScope(HashSet<string>? codes) => this.codes = codes;

    public bool IsAll => codes is null;

    public IReadOnlyCollection<string> Codes => codes ?? [];

    public static RegionScope Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*")
        {
            return string.IsNullOrWhiteSpace(text) ? new RegionScope([]) : All;
        }

        return new RegionScope(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal));
    }

    public bool Allows(string kabupatenCode) => codes is null || codes.Contains(kabupatenCode);

    public IQueryable<Registry.Household> Filter(IQueryable<Registry.Household> households)
    {
        if (codes is null)
        {
            return households;
        }

        var list = codes.ToList();
        return households.Where(h => list.Contains(h.KabupatenCode));
    }

    public override string ToString() => codes is null ? "*" : string.Join(',', codes.Order(StringComparer.Ordinal));
}
