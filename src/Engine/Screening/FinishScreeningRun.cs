using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Ends a split run (<see cref="ScreeningParts"/>) from its parts. When a part is done, the parent is
/// finished once none of its parts is left: done, households summed over the parts, and its counts
/// computed in the database over the parent's decisions (by kabupaten/kota, program and outcome, with
/// the sum of amounts), so that they hold for every row stored under the run, however it was written.
/// Parts finishing at the same moment may both get there; the conditional update lets one finish it.
/// A part that failed after its retries fails the parent, naming the part's kabupaten/kota.
/// </summary>
internal sealed class FinishScreeningRun(DatabaseSettings settings, TimeProvider time)
{
    public async Task PartDoneAsync(long parentId, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        var now = time.GetUtcNow();
        var parent = db.ScreeningRuns.Where(r => r.Id == parentId && r.Status == ScreeningStatus.Running);
        await parent.ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, now), ct);
        if (await db.ScreeningRuns.AnyAsync(r => r.ParentRunId == parentId && r.Status != ScreeningStatus.Done, ct))
        {
            return;
        }

        var households = await db.ScreeningRuns.Where(r => r.ParentRunId == parentId).SumAsync(r => r.Households, ct);
        var (counts, decisions) = await CountsAsync(db, parentId, ct);
        await parent.ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ScreeningStatus.Done)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.HeartbeatAt, now)
            .SetProperty(r => r.Households, households)
            .SetProperty(r => r.Decisions, decisions)
            .SetProperty(r => r.CountsJson, counts)
            .SetProperty(r => r.Error, (string?)null), ct);
    }

    public async Task PartFailedAsync(long partId, long parentId, string error)
    {
        await using var db = settings.CreateContext();
        var part = await db.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == partId);
        if (part.Attempts <= ScreeningJob.Retries)
        {
            // Its job is retried.
            return;
        }

        var code = part.KabupatenCode ?? "?";
        var message = $"Bagian {RegionCatalog.Ntt.Find(code)?.Name ?? code} ({code}) gagal setelah {part.Attempts} percobaan: {error}";
        await db.ScreeningRuns.Where(r => r.Id == parentId && r.Status == ScreeningStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ScreeningStatus.Failed)
            .SetProperty(r => r.Error, message.Length > 1000 ? message[..1000] : message)
            .SetProperty(r => r.FinishedAt, time.GetUtcNow()));
    }

    /// <summary>The run's counts as <see cref="RunScreening"/> writes them, from its stored decisions.</summary>
    internal static async Task<(string Json, long Decisions)> CountsAsync(SejahteraDbContext db, long runId, CancellationToken ct)
    {
        var programs = await db.ScreeningRuleSets.Where(r => r.RunId == runId).Select(r => r.Program).OrderBy(p => p).ToListAsync(ct);
        var groups = await db.ScreeningResults.Where(r => r.RunId == runId)
            .GroupBy(r => new { r.KabupatenCode, r.Program, r.Outcome })
            .Select(g => new { g.Key.KabupatenCode, g.Key.Program, g.Key.Outcome, Count = g.LongCount(), Amount = g.Sum(r => r.Amount ?? 0) })
            .ToListAsync(ct);

        var outcomes = programs.ToDictionary(p => p, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        var amounts = programs.ToDictionary(p => p, _ => 0m, StringComparer.Ordinal);
        var byKabupaten = new SortedDictionary<string, Dictionary<string, Dictionary<string, long>>>(StringComparer.Ordinal);
        foreach (var g in groups.OrderBy(g => g.KabupatenCode, StringComparer.Ordinal).ThenBy(g => g.Program, StringComparer.Ordinal).ThenBy(g => g.Outcome, StringComparer.Ordinal))
        {
            var program = outcomes.TryGetValue(g.Program, out var o) ? o : outcomes[g.Program] = new(StringComparer.Ordinal);
            program[g.Outcome] = program.GetValueOrDefault(g.Outcome) + g.Count;
            amounts[g.Program] = amounts.GetValueOrDefault(g.Program) + g.Amount;
            if (!byKabupaten.TryGetValue(g.KabupatenCode, out var kabupaten))
            {
                byKabupaten[g.KabupatenCode] = kabupaten = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            }

            if (!kabupaten.TryGetValue(g.Program, out var counts))
            {
                kabupaten[g.Program] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            counts[g.Outcome] = g.Count;
        }

        return (JsonSerializer.Serialize(new { outcomes, amounts, by_kabupaten = byKabupaten }), groups.Sum(g => g.Count));
    }
}
