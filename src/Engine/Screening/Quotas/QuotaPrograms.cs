namespace Sejahtera.Engine.Screening.Quotas;

/// <summary>The programs with a kabupaten quota and the outcomes the allocation reads.</summary>
public static class QuotaPrograms
{
    public const string Sembako = "bansos-sembako";
    public const string PbiJk = "bansos-pbi-jk";

    /// <summary>Eligible without a quota (desil 1–2 under DTSEN; desil 1–4 under DTKS).</summary>
    public const string Eligible = "layak";

    /// <summary>Eligible only within the kabupaten's quota (desil 3 under DTSEN).</summary>
    public const string EligibleWithinQuota = "layak-dalam-kuota";

    public static readonly IReadOnlyList<string> All = [Sembako, PbiJk];

    public static bool Has(string program) => All.Contains(program);

    /// <summary>The program as a user reads it.</summary>
    public static string Label(string program) => program switch
    {
        Sembako => "Sembako",
        PbiJk => "PBI-JK",
        _ => program,
    };
}
