using System.Net;
using System.Text.RegularExpressions;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>The rows of a table in a page as the reader sees them: each cell's text, tags removed, spaces collapsed.</summary>
public static partial class Html
{
    /// <summary>
    /// The body rows of the first table whose id is <paramref name="tableId"/> or whose classes include it; the row
    /// an empty table shows to say so is not a row.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> TableRows(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table[^>]*(?:id=\"{Regex.Escape(tableId)}\"|class=\"(?:[^\"]* )?{Regex.Escape(tableId)}(?: [^\"]*)?\")[^>]*>(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success)
        {
            throw new InvalidOperationException($"No table #{tableId} in the page.");
        }

        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return Row().Matches(body)
            .Where(r => !r.Value.StartsWith("<tr class=\"empty-row\"", StringComparison.Ordinal))
            .Select(r => (IReadOnlyList<string>)Cell().Matches(r.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToList())
            .ToList();
    }

    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    /// <summary>The records of a CSV the service wrote (quoted text cells, no line breaks inside a cell).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Csv(string text) =>
        text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = !quoted; }
                else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
                else { cell.Append(c); }
            }

            cells.Add(cell.ToString());
            return (IReadOnlyList<string>)cells;
        }).ToList();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
