using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Sejahtera.Engine;
using Sejahtera.Engine.Indicators;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>What the indicator pages share: the year shown by default, numbers as the office writes them, and the progress chart.</summary>
public static class IndicatorPages
{
    /// <summary>This year (WITA) when the catalog has targets for it, else the latest catalog year before it, else the latest one.</summary>
    public static int DefaultYear(IReadOnlyList<int> years, TimeProvider time)
    {
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), ComputeIndicators.Wita).Year;
        return years.Contains(now) ? now : years.Where(y => y <= now).DefaultIfEmpty(years.Count > 0 ? years[^1] : now).Max();
    }

    /// <summary>A value, or a dash when there is none (never a zero for "nothing").</summary>
    public static string Show(decimal? value) => value is { } v ? Indonesian.Number(v) : "–";

    public static string Show(int? ratio) => ratio is { } r ? r.ToString(CultureInfo.InvariantCulture) + "%" : "–";

    public static string Track(bool? onTrack, decimal? target) => onTrack switch
    {
        true => "sesuai jalur",
        false => "tertinggal",
        null => target is null ? "tanpa target" : "belum ada nilai",
    };

    /// <summary>
    /// The year's cumulative realization month by month (solid line) against the target (horizontal
    /// line) and the share of it the months call for (dashed), as inline SVG of a few hundred bytes: it
    /// is drawn by the server, needs no script, and stays small on a slow district link.
    /// </summary>
    public static IHtmlContent Chart(IReadOnlyList<decimal?> cumulative, decimal? target, string title, int width = 240, int height = 80)
    {
        const int pad = 4;
        var top = Math.Max(target ?? 0, cumulative.Max(v => v ?? 0));
        top = top <= 0 ? 1 : top * 1.1m;
        string X(int month) => (pad + (width - 2 * pad) * month / 12.0).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(decimal value) => (height - pad - (double)(value / top) * (height - 2 * pad)).ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(12)}\" y2=\"{Y(0)}\" stroke=\"#ccc\"/>");
        if (target is { } t && t > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"target\" x1=\"{X(0)}\" y1=\"{Y(t)}\" x2=\"{X(12)}\" y2=\"{Y(t)}\" stroke=\"#b3261e\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"pace\" x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(12)}\" y2=\"{Y(t)}\" stroke=\"#b3261e\" stroke-dasharray=\"3 3\" opacity=\".6\"/>");
        }
        var points = string.Join(' ', cumulative.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => $"{X(p.i + 1)},{Y(p.v!.Value)}"));
        if (points.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"realization\" points=\"{X(0)},{Y(0)} {points}\" fill=\"none\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
