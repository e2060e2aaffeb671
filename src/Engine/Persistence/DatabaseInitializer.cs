using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Regions;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;

namespace Sejahtera.Engine.Persistence;

/// <summary>Applies migrations and loads the reference data that ships with the project.</summary>
public sealed class DatabaseInitializer(DatabaseSettings settings, TimeProvider? time = null)
{
    /// <summary>Author of the rule sets that ship with the project.</summary>
    public const string SystemAuthor = "sistem";

    public async Task<InitializationResult> InitializeAsync(CancellationToken ct = default)
    {
        settings.EnsureStorageFolder();
        await using var db = settings.CreateContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);

        var regionsAdded = 0;
        if (!await db.Regions.AnyAsync(ct))
        {
            db.Regions.AddRange(RegionCatalog.Ntt.All.Select(r => new Region
            {
                Code = r.Code,
                Name = r.Name,
                Level = r.Level,
                ParentCode = r.ParentCode,
            }));
            regionsAdded = await db.SaveChangesAsync(ct);
        }

        var homes = await db.PantiHomes.Select(h => h.Code).ToListAsync(ct);
        db.PantiHomes.AddRange(Panti.PantiHomeCatalog.All.Where(h => !homes.Contains(h.Code)).Select(h => new Panti.PantiHome
        {
            Code = h.Code, Name = h.Name, Kind = h.Kind, KabupatenCode = h.KabupatenCode,
        }));
        await db.SaveChangesAsync(ct);

        var ruleSetsAdded = await AddDefaultRuleSetsAsync(db, ct);
        await AddDefaultWorkflowsAsync(db, ct);
        return new InitializationResult(pending, regionsAdded, ruleSetsAdded);
    }

    /// <summary>The shipped workflow definitions, published once; a stored version is never rewritten.</summary>
    private async Task AddDefaultWorkflowsAsync(SejahteraDbContext db, CancellationToken ct)
    {
        foreach (var (key, json) in Sejahtera.Workflows.Defaults.DefaultWorkflows.ShippedJson)
        {
            var definition = Sejahtera.Workflows.Defaults.DefaultWorkflows.Shipped(key);
            if (!await db.WorkflowDefinitions.AnyAsync(w => w.Key == definition.Key && w.Version == definition.Version, ct))
            {
                db.WorkflowDefinitions.Add(new Proposals.WorkflowDefinitionVersion
                {
                    Key = definition.Key, Version = definition.Version, Json = json, Status = "published", CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>
    /// The shipped rule sets become published versions the first time they are seen; a version an
    /// admin already has (same program and version, or same content) is left as it is.
    /// </summary>
    private async Task<int> AddDefaultRuleSetsAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var known = await db.RuleSetVersions.Select(v => new { v.Program, v.Version, v.Hash }).ToListAsync(ct);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var added = 0;
        foreach (var (name, yaml) in DefaultRuleSets.All)
        {
            var compiled = RuleSetCompiler.Compile(yaml, name);
            var d = compiled.Document;
            if (known.Any(k => k.Hash == compiled.Hash || (k.Program == d.Program && k.Version == d.Version)))
            {
                continue;
            }

            db.RuleSetVersions.Add(new RuleSetVersion
            {
                Program = d.Program, Version = d.Version, Title = d.Title, Subject = d.Subject, EffectiveFrom = d.EffectiveFrom,
                Yaml = yaml, Hash = compiled.Hash, Status = RuleSetCatalog.Published, Author = SystemAuthor,
                CreatedAt = now, PublishedBy = SystemAuthor, PublishedAt = now,
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}

public sealed record InitializationResult(IReadOnlyList<string> AppliedMigrations, int RegionsAdded, int RuleSetsAdded);
