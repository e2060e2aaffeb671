using Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>What a hand-written rule set decides: the outcome, and the amount when there is one.</summary>
internal readonly record struct LimitDecision(string Outcome, decimal? Amount)
{
    public static readonly LimitDecision TidakLayak = new("tidak-layak", null);
}

/// <summary>
/// The <c>limit-csharp</c> peer: the criteria and outcomes of the three household rule sets
/// (src/Rules/Defaults/bansos-*.yaml) written by hand in plain C#, with the parameter values in force
/// on 2024-05-01 as constants (before DTSEN: desil 1–4, no quota desil). Plain loops rather than LINQ,
/// because this is the ceiling a rules engine can be compared with, not a second implementation to
/// maintain. Every criterion is evaluated (no short-circuit between criteria) as the engine does,
/// since each one's pass/fail is recorded. The screen scenario checks it against <c>Decide</c> before
/// timing it, so a YAML edit that this file does not follow fails the bench loudly instead of
/// comparing different rules.
/// </summary>
internal static class HandWrittenRules
{
    // bansos-aspd: bantuan_per_orang, from 2013-01-01.
    private const decimal AspdPerPerson = 300_000m;

    // bansos-pbi-jk: desil_maks 4 (desil_kuota 0) until 2024-12-31; premi_per_orang from 2020-01-01.
    private const int PbiMaxDesil = 4;
    private const decimal PbiPremiumPerPerson = 42_000m;

    // bansos-sembako: desil_maks 4 (desil_kuota 0) until 2024-12-31; bantuan_per_bulan from 2020-03-01.
    private const int SembakoMaxDesil = 4;
    private const decimal SembakoPerMonth = 200_000m;

    /// <summary>The programs in the order <see cref="Decide"/> answers them (the ordinal order of their names).</summary>
    public static readonly string[] Programs = ["bansos-aspd", "bansos-pbi-jk", "bansos-sembako"];

    /// <summary>One decision per program in <see cref="Programs"/>, written into <paramref name="into"/>.</summary>
    public static void Decide(Household s, Span<LimitDecision> into)
    {
        into[0] = Aspd(s);
        into[1] = PbiJk(s);
        into[2] = Sembako(s);
    }

    public static LimitDecision Aspd(Household s)
    {
        var members = s.Members;
        int recipients = 0;
        bool severeWithIncome = false, recipientGanda = false;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (m.Disability == 2)
            {
                severeWithIncome |= m.HasIncome;
                if (!m.HasIncome)
                {
                    recipientGanda |= m.DataGanda;
                    recipients += m.DataGanda ? 0 : 1;
                }
            }
        }

        var terdaftarDtks = s.Desil >= 1;
        var adaPenerima = recipients > 0;
        _ = (severeWithIncome, recipientGanda); // tanpa-penghasilan and tidak-data-ganda: recorded, not deciding
        return terdaftarDtks && adaPenerima
            ? new LimitDecision("layak", AspdPerPerson * recipients)
            : LimitDecision.TidakLayak;
    }

    public static LimitDecision PbiJk(Household s)
    {
        var members = s.Members;
        var entitled = 0;
        bool nikLengkap = true, nikTidakMeragukan = true, tidakDataGanda = true;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            nikLengkap &= m.HasNik;
            nikTidakMeragukan &= !m.NikSuspect;
            tidakDataGanda &= !m.DataGanda;
            entitled += m.HasNik && !m.NikSuspect && !m.DataGanda ? 1 : 0;
        }

        var desilDalamBatas = s.Desil >= 1 && s.Desil <= PbiMaxDesil;
        _ = (nikLengkap, nikTidakMeragukan, tidakDataGanda); // recorded per member, not deciding
        return desilDalamBatas && entitled > 0
            ? new LimitDecision("layak", PbiPremiumPerPerson * entitled)
            : LimitDecision.TidakLayak;
    }

    public static LimitDecision Sembako(Household s)
    {
        var members = s.Members;
        bool bukanPns = true, tidakDataGanda = true;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            bukanPns &= m.Occupation != 5;
            tidakDataGanda &= !m.DataGanda;
        }

        var desilDalamBatas = s.Desil >= 1 && s.Desil <= SembakoMaxDesil;
        var adaAnggota = members.Count > 0;
        return desilDalamBatas && adaAnggota && bukanPns && tidakDataGanda
            ? new LimitDecision("layak", SembakoPerMonth)
            : LimitDecision.TidakLayak;
    }
}
