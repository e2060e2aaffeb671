using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sejahtera.Rules.Language;

/// <summary>
/// What a rule-set YAML text may cost before it is turned into a representation model. YamlDotNet's
/// parser reads events iteratively, but building the representation model recurses once per level of
/// nesting (a document of 50,000 '[' overflows the stack and kills the process), and an alias stands
/// for everything its anchor holds (a 6 KB alias bomb expands to 10^7 nodes when a test subject is
/// converted). So the text is first read as an event stream and refused as soon as it is too long,
/// nested too deeply, uses too many aliases, or would expand to too many nodes — counting every alias
/// as the number of nodes it stands for. Documented in docs/rules.md.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Characters of YAML text (256 KB); the largest default rule set is about 11 KB.</summary>
    public const int MaxCharacters = 256 * 1024;

    /// <summary>Levels of nested lists and mappings, flow (<c>[ {</c>) and block (indentation) alike.</summary>
    public const int MaxDepth = 32;

    /// <summary>Alias uses (<c>*name</c>, including merge keys <c>&lt;&lt;: *name</c>).</summary>
    public const int MaxAliases = 1_000;

    /// <summary>Nodes (scalars, lists, mappings) of the document with every alias expanded.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The first limit the text breaks, or null when it is within all of them.</summary>
    public static RuleSetProblem? Check(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxCharacters)
        {
            return Problem(sourceName, new SourcePosition(1, 1),
                $"berkas terlalu besar: {Number(yaml.Length)} karakter; paling banyak {Number(MaxCharacters)} karakter (256 KB)");
        }

        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<(string? Anchor, long ExpandedBefore)>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long expanded = 0;
        var aliases = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                        {
                            return Problem(sourceName, RuleSetLoader.Pos(current.Start),
                                $"daftar atau pemetaan bersarang terlalu dalam: lebih dari {MaxDepth} tingkat");
                        }

                        var anchor = ((NodeEvent)current).Anchor;
                        open.Push((anchor.IsEmpty ? null : anchor.Value, expanded));
                        expanded++;
                        break;
                    case MappingEnd or SequenceEnd:
                        var (name, before) = open.Pop();
                        if (name is not null)
                        {
                            anchors[name] = expanded - before;
                        }

                        break;
                    case Scalar scalar:
                        expanded++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = 1;
                        }

                        break;
                    case AnchorAlias alias:
                        if (++aliases > MaxAliases)
                        {
                            return Problem(sourceName, RuleSetLoader.Pos(current.Start),
                                $"terlalu banyak alias (*nama): lebih dari {Number(MaxAliases)}");
                        }

                        expanded += anchors.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                }

                if (expanded > MaxNodes)
                {
                    return Problem(sourceName, RuleSetLoader.Pos(current.Start),
                        $"dokumen terlalu besar setelah alias diuraikan: lebih dari {Number(MaxNodes)} simpul (bom alias?)");
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // A syntax error: everything read before it was within the limits, so the loader may read
            // as far and report the error itself, with its position.
        }

        return null;
    }

    private static RuleSetProblem Problem(string sourceName, SourcePosition position, string message) =>
        new(sourceName, null, position, "YAML ditolak: " + message);

    private static string Number(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("id-ID"));
}
