using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening;

/// <summary>A screening request that cannot run as asked; the message is for the person who asked, in Indonesian.</summary>
public sealed class ScreeningException(string message) : Exception(message);

public sealed record ScreeningRequest(string Period, string Programs, DateOnly AsOf, string? KabupatenCode, string RequestedBy);

/// <summary>Checks a screening request and records it as a queued run; the run itself is <see cref="RunScreening"/>.</summary>
public sealed class StartScreening(TimeProvider time)
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

        var run = new ScreeningRun
        {
            Period = request.Period,
            Programs = programs,
            AsOf = request.AsOf,
            KabupatenCode = request.KabupatenCode,
            Status = "queued",
            RequestedBy = request.RequestedBy,
            CreatedAt = time.GetUtcNow(),
        };
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    public static async Task<List<string>> HouseholdProgramsAsync(SejahteraDbContext db, CancellationToken ct) =>
        (await RuleSetCatalog.PublishedAsync(db, ct)).Where(v => v.Subject == "Household").Select(v => v.Program).Distinct().Order(StringComparer.Ordinal).ToList();

    public static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ScreeningException($"Tanggal '{text}' harus berformat yyyy-mm-dd.");
}
