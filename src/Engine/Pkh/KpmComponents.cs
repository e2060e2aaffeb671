using Sejahtera.Engine.Registry;

namespace Sejahtera.Engine.Pkh;

/// <summary>
/// A household's PKH components as its DTKS members show them on a date (ibu hamil, anak usia dini not
/// yet in school, SD/SMP/SMA pupils up to 21, lansia from 60, disabilitas berat), and the caretaker
/// (pengurus) a KPM is registered under: the wife, else a female head, else the head. Used where KPM
/// are made from the registry rather than read from the PKH file (demo data, benchmarks).
/// </summary>
public sealed record KpmComponents(int Pregnant, int YoungChildren, int Sd, int Smp, int Sma, int Elderly, int SevereDisability, Member Caretaker)
{
    public static KpmComponents Of(IReadOnlyList<Member> people, DateOnly on)
    {
        int Age(Member m) => on.Year - m.BirthDate.Year - (on < m.BirthDate.AddYears(on.Year - m.BirthDate.Year) ? 1 : 0);
        int Pupils(int level) => people.Count(m => m.School == level && Age(m) <= 21);
        var caretaker = people.FirstOrDefault(m => m.Relation == 2 && m.Sex == 'P')
            ?? people.FirstOrDefault(m => m.Relation == 1 && m.Sex == 'P')
            ?? people.FirstOrDefault(m => m.Relation == 1)
            ?? people[0];
        return new KpmComponents(people.Count(m => m.Pregnant), people.Count(m => Age(m) <= 6 && m.School == 0), Pupils(1), Pupils(2), Pupils(3),
            people.Count(m => Age(m) >= 60), people.Count(m => m.Disability == 2), caretaker);
    }

    public int SchoolChildren => Sd + Smp + Sma;
}
