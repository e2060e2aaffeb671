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

public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId, string? Problem);

/// <summary>
/// The hash-chained audit log (DESIGN §7). Appends happen inside the caller's transaction, so an
/// audited change and its entry commit together; a unique previous-hash makes a forked chain fail
/// instead of silently branching. <see cref="VerifyAsync"/> finds a changed or deleted entry.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static async Task AppendAsync(SejahteraDbContext db, DateTimeOffset at, string actor, string action, string subject, string details, CancellationToken ct)
    {
        // Whole milliseconds in UTC: every provider stores them exactly, so the hash survives the round trip.
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var previous = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? Genesis;
        var entry = new AuditEntry { At = at, Actor = actor, Action = action, Subject = subject, Details = details, PreviousHash = previous, Hash = "" };
        entry.Hash = HashOf(entry);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    public static async Task<AuditVerification> VerifyAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var previous = Genesis;
        long count = 0;
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
