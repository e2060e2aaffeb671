using System.Text.RegularExpressions;

namespace Sejahtera.Workflows.Definitions;

/// <summary>Names of states, triggers, guards and actions are kebab-case: lower-case letters and digits in words joined by '-'.</summary>
public static partial class Naming
{
    public static bool IsKebabCase(string? name) => name is not null && KebabCase().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();
}
