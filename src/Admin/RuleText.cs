using Sejahtera.Engine;

namespace Sejahtera.Admin;

/// <summary>Rule values on the page, in the Indonesian form the explanations use.</summary>
public static partial class RuleText
{
    public static string Value(object? value) => Rules.Compilation.CompiledRuleSet.Render(value);

    public static string Amount(decimal? amount) => amount is { } a ? Indonesian.Money(a) : "-";

    /// <summary>
    /// A YAML line in three parts for highlighting: the key with its indentation and list dash
    /// ("  - id:"), the rest, and a trailing comment (a # at the line start or after a space,
    /// outside quotes). Text only; the page encodes it.
    /// </summary>
    public static (string Key, string Body, string Comment) SplitLine(string line)
    {
        var comment = line.Length;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\' && q == '"')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                comment = i;
                break;
            }
        }

        var body = line[..comment];
        var key = KeyPart().Match(body);
        var keyLength = key.Success ? key.Length : 0;
        return (body[..keyLength], body[keyLength..], line[comment..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(-\s+)?[A-Za-z_][A-Za-z0-9_-]*:(?=\s|$)")]
    private static partial System.Text.RegularExpressions.Regex KeyPart();
}
