using System.Globalization;

namespace Sejahtera.Bench;

/// <summary>Progress and notes go to stderr, so stdout stays the table plus the final JSON line.</summary>
internal static class BenchLog
{
    public static void Write(FormattableString message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message.ToString(CultureInfo.InvariantCulture)}"));
}
