using Sejahtera.Engine.Indicators;
using Xunit;

namespace Sejahtera.Engine.Tests.Indicators;

public sealed class IndicatorRatioTests
{
    /// <summary>Realization, target and the ratio printed in Tabel T-C.23 of the Renstra (2019–2020).</summary>
    public static TheoryData<decimal, decimal, int> PrintedPairs => new()
    {
        { 44, 75, 59 }, { 120, 500, 24 }, { 33, 176, 19 }, { 12, 12, 100 }, { 325, 650, 50 }, { 537, 569, 94 }, { 506, 569, 89 },
        { 176, 105, 168 }, { 342, 105, 326 }, { 56, 25, 224 }, { 4, 100, 4 }, { 1, 20, 5 }, { 49, 20, 245 }, { 60, 50, 120 },
        { 20, 40, 50 }, { 80, 70, 114 }, { 766, 50, 1532 }, { 490, 1701, 29 }, { 7968, 100, 7968 }, { 2304, 50, 4608 },
    };

    [Theory]
    [MemberData(nameof(PrintedPairs))]
    public void The_ratio_is_realization_over_target_times_100_rounded_as_the_office_prints_it(decimal realization, decimal target, int printed) =>
        Assert.Equal(printed, IndicatorRatio.Of(realization, target));

    [Fact]
    public void A_ratio_exactly_halfway_rounds_up()
    {
        Assert.Equal(13, IndicatorRatio.Of(1, 8));    // 12.5
        Assert.Equal(63, IndicatorRatio.Of(5, 8));    // 62.5
    }

    [Fact]
    public void A_dash_target_or_no_realization_gives_no_ratio_never_zero()
    {
        Assert.Null(IndicatorRatio.Of(44, null));
        Assert.Null(IndicatorRatio.Of(null, 75));
        Assert.Null(IndicatorRatio.Of(10, 0));
        Assert.Equal(0, IndicatorRatio.Of(0, 75));
    }
}
