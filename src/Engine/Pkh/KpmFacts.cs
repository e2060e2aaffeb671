using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Pkh;

/// <summary>A KPM as the PKH rule sets (<c>pkh-graduasi</c>, <c>pkh-bantuan</c>) see it.</summary>
public static class KpmFacts
{
    /// <summary>
    /// The family on <paramref name="asOf"/>; the assessment's findings (economy improved, exit
    /// statement signed, village deliberation) come from a graduation case when there is one.
    /// </summary>
    public static Fact.PkhFamily Family(Kpm k, DateOnly asOf, GraduationCase? assessment = null) => new()
    {
        Id = $"KPM-{k.KpmCode}",
        YearsInProgram = Math.Max(0, asOf.Year - k.YearOfEntry),
        PregnantWomen = k.PregnantWomen,
        YoungChildren = k.YoungChildren,
        SchoolChildren = k.SdChildren + k.SmpChildren + k.SmaChildren,
        SdChildren = k.SdChildren,
        SmpChildren = k.SmpChildren,
        SmaChildren = k.SmaChildren,
        Elderly = k.Elderly,
        SevereDisability = k.SevereDisability,
        CommitmentWarnings = k.CommitmentWarnings,
        P2k2Attendance = k.P2k2Attendance,
        SchoolAttendance = k.SchoolAttendance,
        VillageDeclaredMampu = assessment?.VillageDeclaredMampu ?? false,
        EconomyImproved = assessment?.EconomyImproved ?? false,
        SignedExitStatement = assessment?.SignedExitStatement ?? false,
        Desil = k.Desil ?? 0,
    };
}
