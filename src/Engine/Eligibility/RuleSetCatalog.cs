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

    /// <summary>
    /// The one ordering of a program's published versions, shared by the engine and every page that
    /// says which version applies: by effective date, and of two effective the same day, the later
    /// published (then the later created). The last one on or before a date is the one in force.
    /// </summary>
    public static IOrderedEnumerable<RuleSetVersion> Ordered(IEnumerable<RuleSetVersion> published) =>
        published.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.PublishedAt).ThenBy(v => v.Id);

    /// <summary>The version in force on <paramref name="asOf"/> among published versions of one program, or null.</summary>
    public static RuleSetVersion? InForceOn(IEnumerable<RuleSetVersion> published, DateOnly asOf) =>
        Ordered(published.Where(v => v.EffectiveFrom <= asOf)).LastOrDefault();

    /// <summary>Published versions of one program that take effect after <paramref name="asOf"/>, earliest first.</summary>
    public static IReadOnlyList<RuleSetVersion> ScheduledAfter(IEnumerable<RuleSetVersion> published, DateOnly asOf) =>
        Ordered(published.Where(v => v.EffectiveFrom > asOf)).ToList();

    /// <summary>Each program's version in force on a date (or, before its first version, the first one), with what is scheduled after it.</summary>
    public static async Task<IReadOnlyList<(RuleSetVersion Shown, IReadOnlyList<RuleSetVersion> Scheduled)>> ByProgramAsync(
        SejahteraDbContext db, DateOnly asOf, CancellationToken ct) =>
        (await PublishedAsync(db, ct)).GroupBy(v => v.Program).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (InForceOn(g, asOf) ?? Ordered(g).First(), ScheduledAfter(g, asOf)))
            .ToList();

    /// <summary>The published version of a program in force on a date: the latest effective on or before it (<see cref="Ordered"/>).</summary>
    public async Task<CompiledRuleSet> InForceAsync(SejahteraDbContext db, string program, DateOnly asOf, CancellationToken ct)
    {
        var versions = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == program && v.Status == Published)
            .ToListAsync(ct);
        if (versions.Count == 0)
        {
            throw new RuleEvaluationException($"Program '{program}' tidak dikenal atau belum memiliki aturan yang diterbitkan.");
        }

        var inForce = InForceOn(versions, asOf)
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
