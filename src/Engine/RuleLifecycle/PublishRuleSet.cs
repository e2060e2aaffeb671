using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.RuleLifecycle;

/// <summary>
/// Publishing and retiring. A version is published only when it validates and every one of its tests
/// passes, by someone with the publisher role who did not write it (four eyes). Both the publication
/// and a refused attempt are written to the audit log, with what changed against the version in force.
/// </summary>
public sealed class PublishRuleSet(RuleSetCatalog catalog, TimeProvider time, RuleRunBudget budget)
{
    public Task<RuleSetVersion> PublishAsync(SejahteraDbContext db, long id, string publisher, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        PublishAsync(db, id, publisher, roles, retroactiveReason: null, ct);

    /// <summary>
    /// Publishes a tested draft. A version effective before today changes decisions already due, so
    /// it is published only with <paramref name="retroactiveReason"/> stated; the reason is kept in the audit.
    /// </summary>
    public async Task<RuleSetVersion> PublishAsync(
        SejahteraDbContext db, long id, string publisher, IReadOnlyCollection<string> roles, string? retroactiveReason, CancellationToken ct = default)
    {
        var draft = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct)
            ?? throw new RuleLifecycleException($"Versi {id} tidak ditemukan.");
        var reason = string.IsNullOrWhiteSpace(retroactiveReason) ? null : retroactiveReason.Trim();
        var refusal = Refusal(draft, publisher, roles, ct) ?? RetroactiveRefusal(draft, reason);
        if (refusal is not null)
        {
            await AuditLog.AppendAsync(db, time.GetUtcNow(), publisher, "rule-set.publish-refused", $"{draft.Program} {draft.Version}",
                JsonSerializer.Serialize(new { reason = refusal, hash = draft.Hash, author = draft.Author }), ct);
            throw new RuleLifecycleException(refusal);
        }

        var retroactive = IsRetroactive(draft, time);

        var previous = RuleSetCatalog.Ordered(await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Program == draft.Program && v.Status == RuleStatus.Published).ToListAsync(ct)).LastOrDefault();
        var changes = previous is null ? [] : CompareRuleSets.Compare(catalog.Compile(previous).Document, catalog.Compile(draft).Document).Lines;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        draft.Status = RuleStatus.Published;
        draft.PublishedBy = publisher;
        draft.PublishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, draft.PublishedAt.Value, publisher, "rule-set.publish", $"{draft.Program} {draft.Version}",
            JsonSerializer.Serialize(new
            {
                hash = draft.Hash,
                author = draft.Author,
                effective_from = draft.EffectiveFrom,
                replaces = previous is null ? null : $"{previous.Program} {previous.Version}",
                retroactive,
                retroactive_reason = retroactive ? reason : null,
                changes,
            }), ct);
        await tx.CommitAsync(ct);
        return draft;
    }

    public async Task<RuleSetVersion> RetireAsync(SejahteraDbContext db, long id, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct)
            ?? throw new RuleLifecycleException($"Versi {id} tidak ditemukan.");
        if (!Access.Allows(roles, Permission.PublishRuleSet))
        {
            throw new RuleLifecycleException(Access.Refusal(Permission.PublishRuleSet));
        }

        if (version.Status != RuleStatus.Published)
        {
            throw new RuleLifecycleException($"Hanya versi terbit yang dapat dipensiunkan; versi ini {RuleStatus.Label(version.Status)}.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        version.Status = RuleStatus.Retired;
        version.RetiredBy = actor;
        version.RetiredAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, version.RetiredAt.Value, actor, "rule-set.retire", $"{version.Program} {version.Version}",
            JsonSerializer.Serialize(new { hash = version.Hash }), ct);
        await tx.CommitAsync(ct);
        return version;
    }

    /// <summary>The version takes effect before today (the office's date): decisions already due would change.</summary>
    public static bool IsRetroactive(RuleSetVersion version, TimeProvider time) =>
        version.EffectiveFrom < DateOnly.FromDateTime(time.GetLocalNow().Date);

    /// <summary>Longest reason kept in the audit; a reason is a sentence or two, not a document.</summary>
    public const int MaxReasonLength = 500;

    private string? RetroactiveRefusal(RuleSetVersion draft, string? reason)
    {
        if (!IsRetroactive(draft, time))
        {
            return null;
        }

        if (reason is null)
        {
            return $"Versi {draft.Version} berlaku surut sejak {Indonesian.Date(draft.EffectiveFrom)} (sebelum hari ini): keputusan yang sudah jatuh tempo dapat berubah. "
                + "Tulis alasan penerbitan berlaku surut, atau ubah effective_from ke hari ini atau sesudahnya.";
        }

        return reason.Length > MaxReasonLength
            ? $"Alasan berlaku surut terlalu panjang: {reason.Length} karakter; paling banyak {MaxReasonLength}."
            : null;
    }

    private string? Refusal(RuleSetVersion draft, string publisher, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (!Access.Allows(roles, Permission.PublishRuleSet))
        {
            return Access.Refusal(Permission.PublishRuleSet);
        }

        if (draft.Status == RuleStatus.Published)
        {
            return $"{draft.Program} {draft.Version} sudah terbit.";
        }

        if (draft.Status != RuleStatus.Tested)
        {
            return $"Draf harus sah dan lulus semua uji sebelum diterbitkan; statusnya sekarang {RuleStatus.Label(draft.Status)}.";
        }

        // The status says tested; the tests run again so nothing stale is published.
        List<RuleTestResult> failing;
        try
        {
            failing = RuleRunBudget.Run(budget.Tests, time, "Uji ulang sebelum terbit",
                token => RuleSetTests.Run(catalog.Compile(draft), token), ct).Where(r => !r.Passed).ToList();
        }
        catch (RuleLifecycleException e)
        {
            return e.Message;
        }

        if (failing.Count > 0)
        {
            return $"{failing.Count} uji gagal: {string.Join("; ", failing.Select(f => f.Name))}.";
        }

        if (string.Equals(draft.Author, publisher, StringComparison.OrdinalIgnoreCase))
        {
            return "Penulis draf tidak boleh menerbitkannya sendiri; penerbitan harus dilakukan orang lain.";
        }

        return null;
    }
}
