using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Pkh.Import;

/// <summary>A line of a beneficiary file that did not enter the register: its number, the KPM id as written, and why.</summary>
public sealed record RejectedKpmLine(long Line, string? KpmCode, string Reason, string RawLine);

/// <summary>A line that entered the register with something to look at: not in DTKS, or already graduated.</summary>
public sealed record FlaggedKpmLine(long Line, string KpmCode, string Flag);

/// <summary>
/// What an import did: lines read, KPM added, updated, found exactly as the file has them, removed
/// (<c>--replace</c> only), the flagged lines, and every rejected line in order.
/// </summary>
public sealed record KpmImportResult(
    long Read, int Added, int Updated, int Unchanged, int Removed, IReadOnlyList<FlaggedKpmLine> Flagged, IReadOnlyList<RejectedKpmLine> Rejected)
{
    public int NotInDtks => Flagged.Count(f => f.Flag == KpmFlags.NotInDtks);

    public int Graduated => Flagged.Count(f => f.Flag == KpmFlags.Graduated);
}

/// <summary>A replacement refused because of rejected lines; nothing changed. Carries the lines so they can be fixed.</summary>
public sealed class KpmReplaceRefusedException(string message, IReadOnlyList<RejectedKpmLine> rejected) : Exception(message)
{
    public IReadOnlyList<RejectedKpmLine> Rejected { get; } = rejected;
}

/// <summary>The notes a KPM can carry: computed from the register when shown, named by the import.</summary>
public static class KpmFlags
{
    public const string NotInDtks = "tidak ada di DTKS";
    public const string Graduated = "sudah graduasi";
}

/// <summary>
/// Imports a PKH beneficiary file (CSV, README "Berkas KPM PKH"): one row per KPM per period. Every
/// data line ends up in the register or in the rejected list with its line number and a reason in
/// Indonesian; the good lines are written in one transaction, and a file that cannot be read as a
/// whole (header, encoding, a quote left open) changes nothing. A KPM is the same id in the same
/// period: the same content again changes nothing, other content updates it. Each KPM is linked to
/// the DTKS household with its KK number in the latest DTKS period (desil from there); one with no
/// household is kept and flagged, as is a family that already left PKH through graduation. With
/// <c>replace</c> the file is the whole list of its periods (in the importer's region): KPM missing
/// from it are removed, and a file with any rejected line changes nothing.
/// </summary>
public sealed class ImportKpm(TimeProvider time)
{
    /// <summary>The largest file the pages and the API accept; the NTT file of a year is a few megabytes.</summary>
    public const int MaxFileBytes = 50 * 1024 * 1024;

    private const int RawLineLimit = 2000;

    /// <summary>Reads <paramref name="file"/> to its end (and closes it) for a user with <paramref name="roles"/>, who may write only the kabupaten/kota <paramref name="scope"/> allows.</summary>
    public async Task<KpmImportResult> HandleAsync(
        SejahteraDbContext db, Stream file, bool replace, RegionScope scope, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ImportKpm);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var pendamping = await PendampingAsync(db, ct);
        var rejected = new List<RejectedKpmLine>();
        var lines = new List<Line>();
        long read = 0;

        // The whole file is read before anything is written: a file that breaks on its last line changes nothing.
        using (var reader = new CsvRecordReader(file))
        {
            if (!reader.Read())
            {
                throw new FileRefusedException("Berkas kosong: tidak ada judul kolom maupun data.");
            }

            var parser = KpmRowParser.FromHeader(reader, pendamping, scope, today);
            var seen = new Dictionary<(string Period, string Code), long>();
            while (reader.Read())
            {
                if (reader.IsBlank)
                {
                    continue;
                }

                read++;
                var reason = parser.TryParse(reader, out var row);
                if (reason is null && seen.TryGetValue((row!.Period, row.KpmCode), out var first))
                {
                    reason = $"id_kpm ini sudah ada pada baris {first} untuk periode yang sama";
                }

                if (reason is not null)
                {
                    rejected.Add(new RejectedKpmLine(reader.LineNumber, parser.KpmCodeOf(reader), reason, Clip(reader.Raw)));
                    continue;
                }

                seen.Add((row!.Period, row.KpmCode), reader.LineNumber);
                lines.Add(new Line(reader.LineNumber, row));
            }
        }

        if (read == 0)
        {
            throw new FileRefusedException("Berkas hanya berisi judul kolom, tanpa data.");
        }

        if (replace && rejected.Count > 0)
        {
            throw new KpmReplaceRefusedException(
                $"Penggantian periode ditolak, tidak ada yang berubah: {rejected.Count} baris ditolak. Dengan --replace berkas harus sah seluruhnya; perbaiki baris itu lalu kirim ulang.",
                rejected);
        }

        var households = await HouseholdsAsync(db, lines, ct);
        var codes = lines.Select(l => l.Row.KpmCode).Distinct().ToList();
        var exits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
        {
            foreach (var e in await db.KpmExits.AsNoTracking().Where(e => chunk.Contains(e.KpmCode)).Select(e => new { e.KpmCode, e.FromPeriod }).ToListAsync(ct))
            {
                exits[e.KpmCode] = e.FromPeriod;
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // One writer of the register at a time: two imports of the same new KPM cannot both insert it.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE pkh_kpm IN SHARE ROW EXCLUSIVE MODE", ct);
        }

        var periods = lines.Select(l => l.Row.Period).Distinct().ToList();
        var existing = await scope.FilterKpm(db.Kpms.Where(k => periods.Contains(k.Period))).ToDictionaryAsync(k => (k.Period, k.KpmCode), ct);

        int added = 0, updated = 0, unchanged = 0, removed = 0;
        var flagged = new List<FlaggedKpmLine>();
        foreach (var line in lines)
        {
            var row = line.Row;
            (long Id, int Desil)? household = households.TryGetValue(row.KkNumber, out var h) ? h : null;
            if (household is null)
            {
                flagged.Add(new FlaggedKpmLine(line.Number, row.KpmCode, KpmFlags.NotInDtks));
            }

            if (exits.TryGetValue(row.KpmCode, out var from) && string.CompareOrdinal(from, row.Period) <= 0)
            {
                flagged.Add(new FlaggedKpmLine(line.Number, row.KpmCode, KpmFlags.Graduated));
            }

            var hash = row.Hash();
            if (!existing.Remove((row.Period, row.KpmCode), out var kpm))
            {
                kpm = new Kpm
                {
                    Period = row.Period, KpmCode = row.KpmCode, KkNumber = row.KkNumber, CaretakerNik = row.CaretakerNik, CaretakerName = row.CaretakerName,
                    DesaCode = row.DesaCode, KabupatenCode = row.KabupatenCode, Pendamping = row.Pendamping, ContentHash = hash,
                };
                Fill(kpm, row, hash, household, now);
                db.Kpms.Add(kpm);
                added++;
                continue;
            }

            if (kpm.ContentHash == hash && kpm.HouseholdId == household?.Id && kpm.Desil == household?.Desil)
            {
                unchanged++;
                continue;
            }

            Fill(kpm, row, hash, household, now);
            updated++;
        }

        if (replace && existing.Count > 0)
        {
            // What is left of the periods is missing from the file: removed, unless a graduation case rests on it.
            var ids = existing.Values.Select(k => k.Id).ToList();
            var withCases = await db.GraduationCases.AsNoTracking().Where(g => ids.Contains(g.KpmId)).Select(g => g.KpmCode).Distinct().OrderBy(c => c).ToListAsync(ct);
            if (withCases.Count > 0)
            {
                throw new KpmRefusedException(
                    $"Penggantian periode ditolak, tidak ada yang berubah: {withCases.Count} KPM yang tidak ada di berkas sudah memiliki kasus graduasi "
                    + $"({string.Join(", ", withCases.Take(5))}{(withCases.Count > 5 ? ", …" : "")}); KPM itu harus tetap ada di berkas.");
            }

            db.Kpms.RemoveRange(existing.Values);
            removed = existing.Count;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new KpmImportResult(read, added, updated, unchanged, removed, flagged, rejected.OrderBy(r => r.Line).ToList());
    }

    /// <summary>The user names of the pendamping (case-insensitive) and the region each works in.</summary>
    private static async Task<Dictionary<string, PendampingUser>> PendampingAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Join(db.UserRoles.AsNoTracking(), u => u.Id, ur => ur.UserId, (u, ur) => new { u.UserName, u.RegionScope, ur.RoleId })
            .Join(db.Roles.AsNoTracking().Where(r => r.Name == WorkflowRoles.Pendamping), x => x.RoleId, r => r.Id, (x, _) => new { x.UserName, x.RegionScope })
            .ToListAsync(ct);
        return users.Where(u => u.UserName is not null)
            .ToDictionary(u => u.UserName!, u => new PendampingUser(u.UserName!, RegionScope.Parse(u.RegionScope)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The household of each KK number in the latest DTKS period (the first one, if a KK is listed twice).</summary>
    private static async Task<Dictionary<string, (long Id, int Desil)>> HouseholdsAsync(SejahteraDbContext db, List<Line> lines, CancellationToken ct)
    {
        var found = new Dictionary<string, (long Id, int Desil)>(StringComparer.Ordinal);
        if (lines.Count == 0 || await LatestSnapshot.FindAsync(db, ct) is not { } snapshot)
        {
            return found;
        }

        foreach (var chunk in lines.Select(l => l.Row.KkNumber).Distinct().Chunk(500))
        {
            var batch = await db.Households.AsNoTracking()
                .Where(h => h.SnapshotId == snapshot.Id && chunk.Contains(h.NoKk))
                .OrderBy(h => h.Id)
                .Select(h => new { h.NoKk, h.Id, h.Desil })
                .ToListAsync(ct);
            foreach (var h in batch)
            {
                found.TryAdd(h.NoKk, (h.Id, h.Desil));
            }
        }

        return found;
    }

    private static void Fill(Kpm k, KpmRow row, string hash, (long Id, int Desil)? household, DateTimeOffset now)
    {
        k.KkNumber = row.KkNumber;
        k.CaretakerNik = row.CaretakerNik;
        k.CaretakerName = row.CaretakerName;
        k.DesaCode = row.DesaCode;
        k.KabupatenCode = row.KabupatenCode;
        k.YearOfEntry = row.YearOfEntry;
        k.PregnantWomen = row.PregnantWomen;
        k.YoungChildren = row.YoungChildren;
        k.SdChildren = row.SdChildren;
        k.SmpChildren = row.SmpChildren;
        k.SmaChildren = row.SmaChildren;
        k.Elderly = row.Elderly;
        k.SevereDisability = row.SevereDisability;
        k.CommitmentWarnings = row.CommitmentWarnings;
        k.P2k2Attendance = row.P2k2Attendance;
        k.SchoolAttendance = row.SchoolAttendance;
        k.Pendamping = row.Pendamping;
        k.HouseholdId = household?.Id;
        k.Desil = household?.Desil;
        k.ContentHash = hash;
        k.ImportedAt = now;
    }

    private static string Clip(string text) =>
        text.Length <= RawLineLimit ? text : text[..(char.IsHighSurrogate(text[RawLineLimit - 1]) ? RawLineLimit - 1 : RawLineLimit)];

    private sealed record Line(long Number, KpmRow Row);
}

internal static class KpmScopeFilter
{
    /// <summary>The KPM of the kabupaten/kota the importer may write.</summary>
    public static IQueryable<Kpm> FilterKpm(this RegionScope scope, IQueryable<Kpm> kpm)
    {
        if (scope.IsAll)
        {
            return kpm;
        }

        var codes = scope.Codes.ToList();
        return kpm.Where(k => codes.Contains(k.KabupatenCode));
    }
}
