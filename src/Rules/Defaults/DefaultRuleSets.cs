using System.Reflection;

namespace Sejahtera.Rules.Defaults;

/// <summary>The rule sets that ship with the project (YAML embedded in this assembly), built from the program rules and their legal basis (docs/rules.md).</summary>
public static class DefaultRuleSets
{
    private const string Prefix = "Sejahtera.Rules.Defaults.";

    public static IReadOnlyList<(string Name, string Yaml)> All { get; } = Load();

    private static List<(string Name, string Yaml)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[Prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
