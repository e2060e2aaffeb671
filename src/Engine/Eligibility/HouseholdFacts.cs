using Sejahtera.Engine.Registry;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// Registry rows to the fact vocabulary of the rules. Members come in one order wherever a household
/// is decided (head first, then by relation, then as the file listed them), so a sentence naming
/// members reads the same on the household page, in a screening and in a dry run.
/// </summary>
internal static class HouseholdFacts
{
    public static Fact.Household From(Household household, IEnumerable<Member> members) => new()
    {
        Id = household.IdDtks,
        RegionCode = household.RegionCode,
        KabupatenCode = household.KabupatenCode,
        Desil = household.Desil,
        Members = members.OrderBy(m => m.Relation).ThenBy(m => m.LineNumber).Select(Person).ToList(),
    };

    public static Fact.Person Person(Member m) => new()
    {
        Nik = m.Nik,
        Name = m.Name,
        Sex = m.Sex.ToString(),
        BirthDate = m.BirthDate,
        Relation = m.Relation,
        MaritalStatus = m.MaritalStatus,
        Disability = m.Disability,
        School = m.School,
        Pregnant = m.Pregnant,
        Occupation = m.Occupation,
        Pkh = m.Pkh,
        Bpnt = m.Bpnt,
        Pbi = m.Pbi,
        // The registry has no income column; a working occupation stands for an income of one's own.
        HasIncome = m.Occupation is >= 1 and <= 7,
        DataGanda = m.Flags.HasFlag(MemberFlags.DataGanda),
        NikSuspect = (m.Flags & (MemberFlags.NikTanggalLahirTidakCocok | MemberFlags.NikJenisKelaminTidakCocok)) != 0,
    };
}
