using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// The published rule-set versions, each compiled once per process and kept by content hash, so a
/// stored decision always finds the exact version it was made with.
/// </summary>
public sealed class RuleSetCatalog
{
    public const string Published = "published";

    private readonly ConcurrentDictionary<string, Lazy<CompiledRuleSet>> compiled = new(StringComparer.Ordinal);

    public CompiledRuleSet Compile(RuleSetVersion version) =>
        compiled.GetOrAdd(version.Hash, _ => new Lazy<CompiledRuleSet>(() => RuleSetCompiler.Compile(version.Yaml, version.Program))).Value;

    public static Task<List<RuleSetVersion>> PublishedAsync(SejahteraDbContext db, CancellationToken ct) =>
        db.RuleSetVersions.AsNoTracking().Where(v => v.Status == Published)
            .OrderBy(v => v.Program).ThenByDescending(v => v.EffectiveFrom).ToListAsync(ct);

    /// <summary>The published version of a program in force on a date: the latest effective on or before it.</summary>
    public async Task<CompiledRuleSet> InForceAsync(SejahteraDbContext db, string program, DateOnly asOf, CancellationToken ct)
    {
        var versions = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == program && v.Status == Published)
            .ToListAsync(ct);
        if (versions.Count == 0)
        {
            throw new RuleEvaluationException($"Program '{program}' tidak dikenal atau belum memiliki aturan yang diterbitkan.");
        }

        // Latest effective date wins; of two versions effective the same day, the later published.
        var inForce = versions.Where(v => v.EffectiveFrom <= asOf).OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Id).LastOrDefault()
            ?? throw new RuleEvaluationException(
                $"Aturan {program} belum berlaku pada {Indonesian.Date(asOf)} (paling awal berlaku {Indonesian.Date(versions.Min(v => v.EffectiveFrom))}).");
        return Compile(inForce);
    }

    public async Task<CompiledRuleSet?> ByHashAsync(SejahteraDbContext db, string hash, CancellationToken ct)
    {
        var version = await db.RuleSetVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Hash == hash, ct);
        return version is null ? null : Compile(version);
    }
}
