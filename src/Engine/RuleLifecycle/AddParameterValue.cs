using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Language;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>
/// A new value of a parameter from a date, as an admin fills it in a form: which parameter, from
/// when, the value, and its legal basis (a key the rule set already cites, or a new key with its
/// text). With <see cref="VersionFromSameDate"/> the draft version itself takes effect on that date.
/// </summary>
public sealed record ParameterValueRequest(
    string Parameter, DateOnly? From, string Value, string Ref, string? NewRefText, bool VersionFromSameDate);

/// <summary>
/// Adds a dated parameter value to a draft without anyone touching the YAML: the text is edited at
/// the parameter's list (flow or block style, comments kept), then saved like any edit, so it is
/// validated and must pass its tests again before it can be published.
/// </summary>
public sealed partial class AddParameterValue(SaveDraft save)
{
    public async Task<DraftResult> HandleAsync(SejahteraDbContext db, long draftId, ParameterValueRequest request, string author, CancellationToken ct = default)
    {
        var draft = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == draftId, ct)
            ?? throw new RuleLifecycleException($"Draf {draftId} tidak ditemukan.");
        if (!RuleStatus.IsEditable(draft.Status))
        {
            throw new RuleLifecycleException($"Versi {draft.Program} {draft.Version} sudah {RuleStatus.Label(draft.Status)} dan tidak dapat diubah; buat draf baru.");
        }

        return await save.SaveAsync(db, draftId, Edit(draft.Yaml, request), author, ct);
    }

    /// <summary>The YAML with the value added (and the legal basis and effective date when asked); refuses bad input with the reason.</summary>
    public static string Edit(string yaml, ParameterValueRequest request)
    {
        var from = request.From ?? throw new RuleLifecycleException("Tanggal berlaku nilai baru wajib diisi.");
        var value = ParseValue(request.Value);
        var reference = (request.Ref ?? "").Trim();
        var newRefText = string.IsNullOrWhiteSpace(request.NewRefText) ? null : request.NewRefText.Trim();

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Single().RootNode as YamlMappingNode
                ?? throw new RuleLifecycleException("YAML draf tidak berbentuk pemetaan; perbaiki di editor YAML dahulu.");
        }
        catch (YamlException e)
        {
            throw new RuleLifecycleException($"YAML draf tidak dapat dibaca (baris {e.Start.Line}, kolom {e.Start.Column}); perbaiki di editor YAML dahulu.");
        }

        if (Child(root, "parameters") is not YamlMappingNode parameters
            || Child(parameters, request.Parameter) is not YamlSequenceNode values)
        {
            throw new RuleLifecycleException($"Parameter '{request.Parameter}' tidak ada di draf ini.");
        }

        foreach (var entry in values.Children.OfType<YamlMappingNode>())
        {
            if (Child(entry, "from") is YamlScalarNode { Value: { } existing } && existing == from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                throw new RuleLifecycleException($"Parameter {request.Parameter} sudah punya nilai sejak {Indonesian.Date(from)}; pilih tanggal lain atau ubah nilai itu di editor YAML.");
            }
        }

        var basis = Child(root, "legal_basis") as YamlMappingNode;
        var known = basis?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal) ?? [];
        if (newRefText is null && !known.Contains(reference))
        {
            throw new RuleLifecycleException(reference.Length == 0
                ? "Pilih dasar hukum nilai baru, atau tulis dasar hukum baru dengan kuncinya."
                : $"Dasar hukum '{reference}' tidak ada di draf ini; pilih yang ada atau tulis teks dasar hukum baru.");
        }

        if (newRefText is not null)
        {
            if (!RefKey().IsMatch(reference))
            {
                throw new RuleLifecycleException("Kunci dasar hukum baru harus huruf kecil, angka dan tanda hubung (mis. kepmensos-2027).");
            }

            if (known.Contains(reference))
            {
                throw new RuleLifecycleException($"Dasar hukum '{reference}' sudah ada; pilih dari daftar, atau pakai kunci lain untuk teks baru.");
            }

            if (basis is null)
            {
                throw new RuleLifecycleException("Draf ini tidak punya legal_basis; tambahkan di editor YAML dahulu.");
            }
        }

        if (!request.VersionFromSameDate && EffectiveFrom(root) is { } effective && from < effective)
        {
            throw new RuleLifecycleException(
                $"Tanggal {Indonesian.Date(from)} sebelum versi ini berlaku ({Indonesian.Date(effective)}): nilai itu baru terpakai sejak {Indonesian.Date(effective)}. "
                + "Pilih tanggal itu atau sesudahnya, atau jadikan versi ini berlaku mulai tanggal nilai baru.");
        }

        var edits = new List<(int At, int Remove, string Text)>
        {
            AppendTo(yaml, values, $"{{ from: {from:yyyy-MM-dd}, value: {value}, ref: {reference} }}"),
        };
        if (newRefText is not null)
        {
            edits.Add(AppendTo(yaml, basis!, $"{reference}: {Quoted(newRefText)}"));
        }

        if (request.VersionFromSameDate && Child(root, "effective_from") is YamlScalarNode effectiveNode)
        {
            var start = (int)effectiveNode.Start.Index;
            edits.Add((start, (int)effectiveNode.End.Index - start, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var text = new StringBuilder(yaml);
        foreach (var (at, remove, insert) in edits.OrderByDescending(e => e.At))
        {
            text.Remove(at, remove).Insert(at, insert);
        }

        return text.ToString();
    }

    /// <summary>Digits with an optional decimal part; "1.250.000" (Indonesian thousands) is read as 1250000.</summary>
    private static string ParseValue(string? text)
    {
        var t = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (ThousandsDots().IsMatch(t))
        {
            t = t.Replace(".", "", StringComparison.Ordinal);
        }

        t = t.Replace(',', '.');
        if (!PlainNumber().IsMatch(t) || !decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new RuleLifecycleException($"Nilai '{text}' bukan angka; tulis angka tanpa Rp, mis. 250000 atau 250.000.");
        }

        return value == decimal.Truncate(value)
            ? decimal.Truncate(value).ToString(CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);
    }

    private static DateOnly? EffectiveFrom(YamlMappingNode root) =>
        Child(root, "effective_from") is YamlScalarNode { Value: { } text }
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>
    /// Where and what to insert so <paramref name="item"/> becomes the last entry of a list or map:
    /// before the closing bracket of a flow collection, or on a new line with the last entry's
    /// indentation after a block one (after that line's comment, which stays with its entry).
    /// </summary>
    private static (int At, int Remove, string Text) AppendTo(string yaml, YamlNode collection, string item)
    {
        var flow = collection switch
        {
            YamlSequenceNode s => s.Style == SequenceStyle.Flow,
            YamlMappingNode m => m.Style == MappingStyle.Flow,
            _ => false,
        };
        var last = collection switch
        {
            YamlSequenceNode s => s.Children.LastOrDefault(),
            YamlMappingNode m => m.Children.Count == 0 ? null : m.Children.Last().Value,
            _ => null,
        };

        if (flow || last is null)
        {
            // A collection node's End is the end of its opening bracket: find the matching close.
            var close = ClosingBracket(yaml, (int)collection.Start.Index);
            if (close < 0)
            {
                throw new RuleLifecycleException("Daftar parameter tidak dapat diubah otomatis; tambahkan nilai di editor YAML.");
            }

            return (close, 0, last is null ? item : ", " + item);
        }

        var end = Deepest(last).End;
        var lineEnd = yaml.IndexOf('\n', (int)end.Index - 1 < 0 ? 0 : (int)end.Index - 1);
        var newline = "\n";
        if (lineEnd < 0)
        {
            lineEnd = yaml.Length;
        }
        else if (lineEnd > 0 && yaml[lineEnd - 1] == '\r')
        {
            lineEnd--;
            newline = "\r\n";
        }

        // The entry's first line: its indentation is the new entry's (for a list, up to the dash).
        var entryStart = collection is YamlMappingNode map ? (int)map.Children.Last().Key.Start.Index : (int)last.Start.Index;
        var lineStart = yaml.LastIndexOf('\n', Math.Max(0, entryStart - 1)) + 1;
        var indent = new string(' ', yaml[lineStart..].TakeWhile(c => c == ' ').Count());
        return (lineEnd, 0, newline + indent + (collection is YamlSequenceNode ? "- " : "") + item);
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, skipping quoted text; -1 if none.</summary>
    private static int ClosingBracket(string yaml, int open)
    {
        var depth = 0;
        for (var i = open; i < yaml.Length; i++)
        {
            switch (yaml[i])
            {
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
                case '"':
                    for (i++; i < yaml.Length && yaml[i] != '"'; i++)
                    {
                        if (yaml[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '\'':
                    for (i++; i < yaml.Length && yaml[i] != '\''; i++)
                    {
                    }

                    break;
            }
        }

        return -1;
    }

    private static YamlNode Deepest(YamlNode node) => node switch
    {
        YamlSequenceNode { Children.Count: > 0 } s => Deepest(s.Children[^1]),
        YamlMappingNode { Children.Count: > 0 } m => Deepest(m.Children.Last().Value),
        _ => node,
    };

    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex RefKey();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsDots();

    [GeneratedRegex(@"^\d{1,15}(\.\d{1,6})?$")]
    private static partial Regex PlainNumber();
}
