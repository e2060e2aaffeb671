using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Engine.RuleLifecycle;

public sealed record DraftResult(RuleSetVersion Draft, IReadOnlyList<RuleSetProblem> Problems);

/// <summary>
/// Starts and saves drafts. A draft keeps whatever the admin wrote (so no work is lost) with the
/// problems found; only a draft that validates and compiles is marked validated. Editing a draft
/// sends it back to validated: its tests must run again.
/// </summary>
public sealed partial class SaveDraft(TimeProvider time)
{
    /// <summary>
    /// A new draft of a program, starting from its latest published YAML (a scheduled version
    /// included) and effective from tomorrow: a change applies from a day still to come unless
    /// the admin writes an earlier date, and then publishing asks for the reason (no silent
    /// retroactivity).
    /// </summary>
    public async Task<RuleSetVersion> StartAsync(SejahteraDbContext db, string program, string author, CancellationToken ct = default)
    {
        var versions = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == program && v.Status == RuleStatus.Published)
            .ToListAsync(ct);
        var published = RuleSetCatalog.Ordered(versions).LastOrDefault()
            ?? throw new RuleLifecycleException($"Program '{program}' belum memiliki versi terbit untuk dijadikan dasar draf.");
        var version = await FreeVersionAsync(db, program, ct);
        var yaml = published.Yaml.Replace($"version: \"{published.Version}\"", $"version: \"{version}\"", StringComparison.Ordinal);
        if (yaml == published.Yaml)
        {
            throw new RuleLifecycleException($"Baris version: \"{published.Version}\" tidak ditemukan di YAML versi terbit; buat draf dengan menempelkan YAML.");
        }

        var from = FirstFutureDay(published.EffectiveFrom);
        var dated = EffectiveFromLine().Replace(yaml, $"effective_from: {from:yyyy-MM-dd}", 1);
        return (await SaveAsync(db, null, dated, author, ct)).Draft;
    }

    /// <summary>Tomorrow (in the office's time), or the day after a version already scheduled later.</summary>
    private DateOnly FirstFutureDay(DateOnly latest)
    {
        var tomorrow = DateOnly.FromDateTime(time.GetLocalNow().Date).AddDays(1);
        return latest >= tomorrow ? latest.AddDays(1) : tomorrow;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^effective_from:[^\n#]*")]
    private static partial System.Text.RegularExpressions.Regex EffectiveFromLine();

    public async Task<DraftResult> SaveAsync(SejahteraDbContext db, long? draftId, string yaml, string author, CancellationToken ct = default)
    {
        // Text beyond the YAML limits (size, nesting, alias expansion) is not kept even as a draft:
        // nothing could ever be done with it, and every page showing it would have to refuse it again.
        if (YamlLimits.Check(yaml, "draf") is { } limit)
        {
            throw new RuleLifecycleException($"Draf tidak disimpan: {limit.Message} ({limit.Position}).");
        }

        var (document, compiled, problems) = Check(yaml);

        var draft = draftId is { } id
            ? await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new RuleLifecycleException($"Draf {id} tidak ditemukan.")
            : null;
        if (draft is not null && !RuleStatus.IsEditable(draft.Status))
        {
            throw new RuleLifecycleException($"Versi {draft.Program} {draft.Version} sudah {RuleStatus.Label(draft.Status)} dan tidak dapat diubah; buat draf baru.");
        }

        var program = document?.Program is { Length: > 0 } p ? p : draft?.Program ?? "";
        var version = document?.Version is { Length: > 0 } v ? v : draft?.Version ?? "";
        if (program.Length == 0 || version.Length == 0)
        {
            throw new RuleLifecycleException("YAML harus menyebut program dan version agar dapat disimpan sebagai draf. " + string.Join("; ", problems.Select(x => x.ToString())));
        }

        if (draft is not null && draft.Program != program)
        {
            throw new RuleLifecycleException($"Draf ini milik program {draft.Program}; program tidak boleh diganti menjadi {program}.");
        }

        if (await db.RuleSetVersions.AnyAsync(x => x.Program == program && x.Version == version && x.Id != (draftId ?? 0), ct))
        {
            throw new RuleLifecycleException($"Versi {version} dari {program} sudah ada; pakai nomor versi lain.");
        }

        var hash = RuleSetCompiler.Hash(yaml);
        if (await db.RuleSetVersions.AnyAsync(x => x.Hash == hash && x.Id != (draftId ?? 0), ct))
        {
            throw new RuleLifecycleException("Isi YAML ini sama persis dengan versi yang sudah ada.");
        }

        draft ??= db.RuleSetVersions.Add(new RuleSetVersion
        {
            Program = program, Version = version, Title = "", Subject = "", Yaml = "", Hash = "", Status = RuleStatus.Draft,
            Author = author, CreatedAt = time.GetUtcNow(),
        }).Entity;
        draft.Version = version;
        draft.Title = document?.Title is { Length: > 0 } t ? t : draft.Title;
        draft.Subject = document?.Subject ?? draft.Subject;
        draft.EffectiveFrom = document?.EffectiveFrom ?? draft.EffectiveFrom;
        draft.Yaml = yaml;
        draft.Hash = hash;
        draft.Status = compiled is null ? RuleStatus.Draft : RuleStatus.Validated;
        await db.SaveChangesAsync(ct);
        return new DraftResult(draft, problems);
    }

    /// <summary>Loads, validates and compiles a draft's YAML; whatever is wrong comes back as problems.</summary>
    public static (RuleSetDocument? Document, CompiledRuleSet? Compiled, IReadOnlyList<RuleSetProblem> Problems) Check(string yaml)
    {
        var problems = new List<RuleSetProblem>();
        var document = RuleSetLoader.TryLoad(yaml, "draf", problems);
        if (document is null || problems.Count > 0)
        {
            return (document, null, problems);
        }

        try
        {
            return (document, RuleSetCompiler.Compile(document), problems);
        }
        catch (RuleSetException e)
        {
            return (document, null, e.Problems);
        }
    }

    private static async Task<string> FreeVersionAsync(SejahteraDbContext db, string program, CancellationToken ct)
    {
        var existing = await db.RuleSetVersions.Where(v => v.Program == program).Select(v => v.Version).ToListAsync(ct);
        var year = DateTime.UtcNow.Year;
        for (var n = 1; ; n++)
        {
            var candidate = $"{year}.{n}";
            if (!existing.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
