using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// The bank account a proposal names, checked where it is entered (the form, the correction) and
/// again before a payment is made: the number, the holder, and the characters the bank's file allows.
/// </summary>
public static class AccountCheck
{
    /// <summary>
    /// Account number 8–20 digits; the holder must be someone the case may pay, tolerant of case,
    /// punctuation and a typo or two: for KUBE the group, its chair or its treasurer; for a panti
    /// termination the resident (<see cref="Proposal.GroupName"/>) or the guardian receiving them (<see cref="Proposal.ChairName"/>).
    /// </summary>
    public static string? Problem(Proposal p) => p.Program != Cases.CasePrograms.PantiTermination
        ? Problem(p.BankAccount, p.AccountHolder, p.GroupName, p.ChairName, p.TreasurerName)
        : Problem(p.BankAccount, p.AccountHolder, [p.GroupName, p.ChairName], "nama klien", "klien atau wali penerimanya");

    /// <summary>The termination form's check: the account must be held by the payee chosen, the resident (<c>klien</c>) or the guardian (<c>wali</c>).</summary>
    public static string? ForPayee(string account, string accountHolder, string payee, string residentName, string guardianName) => payee == "klien"
        ? Problem(account, accountHolder, [residentName], "nama klien", "klien")
        : Problem(account, accountHolder, [guardianName], "keluarga/wali penerima", "wali penerima");

    /// <summary>The KUBE check on the fields as typed into the form, before there is a proposal.</summary>
    public static string? Problem(string account, string accountHolder, string groupName, string chairName, string treasurerName) =>
        Problem(account, accountHolder, [groupName, chairName, treasurerName], "nama kelompok", "kelompok, ketua, atau bendahara");

    /// <summary>
    /// The check on the fields as typed: <paramref name="holders"/> are the names the account may be held by, described by
    /// <paramref name="holdersText"/>; the first is the name the payment's description carries, called <paramref name="nameField"/>.
    /// </summary>
    public static string? Problem(string account, string accountHolder, IReadOnlyList<string> holders, string nameField, string holdersText)
    {
        account = account.Trim();
        if (account.Length is < 8 or > 20 || !account.All(char.IsAsciiDigit))
        {
            return "nomor rekening harus 8–20 digit angka";
        }

        foreach (var (field, value) in new[] { ("pemilik rekening", accountHolder), (nameField, holders[0]) })
        {
            if (SafeText.Problem(value) is { } problem)
            {
                return $"{field} {problem}";
            }
        }

        var holder = Normalize(accountHolder);
        return holders.Any(name => Close(holder, Normalize(name)))
            ? null
            : $"pemilik rekening '{accountHolder.Trim()}' bukan {holdersText}";
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
