using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// The bank account a proposal names, checked where it is entered (the form, the correction) and
/// again before a payment is made: the number, the holder, and the characters the bank's file allows.
/// </summary>
public static class AccountCheck
{
    /// <summary>Account number 8–20 digits; holder must be the group, its chair or its treasurer, tolerant of case, punctuation and a typo or two.</summary>
    public static string? Problem(Proposal p) => Problem(p.BankAccount, p.AccountHolder, p.GroupName, p.ChairName, p.TreasurerName);

    /// <summary>The same check on the fields as typed into the form, before there is a proposal.</summary>
    public static string? Problem(string account, string accountHolder, string groupName, string chairName, string treasurerName)
    {
        account = account.Trim();
        if (account.Length is < 8 or > 20 || !account.All(char.IsAsciiDigit))
        {
            return "nomor rekening harus 8–20 digit angka";
        }

        foreach (var (field, value) in new[] { ("pemilik rekening", accountHolder), ("nama kelompok", groupName) })
        {
            if (SafeText.Problem(value) is { } problem)
            {
                return $"{field} {problem}";
            }
        }

        var holder = Normalize(accountHolder);
        return new[] { groupName, chairName, treasurerName }.Any(name => Close(holder, Normalize(name)))
            ? null
            : $"pemilik rekening '{accountHolder.Trim()}' bukan kelompok, ketua, atau bendahara";
    }

    private static string Normalize(string name) =>
        string.Join(' ', new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool Close(string a, string b) => a.Length > 0 && b.Length > 0 && Distance(a, b) <= Math.Max(1, Math.Min(a.Length, b.Length) / 8);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
