using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// Hands out blocks of screening result ids from the <c>id_blocks</c> counter, each in a short
/// transaction of its own (not the writer's long one): the counter's row is locked only while a block
/// is taken, so that parts of one run writing at the same time on PostgreSQL never take the same id.
/// A block starts above every id already stored, so rows written before the counter existed (or
/// without it) are never collided with.
/// </summary>
internal static class ResultIds
{
    public const string ScreeningResults = "screening_results";

    /// <summary>Reserves <paramref name="count"/> ids and returns the first.</summary>
    public static async Task<long> ReserveAsync(DatabaseSettings settings, long count, CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counter = db.IdBlocks.Where(b => b.Name == ScreeningResults);
        // Writing the row locks it (SQLite: the database) until the commit: two writers take their blocks one after the other.
        await counter.ExecuteUpdateAsync(u => u.SetProperty(b => b.NextId, b => b.NextId), ct);
        var next = await counter.Select(b => b.NextId).SingleAsync(ct);
        var stored = await db.ScreeningResults.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        var first = Math.Max(next, stored + 1);
        await counter.ExecuteUpdateAsync(u => u.SetProperty(b => b.NextId, first + count), ct);
        await tx.CommitAsync(ct);
        return first;
    }
}
