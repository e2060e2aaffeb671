namespace Sejahtera.Engine.Registry;

/// <summary>
/// The structure of a NIK: 6 digits of the issuing region, DDMMYY birth date with DD + 40 for
/// women, and a 4-digit serial from 0001. There is no check digit, so structure is all we can test.
/// </summary>
internal static class Nik
{
    public enum Problem
    {
        None,
        NotSixteenDigits,
        BadDatePart,
        ZeroSerial,
    }

    public static Problem CheckStructure(ReadOnlySpan<char> nik)
    {
        if (nik.Length != 16)
        {
            return Problem.NotSixteenDigits;
        }

        foreach (var c in nik)
        {
            if (!char.IsAsciiDigit(c))
            {
                return Problem.NotSixteenDigits;
            }
        }

        if (!TryDecode(nik, out _, out _, out _, out _))
        {
            return Problem.BadDatePart;
        }

        return nik[12..] is "0000" ? Problem.ZeroSerial : Problem.None;
    }

    /// <summary>Decodes day, month, two-digit year and sex from a structurally valid NIK.</summary>
    public static bool TryDecode(ReadOnlySpan<char> nik, out int day, out int month, out int year2, out char sex)
    {
        var dd = Two(nik, 6);
        month = Two(nik, 8);
        year2 = Two(nik, 10);
        sex = dd > 40 ? 'P' : 'L';
        day = dd > 40 ? dd - 40 : dd;
        // Any year could match two centuries; February 29 must exist in one of them.
        return month is >= 1 and <= 12 && day >= 1
            && day <= Math.Max(DateTime.DaysInMonth(2000 + year2, month), DateTime.DaysInMonth(1900 + year2, month));
    }

    /// <summary>True when the NIK's date and sex encoding agree with the recorded ones.</summary>
    public static (bool BirthDateMatches, bool SexMatches) Agrees(ReadOnlySpan<char> nik, DateOnly birthDate, char sex)
    {
        _ = TryDecode(nik, out var day, out var month, out var year2, out var nikSex);
        return (day == birthDate.Day && month == birthDate.Month && year2 == birthDate.Year % 100, nikSex == sex);
    }

    /// <summary>Builds a NIK; used by the synthetic registry.</summary>
    public static string Compose(string kecamatanCode, DateOnly birthDate, char sex, int serial)
    {
        // kecamatanCode is dotted: 53.01.04
        var dd = birthDate.Day + (sex == 'P' ? 40 : 0);
        return string.Concat(
            kecamatanCode.AsSpan(0, 2), kecamatanCode.AsSpan(3, 2), kecamatanCode.AsSpan(6, 2),
            $"{dd:00}{birthDate.Month:00}{birthDate.Year % 100:00}{serial:0000}");
    }

    /// <summary>Shows the region part only: 5307xx********12 style masking for roles that need no NIK.</summary>
    public static string Mask(string nik) =>
        nik.Length == 16 ? string.Concat(nik.AsSpan(0, 4), "********", nik.AsSpan(12, 4)) : "****************";

    private static int Two(ReadOnlySpan<char> s, int at) => ((s[at] - '0') * 10) + (s[at + 1] - '0');
}
