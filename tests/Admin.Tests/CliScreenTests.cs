using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliScreenTests : CliFolder
{
    [Fact]
    public async Task Screen_decides_every_household_of_a_period_and_ends_with_a_JSON_summary()
    {
        Assert.Equal(0, (await Cli.RunAsync("dtks", "generate", "--households", "2000", "--seed", "9", "--out", PathOf("dtks.csv"))).ExitCode);
        var imported = await Cli.RunAsync("dtks", "import", PathOf("dtks.csv"));
        var households = imported.Json.GetProperty("households").GetInt64();

        var all = await Cli.RunAsync("screen", "--period", "2020-10", "--program", "all", "--as-of", "2024-05-01");
        var sikka = await Cli.RunAsync("screen", "--period", "2020-10", "--program", "bansos-sembako", "--as-of", "2024-05-01", "--kabupaten", "53.07");
        var unknownPeriod = await Cli.RunAsync("screen", "--period", "2019-01", "--as-of", "2024-05-01");
        var audit = await Cli.RunAsync("audit", "verify");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(households, all.Json.GetProperty("households").GetInt64());
        Assert.Equal(households * 3, all.Json.GetProperty("decisions").GetInt64());
        Assert.True(all.Json.GetProperty("seconds").GetDouble() > 0);
        var sembako = all.Json.GetProperty("outcomes").GetProperty("bansos-sembako");
        Assert.Equal(households, sembako.EnumerateObject().Sum(o => o.Value.GetInt64()));
        Assert.Equal(0, sikka.ExitCode);
        Assert.True(sikka.Json.GetProperty("households").GetInt64() is > 0 and < 2000);
        Assert.Equal(2, unknownPeriod.ExitCode);
        Assert.Contains("belum diimpor", unknownPeriod.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, audit.ExitCode);
        Assert.True(audit.Json.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Screen_quota_set_enters_a_quota_as_cli_and_refuses_a_negative_quota_or_an_unknown_kabupaten_with_nothing_changed()
    {
        var set = await Cli.RunAsync("screen", "quota", "set", "--program", "bansos-sembako", "--kabupaten", "53.07", "--quota", "1200");
        var negative = await Cli.RunAsync("screen", "quota", "set", "--program", "bansos-sembako", "--kabupaten", "53.07", "--quota", "-1");
        var unknown = await Cli.RunAsync("screen", "quota", "set", "--program", "bansos-sembako", "--kabupaten", "53.99", "--quota", "5");
        var audit = await Cli.RunAsync("audit", "verify");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(1200, set.Json.GetProperty("quota").GetInt32());
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("kuota tidak boleh negatif", negative.Stderr, StringComparison.Ordinal);
        Assert.False(negative.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("tidak dikenal", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, audit.ExitCode);
        Assert.True(audit.Json.GetProperty("intact").GetBoolean());
    }
}
