using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Persistence;

/// <summary>Applies migrations and loads the reference data that ships with the project.</summary>
public sealed class DatabaseInitializer(DatabaseSettings settings)
{
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

        return new InitializationResult(pending, regionsAdded);
    }
}

public sealed record InitializationResult(IReadOnlyList<string> AppliedMigrations, int RegionsAdded);
