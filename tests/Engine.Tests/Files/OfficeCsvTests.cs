using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Tests.Files;

public sealed class OfficeCsvTests
{
    private static string Write(Action<OfficeCsv> record, params string[] header)
    {
        using var text = new StringWriter();
        using (var csv = OfficeCsv.Create(text, header.Length == 0 ? ["a"] : header))
        {
            record(csv);
            csv.EndRecord();
        }

        return text.ToString().Split('\n', 2)[1];
    }

    [Theory]
    [InlineData("=1+2", "\"'=1+2\"\n")]
    [InlineData("+HYPERLINK(\"x\")", "\"'+HYPERLINK(\"\"x\"\")\"\n")]
    [InlineData("-2+3", "\"'-2+3\"\n")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"\n")]
    [InlineData("\t=1", "\"'\t=1\"\n")]
    [InlineData("\r=1", "\"'\r=1\"\n")]
    public void A_text_cell_that_starts_like_a_formula_gets_a_single_quote_in_front_and_is_quoted(string value, string written) =>
        Assert.Equal(written, Write(csv => csv.Text(value)));

    [Fact]
    public void Numbers_stay_numbers_and_other_text_is_only_quoted() =>
        Assert.Equal("-5,\"Maria Goreti Bria\",\"\",\"a = b\"\n", Write(csv => csv.Number(-5).Text("Maria Goreti Bria").Text(null).Text("a = b"), "a", "b", "c", "d"));
}
