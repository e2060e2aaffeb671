using Sejahtera.Engine.Regions;

namespace Sejahtera.Admin.Pages.Penyaringan;

/// <summary>The outcomes of one program per kabupaten/kota, as the run's chart draws them.</summary>
public sealed record KabupatenChart(string Program, string Title, IReadOnlyList<string> Outcomes, IReadOnlyList<KabupatenChart.Bar> Rows)
{
    public sealed record Bar(string Code, string Name, IReadOnlyDictionary<string, long> Counts, long Total, string Link);

    private static readonly string[] Others = ["#b3261e", "#e0a100", "#5b6770", "#7b4fa0", "#1f6fb2"];

    /// <summary>From a run's counts per kabupaten/kota; the eligible outcome ("layak") first, in the accent colour, then "layak-dalam-kuota" in its own.</summary>
    public static KabupatenChart Of(string program, IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, long>>> byKabupaten, Func<string, string> link)
    {
        var rows = byKabupaten
            .Where(k => k.Value.ContainsKey(program))
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new Bar(k.Key, RegionCatalog.Ntt.Find(k.Key)?.Name ?? k.Key, k.Value[program], k.Value[program].Values.Sum(), link(k.Key)))
            .ToList();
        var outcomes = rows.SelectMany(r => r.Counts.Keys).Distinct()
            .OrderBy(o => o == "layak" ? 0 : o == DisplayNames.WithinQuota ? 1 : 2).ThenBy(o => o, StringComparer.Ordinal).ToList();
        return new KabupatenChart(program, $"Hasil {Sejahtera.Engine.Cases.CasePrograms.Label(program)} per kabupaten/kota", outcomes, rows);
    }

    public static string Colour(string outcome, int index) =>
        outcome == "layak" ? "#0b6e4f" : outcome == DisplayNames.WithinQuota ? "#8a5a00" : Others[Math.Max(0, index - 1) % Others.Length];
}
