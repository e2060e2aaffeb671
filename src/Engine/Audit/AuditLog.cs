using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Audit;

/// <summary>One entry of the append-only audit log; each entry's hash covers the previous one's.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public required string Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// The head of the chain: how many entries there are and which is the last, updated in the same
/// transaction as every append. A deleted last entry leaves no gap in the chain itself; the head
/// still names it.
/// </summary>
public sealed class AuditHead
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long Entries { get; set; }
    public long LastId { get; set; }
    public required string LastHash { get; set; }
}

public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId, string? Problem);

/// <summary>
/// The hash-chained audit log (docs/roles.md). Appends happen inside the caller's transaction, so an
/// audited change and its entry commit together; a unique previous-hash makes a forked chain fail
/// instead of silently branching. The head row (<see cref="AuditHead"/>) changes in the same
/// transaction, so deleting entries from the end is found too. <see cref="VerifyAsync"/> finds a
/// changed or deleted entry. Someone who can rewrite both the entries and the head in the database
/// can still hide a deletion; the head is an anchor against deletion, not a signature.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static async Task AppendAsync(SejahteraDbContext db, DateTimeOffset at, string actor, string action, string subject, string details, CancellationToken ct)
    {
        // Whole milliseconds in UTC: every provider stores them exactly, so the hash survives the round trip.
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        // The head, not the newest remaining entry, gives the previous hash: after a deletion at
        // the end the next entry still points at the deleted one, so the gap stays visible.
        var head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == AuditHead.SingleId, ct)
            ?? throw new InvalidOperationException("Kepala log audit tidak ada; log audit mungkin telah dirusak. Jalankan `audit verify`.");
        var entry = new AuditEntry { At = at, Actor = actor, Action = action, Subject = subject, Details = details, PreviousHash = head.LastHash, Hash = "" };
        entry.Hash = HashOf(entry);
        db.AuditEntries.Add(entry);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await db.SaveChangesAsync(ct);
            head.Entries++;
            head.LastId = entry.Id;
            head.LastHash = entry.Hash;
            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
    }

    public static async Task<AuditVerification> VerifyAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var previous = Genesis;
        long count = 0;
        long? lastId = null;
        long? firstBeyondHead = null;
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingleId, ct);
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(false, count, entry.Id, $"entri {entry.Id} tidak menyambung ke entri sebelumnya: ada entri yang dihapus atau diubah");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return new AuditVerification(false, count, entry.Id, $"isi entri {entry.Id} telah diubah");
            }

            previous = entry.Hash;
            lastId = entry.Id;
            if (head is not null && count == head.Entries + 1)
            {
                firstBeyondHead = entry.Id;
            }
        }

        if (head is null)
        {
            return new AuditVerification(false, count, null, "kepala log audit (jumlah entri dan hash terakhir) hilang: log audit telah dirusak");
        }

        if (count < head.Entries || (count == head.Entries && previous != head.LastHash))
        {
            var missing = head.Entries - count;
            return new AuditVerification(false, count, head.LastId, missing > 0
                ? $"entri terakhir {head.LastId} hilang: kepala log mencatat {head.Entries} entri, log hanya memuat {count} (berakhir pada entri {lastId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}); {missing} entri di akhir telah dihapus"
                : $"entri terakhir {head.LastId} telah diganti: hash-nya tidak sama dengan yang dicatat kepala log");
        }

        if (count > head.Entries)
        {
            return new AuditVerification(false, count, firstBeyondHead,
                $"entri {firstBeyondHead} dan sesudahnya tidak tercatat di kepala log: ditambahkan di luar log audit");
        }

        return new AuditVerification(true, count, null, null);
    }

    private static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f', e.PreviousHash, e.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.Subject, e.Details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
