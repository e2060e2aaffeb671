using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Pkh.Browse;

/// <summary>
/// What narrows the graduation evaluation runs: a KPM period, who started them, and whether they finished
/// (<see cref="EvaluationRunStatus"/>).
/// </summary>
public sealed record EvaluationRunFilter(string? Period = null, string? StartedBy = null, string? Status = null);

/// <summary>The states of an evaluation run a list can be narrowed to, as the query string names them.</summary>
public static class EvaluationRunStatus
{
    public const string Finished = "selesai";

    public const string Unfinished = "berjalan";

    public static IReadOnlyList<string> All { get; } = [Finished, Unfinished];

    public static string Label(string status) => status switch
    {
        Finished => "selesai",
        Unfinished => "sedang berjalan",
        _ => status,
    };
}

/// <summary>A page of evaluation runs, or why a filter value was refused (nothing listed then).</summary>
public sealed record EvaluationRunList(Paged<PkhEvaluationRun> Runs, string? FilterProblem = null);

/// <summary>The PKH graduation evaluation runs, a page at a time, filtered and sorted in the database (newest first by default).</summary>
public static class ListEvaluationRuns
{
    /// <summary>Sort keys: number (the default, newest first), period, evaluation date, candidates, cases opened; ties broken by number.</summary>
    public static readonly SortKeys<PkhEvaluationRun> Sorts = new SortKeys<PkhEvaluationRun>(r => r.Id, "nomor", defaultDescending: true)
        .Add("periode", r => r.Period)
        .Add("tanggal", r => r.AsOf)
        .Add("kandidat", r => r.Candidates)
        .Add("dibuka", r => r.Opened);

    public static async Task<EvaluationRunList> HandleAsync(SejahteraDbContext db, EvaluationRunFilter filter, PageRequest request, CancellationToken ct = default)
    {
        var query = db.PkhEvaluationRuns.AsNoTracking();
        if (filter.Status is { Length: > 0 } status)
        {
            if (!EvaluationRunStatus.All.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                var (key, descending) = Sorts.Resolve(request);
                return new EvaluationRunList(new Paged<PkhEvaluationRun>([], request.Page, request.PageSize, 0, key, descending),
                    $"Status '{status}' tidak dikenal; pilih {string.Join(" atau ", EvaluationRunStatus.All)}.");
            }

            query = string.Equals(status.Trim(), EvaluationRunStatus.Finished, StringComparison.OrdinalIgnoreCase)
                ? query.Where(r => r.FinishedAt != null)
                : query.Where(r => r.FinishedAt == null);
        }

        if (filter.Period?.Trim() is { Length: > 0 } period)
        {
            query = query.Where(r => r.Period == period);
        }

        if (filter.StartedBy?.Trim() is { Length: > 0 } startedBy)
        {
            query = query.Where(r => r.StartedBy == startedBy);
        }

        return new EvaluationRunList(await Sorts.PageAsync(query, request, ct));
    }
}
