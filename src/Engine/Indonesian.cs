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

    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>Januari … Desember.</summary>
    public static string MonthName(int month) => Months[month - 1];

    /// <summary>Oktober 2026</summary>
    public static string MonthYear(int year, int month) => $"{Months[month - 1]} {year}";

    /// <summary>A decimal as a person reads it: 1.234 or 12,5.</summary>
    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "N0" : "N1", Culture);
}
