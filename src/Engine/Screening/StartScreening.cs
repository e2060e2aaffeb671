using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening;

/// <summary>A screening request that cannot run as asked; the message is for the person who asked, in Indonesian.</summary>
public class ScreeningException(string message) : Exception(message);

/// <summary>The same screening (period, programs, as-of date, kabupaten/kota) is already queued or running.</summary>
public sealed class ScreeningConflictException(long runId, string message) : ScreeningException(message)
{
    public long RunId { get; } = runId;
}

/// <summary>A screening to run; unless <paramref name="RedecideAll"/>, what did not change since an earlier run is carried forward.</summary>
public sealed record ScreeningRequest(string Period, string Programs, DateOnly AsOf, string? KabupatenCode, string RequestedBy, bool RedecideAll = false);

/// <summary>
/// Checks a screening request and records it as a queued run; the run itself is <see cref="RunScreening"/>.
/// A request identical to a run that is still alive (<see cref="ScreeningLiveness"/>) is refused: it
/// would compute the same decisions twice. An identical run that is orphaned does not stand in the way.
/// </summary>
public sealed class StartScreening(TimeProvider time, ScreeningLiveness liveness, ScreeningProgress progress)
{
    public const string All = "all";

    public async Task<ScreeningRun> HandleAsync(SejahteraDbContext db, ScreeningRequest request, CancellationToken ct = default)
    {
        if (!await db.Snapshots.AnyAsync(s => s.Period == request.Period, ct))
        {
            var periods = await db.Snapshots.Select(s => s.Period).OrderBy(p => p).ToListAsync(ct);
            throw new ScreeningException($"Periode DTKS {request.Period} belum diimpor; yang ada: {(periods.Count == 0 ? "belum ada" : string.Join(", ", periods))}.");
        }

        if (request.KabupatenCode is { } kab && RegionCatalog.Ntt.Find(kab) is not { Level: RegionLevel.KabupatenKota })
        {
            throw new ScreeningException($"Kode kabupaten/kota {kab} tidak dikenal (contoh: 53.07).");
        }

        var householdPrograms = await HouseholdProgramsAsync(db, ct);
        var programs = request.Programs.Trim().ToLowerInvariant();
        if (programs != All)
        {
            var unknown = programs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(p => !householdPrograms.Contains(p)).ToList();
            if (unknown.Count > 0)
            {
                throw new ScreeningException(
                    $"Program {string.Join(", ", unknown)} tidak dapat disaring dari registri; program rumah tangga: {string.Join(", ", householdPrograms)}.");
            }
        }

        // Checked and recorded in one transaction, one start at a time, so two identical requests at
        // once cannot both pass the check (SQLite's transactions take the write lock at their start).
        await using var tx = db.Database.IsSqlServer()
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct)
            : await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE screening_runs IN SHARE ROW EXCLUSIVE MODE", ct);
        }

        var now = time.GetUtcNow();
        var identical = await db.ScreeningRuns.AsNoTracking()
            .Where(r => r.Period == request.Period && r.Programs == programs && r.AsOf == request.AsOf && r.KabupatenCode == request.KabupatenCode && r.ParentRunId == null
                && (r.Status == ScreeningStatus.Queued || r.Status == ScreeningStatus.Running))
            .ToListAsync(ct);
        if (identical.FirstOrDefault(r => liveness.IsLive(r, now) || progress.Of(r.Id) is not null) is { } live)
        {
            throw new ScreeningConflictException(live.Id,
                $"Penyaringan yang sama (periode {request.Period}, program {programs}, per {Indonesian.Date(request.AsOf)}, "
                + $"{(request.KabupatenCode is { } code ? RegionCatalog.Ntt.Find(code)?.Name ?? code : "seluruh NTT")}) "
                + $"sudah {(live.Status == ScreeningStatus.Queued ? "dalam antrean" : "sedang berjalan")} sebagai penyaringan {live.Id}. "
                + "Tunggu sampai selesai lalu lihat hasilnya.");
        }

        var run = new ScreeningRun
        {
            Period = request.Period,
            Programs = programs,
            AsOf = request.AsOf,
            KabupatenCode = request.KabupatenCode,
            Status = ScreeningStatus.Queued,
            RequestedBy = request.RequestedBy,
            RedecideAll = request.RedecideAll,
            CreatedAt = now,
        };
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return run;
    }

    public static async Task<List<string>> HouseholdProgramsAsync(SejahteraDbContext db, CancellationToken ct) =>
        (await RuleSetCatalog.PublishedAsync(db, ct)).Where(v => v.Subject == "Household").Select(v => v.Program).Distinct().Order(StringComparer.Ordinal).ToList();

    public static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ScreeningException($"Tanggal '{text}' harus berformat yyyy-mm-dd.");
}
