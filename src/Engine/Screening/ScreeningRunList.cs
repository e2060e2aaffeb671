using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Screening;

/// <summary>
/// What narrows the screening history: a status (queued, running, done, failed), a DTKS period, and the
/// kabupaten/kota a run was limited to ("ntt" for the runs over the whole province).
/// </summary>
public sealed record ScreeningRunFilter(string? Status = null, string? Period = null, string? Kabupaten = null)
{
    /// <summary>The value of <see cref="Kabupaten"/> that asks for the runs over the whole province.</summary>
    public const string WholeProvince = "ntt";
}

/// <summary>
/// The screening history, a page at a time, filtered and sorted in the database. Every user who may open the
/// screening pages sees every run, as before paging (a run's results are what the region scope narrows).
/// </summary>
public static class ListScreeningRuns
{
    /// <summary>Sort keys: number (newest first by default), assessment date, period, status; ties broken by number.</summary>
    public static readonly SortKeys<ScreeningRun> Sorts = new SortKeys<ScreeningRun>(r => r.Id, "nomor", defaultDescending: true)
        .Add("tanggal", r => r.AsOf)
        .Add("periode", r => r.Period)
        .Add("status", r => r.Status);

    public static Task<Paged<ScreeningRun>> HandleAsync(SejahteraDbContext db, ScreeningRunFilter filter, PageRequest request, CancellationToken ct = default)
    {
        // A split run's parts are shown on its page, not in the history.
        var query = db.ScreeningRuns.AsNoTracking().Where(r => r.ParentRunId == null);
        if (filter.Status is { Length: > 0 } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Period is { Length: > 0 } period)
        {
            query = query.Where(r => r.Period == period);
        }

        if (filter.Kabupaten is { Length: > 0 } kabupaten)
        {
            query = kabupaten == ScreeningRunFilter.WholeProvince
                ? query.Where(r => r.KabupatenCode == null)
                : query.Where(r => r.KabupatenCode == kabupaten);
        }

        return Sorts.PageAsync(query, request, ct);
    }
}
