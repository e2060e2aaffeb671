namespace Sejahtera.Engine.Files;

/// <summary>
/// The characters a name or free text may carry when it will end up in a file another system reads
/// (the bank's transfer file above all): no line breaks or other control characters, no double
/// quote, and no spreadsheet formula character (<c>= + - @</c>) at the start. Names never need them,
/// and each one is a way to add a record or a formula to a file nobody approved.
/// </summary>
public static class SafeText
{
    private const string FormulaStarts = "=+-@";

    /// <summary>Why <paramref name="value"/> cannot go into such a file, in Indonesian; null when it can.</summary>
    public static string? Problem(string value)
    {
        if (value.Any(char.IsControl))
        {
            return "berisi baris baru atau karakter kendali";
        }

        if (value.Contains('"', StringComparison.Ordinal))
        {
            return "berisi tanda kutip ganda (\")";
        }

        return value.TrimStart().Length > 0 && FormulaStarts.Contains(value.TrimStart()[0], StringComparison.Ordinal)
            ? "diawali tanda = + - atau @"
            : null;
    }
}
