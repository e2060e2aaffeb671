using Sejahtera.Engine;

namespace Sejahtera.Admin;

/// <summary>Rule values on the page, in the Indonesian form the explanations use.</summary>
public static class RuleText
{
    public static string Value(object? value) => Rules.Compilation.CompiledRuleSet.Render(value);

    public static string Amount(decimal? amount) => amount is { } a ? Indonesian.Money(a) : "-";
}
