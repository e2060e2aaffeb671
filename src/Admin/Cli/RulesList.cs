using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>`rules list`: the published rule-set versions.</summary>
internal static class RulesList
{
    public static async Task<int> RunAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var catalog = new RuleSetCatalog();
        var versions = await RuleSetCatalog.PublishedAsync(db, ct);
        foreach (var v in versions)
        {
            var compiled = catalog.Compile(v);
            Console.Error.WriteLine($"{v.Program,-16} {v.Version,-8} berlaku {Engine.Indonesian.Date(v.EffectiveFrom)}  {compiled.Document.Criteria.Count,2} kriteria  {compiled.Document.Tests.Count,2} uji  {v.Title}");
        }

        CliApp.Emit(new
        {
            verb = "rules list",
            rulesets = versions.Select(v => new
            {
                program = v.Program,
                version = v.Version,
                title = v.Title,
                subject = v.Subject,
                effective_from = v.EffectiveFrom,
                hash = v.Hash,
                status = v.Status,
            }),
        });
        return 0;
    }
}
