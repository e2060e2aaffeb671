namespace Sejahtera.Engine.Identity;

/// <summary>
/// The kabupaten/kota a user may see and act in: a set of codes such as 53.07, or all of NTT.
/// Stored on the user as "53.07,53.08" or "*". UPT staff are also bound to their home
/// (<see cref="Home"/>): they see only that home's residents and cases.
/// </summary>
public sealed class RegionScope
{
    public static readonly RegionScope All = new(null);

    private readonly HashSet<string>? codes;

    private RegionScope(HashSet<string>? codes, string? home = null, IReadOnlySet<string>? desa = null)
    {
        this.codes = codes;
        Home = home;
        Desa = desa;
    }

    public bool IsAll => codes is null;

    /// <summary>The one home (panti) this user works for, or null when the user is not bound to a home.</summary>
    public string? Home { get; }

    /// <summary>The desa a PKH pendamping serves, or null when the user is not bound to desa.</summary>
    public IReadOnlySet<string>? Desa { get; }

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

    /// <summary>The same region, bound to one home (UPT staff); a blank home leaves it unbound.</summary>
    public RegionScope ForHome(string? homeCode) =>
        string.IsNullOrWhiteSpace(homeCode) ? this : new RegionScope(codes, homeCode.Trim(), Desa);

    /// <summary>The same region, bound to the desa a pendamping serves ("53.07.01.2001,…"); blank leaves it unbound.</summary>
    public RegionScope ForDesa(string? desaCodes) =>
        string.IsNullOrWhiteSpace(desaCodes)
            ? this
            : new RegionScope(codes, Home, desaCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));

    public bool Allows(string kabupatenCode) => codes is null || codes.Contains(kabupatenCode);

    /// <summary>
    /// Whether a record of the kabupaten/kota, home and desa may be seen: in the region; for a user
    /// bound to a home, only that home's (a record of no home, such as a KUBE proposal, is not theirs);
    /// for a user bound to desa, a record of a desa only when it is one of theirs.
    /// </summary>
    public bool Allows(string kabupatenCode, string? homeCode, string? desaCode = null) =>
        Allows(kabupatenCode) && (Home is null || Home == homeCode) && (Desa is null || desaCode is null || Desa.Contains(desaCode));

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
