namespace Sejahtera.Engine.Indicators;

/// <summary>The bidang (divisions) of the Dinas that answer for indicators, as named in the Renstra's "penanggung jawab" column.</summary>
public static class Bidang
{
    public const string Pemberdayaan = "pemberdayaan";
    public const string Rehsos = "rehsos";
    public const string Pfm = "pfm";
    public const string Linjamsos = "linjamsos";

    private static readonly (string Code, string Name)[] All =
    [
        (Pemberdayaan, "Bidang Pemberdayaan Sosial"),
        (Rehsos, "Bidang Rehabilitasi Sosial"),
        (Pfm, "Bidang Penanganan Fakir Miskin"),
        (Linjamsos, "Bidang Perlindungan dan Jaminan Sosial"),
    ];

    public static IReadOnlyList<string> Codes { get; } = All.Select(b => b.Code).ToList();

    public static string Name(string? code) => All.FirstOrDefault(b => b.Code == code).Name ?? "(belum ditetapkan)";

    /// <summary>The code of a bidang named as the document prints it ("Bidang Rehabilitasi Sosial"), or its code; null when unknown.</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        return All.FirstOrDefault(b => string.Equals(b.Name, t, StringComparison.OrdinalIgnoreCase) || b.Code == t).Code;
    }
}
