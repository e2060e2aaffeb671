namespace Sejahtera.Engine.Registry.Import;

/// <summary>
/// Which households each NIK of the file appears in, kept as numbers (a NIK is 16 digits and fits
/// a long) so a whole province fits in memory. Finds data ganda while the file streams, instead of
/// a self-join over millions of rows afterwards.
/// </summary>
internal sealed class NikIndex
{
    private readonly Dictionary<long, long> firstHousehold = new(1 << 20);
    private readonly Dictionary<long, List<long>> severalHouseholds = [];

    public IReadOnlyCollection<long> InSeveralHouseholds => severalHouseholds.Keys;

    /// <summary>Every (NIK, household) of the NIKs seen in more than one household: the member rows flagged data ganda.</summary>
    public IEnumerable<(long Nik, long HouseholdId)> DuplicatedMembers()
    {
        foreach (var (nik, others) in severalHouseholds)
        {
            yield return (nik, firstHousehold[nik]);
            foreach (var household in others)
            {
                yield return (nik, household);
            }
        }
    }

    /// <summary>Records the NIK for a household; false if that household already has it.</summary>
    public bool Add(string nik, long householdId)
    {
        var key = long.Parse(nik, System.Globalization.CultureInfo.InvariantCulture);
        if (firstHousehold.TryAdd(key, householdId))
        {
            return true;
        }

        var first = firstHousehold[key];
        if (first == householdId)
        {
            return false;
        }

        if (!severalHouseholds.TryGetValue(key, out var others))
        {
            severalHouseholds.Add(key, [householdId]);
            return true;
        }

        if (others.Contains(householdId))
        {
            return false;
        }

        others.Add(householdId);
        return true;
    }
}
