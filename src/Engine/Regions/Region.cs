namespace Sejahtera.Engine.Regions;

public enum RegionLevel
{
    Provinsi = 1,
    KabupatenKota = 2,
    Kecamatan = 3,
    DesaKelurahan = 4,
}

/// <summary>An official region (Kepmendagri code), keyed by its dotted code.</summary>
public sealed class Region
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public RegionLevel Level { get; init; }
    public string? ParentCode { get; init; }
}
