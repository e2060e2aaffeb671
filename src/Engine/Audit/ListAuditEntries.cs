using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Audit;

/// <summary>
/// What narrows the audit log: who acted, an action ("payment-batch.create"), a subject type (the part of the action
/// before its last dot: "payment-batch", "rule-set", "indicators"), a date range (inclusive, in the office's time zone,
/// WITA) and a search (part of the subject, such as "batch 12", or of the actor).
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? SubjectType = null, DateOnly? From = null, DateOnly? To = null, string? Search = null);

/// <summary>A page of the audit log, or why a filter was refused (nothing listed then).</summary>
public sealed record AuditList(Paged<AuditEntry> Entries, string? FilterProblem = null);

/// <summary>
/// The audit log, newest first, a page at a time, filtered and searched in the database. The entries are appended in
/// time order, so their number is their order in time ("waktu" sorts by it: SQLite cannot order by a timestamp with offset).
/// </summary>
public static class ListAuditEntries
{
    /// <summary>The office's time zone, in which a date of the range starts and ends (UTC+8).</summary>
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    /// <summary>Sort keys: number (the default, newest first), time (the same order), actor, action; ties broken by number.</summary>
    public static readonly SortKeys<AuditEntry> Sorts = new SortKeys<AuditEntry>(a => a.Id, "nomor", defaultDescending: true)
        .Add("waktu", a => a.Id)
        .Add("pelaku", a => a.Actor)
        .Add("tindakan", a => a.Action);

    /// <summary>The subject type of an action: the part before its last dot.</summary>
    public static string SubjectTypeOf(string action) => action.LastIndexOf('.') is var dot and > 0 ? action[..dot] : action;

    public static async Task<AuditList> HandleAsync(SejahteraDbContext db, AuditFilter filter, PageRequest request, CancellationToken ct = default)
    {
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            var (key, descending) = Sorts.Resolve(request);
            return new AuditList(new Paged<AuditEntry>([], request.Page, request.PageSize, 0, key, descending),
                $"Rentang tanggal tidak sah: tanggal akhir {to:dd/MM/yyyy} sebelum tanggal awal {from:dd/MM/yyyy}.");
        }

        var query = InRange(db, filter.From, filter.To);
        if (filter.Actor?.Trim() is { Length: > 0 } actor)
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (filter.Action?.Trim() is { Length: > 0 } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.SubjectType?.Trim() is { Length: > 0 } type)
        {
            var prefix = type + ".";
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        if (SearchText.Normalize(filter.Search) is { } q)
        {
            var lower = q.ToLowerInvariant();
            query = query.Where(a => a.Subject.ToLower().Contains(lower) || a.Actor.ToLower().Contains(lower));
        }

        return new AuditList(await Sorts.PageAsync(query, request, ct));
    }

    /// <summary>
    /// The entries of the date range. Every entry's time is stored in UTC (<see cref="AuditLog.AppendAsync"/>); SQLite keeps
    /// it as text that sorts in time order, and cannot compare timestamps with an offset otherwise, so there the range is
    /// compared as that text.
    /// </summary>
    private static IQueryable<AuditEntry> InRange(SejahteraDbContext db, DateOnly? from, DateOnly? to)
    {
        DateTimeOffset? start = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), Wita).ToUniversalTime() : null;
        DateTimeOffset? end = to is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), Wita).ToUniversalTime() : null;
        if (start is null && end is null)
        {
            return db.AuditEntries.AsNoTracking();
        }

        if (db is SqliteSejahteraDbContext)
        {
            var low = start is { } s ? SqliteText(s) : "";
            var high = end is { } e ? SqliteText(e) : "~";
            return db.AuditEntries.FromSqlInterpolated($"SELECT * FROM audit_entries WHERE at >= {low} AND at < {high}").AsNoTracking();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (start is { } s2)
        {
            query = query.Where(a => a.At >= s2);
        }

        if (end is { } e2)
        {
            query = query.Where(a => a.At < e2);
        }

        return query;
    }

    /// <summary>A UTC time as the SQLite provider writes it ("2026-11-30 16:00:00+00:00").</summary>
    private static string SqliteText(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";
}
