namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>draft → validated → tested → published → retired (docs/rules.md, issue of the rule lifecycle).</summary>
public static class RuleStatus
{
    public const string Draft = "draft";
    public const string Validated = "validated";
    public const string Tested = "tested";
    public const string Published = Eligibility.RuleSetCatalog.Published;
    public const string Retired = "retired";

    public static bool IsEditable(string status) => status is Draft or Validated or Tested;

    public static string Label(string status) => status switch
    {
        Draft => "draf (belum sah)",
        Validated => "draf sah",
        Tested => "draf teruji",
        Published => "terbit",
        Retired => "dipensiunkan",
        _ => status,
    };
}

/// <summary>A lifecycle step refused; the message says why, in Indonesian, and nothing changed.</summary>
public sealed class RuleLifecycleException(string message) : Exception(message);
