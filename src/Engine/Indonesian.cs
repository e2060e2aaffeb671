using System.Globalization;

namespace Sejahtera.Engine;

/// <summary>How numbers, money and dates are shown to people: Indonesian conventions, whatever the server's culture.</summary>
public static class Indonesian
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>1.234.567</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>Rp 10.000.000</summary>
    public static string Money(decimal value) => "Rp " + value.ToString("N0", Culture);

    /// <summary>dd/MM/yyyy</summary>
    public static string Date(DateOnly value) => value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset value) => value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
