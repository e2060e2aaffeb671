using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Tests.Regions;

public sealed class RegionCatalogTests
{
    [Fact]
    public void The_shipped_table_holds_the_official_NTT_regions()
    {
        var all = RegionCatalog.Ntt.All;

        Assert.Equal(3_746, all.Count);
        Assert.Equal(22, RegionCatalog.Ntt.Kabupaten.Count);
        Assert.Equal(3_409, all.Count(r => r.Level == RegionLevel.DesaKelurahan));
        Assert.Equal("Kabupaten Sikka", RegionCatalog.Ntt.Find("53.07")!.Name);
    }

    [Theory]
    [InlineData("5307012001", "53.07.01.2001")]
    [InlineData("53.07.01.2001", "53.07.01.2001")]
    [InlineData("53-07-01-2001", null)]
    [InlineData("530701200", null)]
    public void Desa_codes_are_accepted_with_or_without_dots(string raw, string? normalized)
    {
        Assert.Equal(normalized, RegionCatalog.NormalizeDesaCode(raw));
    }

    [Fact]
    public void A_kecamatan_whose_row_is_missing_from_the_table_is_still_known_through_its_desa()
    {
        Assert.Null(RegionCatalog.Ntt.Find("53.02.10"));
        Assert.True(RegionCatalog.Ntt.IsKecamatan("53.02.10"));
        Assert.True(RegionCatalog.Ntt.IsKecamatan("53.07.01"));
        Assert.False(RegionCatalog.Ntt.IsKecamatan("53.07.99"));
    }
}
