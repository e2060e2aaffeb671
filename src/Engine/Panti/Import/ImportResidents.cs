using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Browse;

namespace Sejahtera.Engine.Panti.Import;

/// <summary>A line of a resident list that did not enter the register: its number, the NIK as written, and why.</summary>
public sealed record RejectedResidentLine(long Line, string? Nik, string Reason, string RawLine);

/// <summary>
/// What an import did: lines read, residents added, residents updated (a stage change is also in
/// their history), residents found exactly as the file has them, and every rejected line in order.
/// </summary>
public sealed record ResidentImportResult(long Read, int Added, int Updated, int Unchanged, IReadOnlyList<RejectedResidentLine> Rejected);

/// <summary>
/// Imports a home's resident list (CSV, README "Daftar penghuni panti"). Every data line ends up in
/// the register or in the rejected list with its line number and a reason in Indonesian; the good
/// lines are written in one transaction, and a file that cannot be read as a whole (header, encoding,
/// a quote left open) changes nothing. A resident is the same NIK in the same home: the same content
/// again changes nothing, other content updates the resident, and a later stage goes into the
/// history with its date. A NIK found in the DTKS registry must agree with it on sex and birth date.
/// </summary>
public sealed class ImportResidents(TimeProvider time)
{
    /// <summary>The largest file the pages and the API accept; a resident list of a home is a few kilobytes.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    private const int RawLineLimit = 2000;

    /// <summary>
    /// Reads <paramref name="file"/> to its end (and closes it) as <paramref name="actor"/>, who may
    /// write only the homes <paramref name="scope"/> allows (UPT staff: their own).
    /// </summary>
    public async Task<ResidentImportResult> HandleAsync(SejahteraDbContext db, Stream file, RegionScope scope, string actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var homes = await db.PantiHomes.AsNoTracking().ToDictionaryAsync(h => h.Code, StringComparer.Ordinal, ct);
        var rejected = new List<RejectedResidentLine>();
        var lines = new List<Line>();
        long read = 0;

        // The whole file is read before anything is written: a file that breaks on its last line changes nothing.
        using (var reader = new CsvRecordReader(file))
        {
            if (!reader.Read())
            {
                throw new FileRefusedException("Berkas kosong: tidak ada judul kolom maupun data.");
            }

            var parser = ResidentRowParser.FromHeader(reader, homes, scope, today);
            var seen = new Dictionary<(string Home, string Nik), long>();
            while (reader.Read())
            {
                if (reader.IsBlank)
                {
                    continue;
                }

                read++;
                var reason = parser.TryParse(reader, out var row);
                if (reason is null && seen.TryGetValue((row!.HomeCode, row.Nik), out var first))
                {
                    reason = $"NIK ini sudah ada pada baris {first} untuk panti yang sama";
                }

                if (reason is not null)
                {
                    rejected.Add(new RejectedResidentLine(reader.LineNumber, parser.NikOf(reader), reason, Clip(reader.Raw)));
                    continue;
                }

                seen.Add((row!.HomeCode, row.Nik), reader.LineNumber);
                lines.Add(new Line(reader.LineNumber, Clip(reader.Raw), row));
            }
        }

        if (read == 0)
        {
            throw new FileRefusedException("Berkas hanya berisi judul kolom, tanpa data.");
        }

        var inDtks = await CheckAgainstDtksAsync(db, lines, rejected, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // One writer of a home's register at a time: two imports of the same new NIK cannot both insert it.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE panti_residents IN SHARE ROW EXCLUSIVE MODE", ct);
        }

        var involved = lines.Select(l => l.Row.HomeCode).Distinct().ToList();
        var existing = await db.Residents.Where(r => involved.Contains(r.HomeCode)).ToDictionaryAsync(r => (r.HomeCode, r.Nik), ct);
        var history = await db.ResidentStages.AsNoTracking()
            .Join(db.Residents.Where(r => involved.Contains(r.HomeCode)), s => s.ResidentId, r => r.Id, (s, r) => new { s.ResidentId, s.Stage, s.On })
            .ToListAsync(ct);
        var firstStep = history.GroupBy(h => h.ResidentId).ToDictionary(g => g.Key, g => g.Min(h => h.On));
        var terminated = history.Where(h => h.Stage == RehabilitationStages.Termination)
            .GroupBy(h => h.ResidentId).ToDictionary(g => g.Key, g => g.Min(h => h.On));

        int added = 0, updated = 0, unchanged = 0;
        var steps = new List<(Resident Resident, IReadOnlyList<StageStep> Steps)>();
        foreach (var line in lines.Where(l => !l.Rejected))
        {
            var row = line.Row;
            var dtks = inDtks.Contains(row.Nik);
            if (!existing.TryGetValue((row.HomeCode, row.Nik), out var resident))
            {
                if (StageMove.First(row.Stage, row.StageOn, row.AdmittedOn, row.TerminationOn, out var first) is { } problem)
                {
                    rejected.Add(line.Reject(problem));
                    continue;
                }

                resident = new Resident
                {
                    HomeCode = row.HomeCode, Nik = row.Nik, Name = row.Name, Sex = row.Sex, Category = row.Category, OriginAddress = row.OriginAddress,
                    GuardianName = row.GuardianName, GuardianRelation = row.GuardianRelation, Stage = row.Stage, UpdatedBy = actor,
                };
                Fill(resident, row, dtks);
                resident.StageSince = row.StageOn;
                resident.UpdatedAt = now;
                db.Residents.Add(resident);
                steps.Add((resident, first));
                added++;
                continue;
            }

            var reason = StageMove.Next(resident.Stage, resident.StageSince, terminated.GetValueOrDefault(resident.Id), row.Stage, row.StageOn,
                row.TerminationOn, today, out var next);
            if (reason is null && firstStep.TryGetValue(resident.Id, out var earliest) && row.AdmittedOn > earliest)
            {
                reason = $"tanggal masuk {Indonesian.Date(row.AdmittedOn)} sesudah tahap pertama yang tercatat ({Indonesian.Date(earliest)})";
            }

            if (reason is not null)
            {
                rejected.Add(line.Reject(reason));
                continue;
            }

            if (next.Count == 0 && Same(resident, row, dtks))
            {
                unchanged++;
                continue;
            }

            Fill(resident, row, dtks);
            if (next.Count > 0)
            {
                resident.Stage = next[^1].Stage;
                resident.StageSince = next[^1].On;
                steps.Add((resident, next));
            }

            resident.UpdatedAt = now;
            resident.UpdatedBy = actor;
            resident.RowVersion++;
            updated++;
        }

        try
        {
            // New residents first, for their ids; then every history step, in the same transaction.
            await db.SaveChangesAsync(ct);
            db.ResidentStages.AddRange(steps.SelectMany(s => s.Steps.Select(step => new ResidentStageEntry
            {
                ResidentId = s.Resident.Id, Stage = step.Stage, On = step.On, RecordedBy = actor, RecordedAt = now,
            })));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ResidentRefusedException.ChangedMeanwhile();
        }

        return new ResidentImportResult(read, added, updated, unchanged, rejected.OrderBy(r => r.Line).ToList());
    }

    /// <summary>
    /// Looks the lines' NIKs up in the latest DTKS period: a NIK found there must agree with one of
    /// its records on sex and birth date, or its line is rejected. Returns the NIKs found.
    /// </summary>
    private static async Task<HashSet<string>> CheckAgainstDtksAsync(SejahteraDbContext db, List<Line> lines, List<RejectedResidentLine> rejected, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (lines.Count == 0 || await LatestSnapshot.FindAsync(db, ct) is not { } snapshot)
        {
            return found;
        }

        var records = new List<(string Nik, char Sex, DateOnly BirthDate)>();
        foreach (var chunk in lines.Select(l => l.Row.Nik).Distinct().Chunk(500))
        {
            var batch = await db.Members.AsNoTracking()
                .Where(m => m.SnapshotId == snapshot.Id && chunk.Contains(m.Nik))
                .OrderBy(m => m.Id)
                .Select(m => new { m.Nik, m.Sex, m.BirthDate })
                .ToListAsync(ct);
            records.AddRange(batch.Select(m => (m.Nik, m.Sex, m.BirthDate)));
        }

        var byNik = records.ToLookup(r => r.Nik, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var row = line.Row;
            var known = byNik[row.Nik].ToList();
            if (known.Count == 0)
            {
                continue;
            }

            if (known.Any(m => m.Sex.ToString() == row.Sex && m.BirthDate == row.BirthDate))
            {
                found.Add(row.Nik);
                continue;
            }

            var dtks = known[0];
            var differences = new List<string>(2);
            if (dtks.Sex.ToString() != row.Sex)
            {
                differences.Add($"jenis kelamin {row.Sex} berbeda dengan DTKS ({dtks.Sex})");
            }

            if (dtks.BirthDate != row.BirthDate)
            {
                differences.Add($"tanggal lahir {Indonesian.Date(row.BirthDate)} berbeda dengan DTKS ({Indonesian.Date(dtks.BirthDate)})");
            }

            rejected.Add(line.Reject($"NIK terdaftar di DTKS periode {snapshot.Period}, tetapi {string.Join(" dan ", differences)}"));
        }

        return found;
    }

    private static bool Same(Resident r, ResidentRow row, bool inDtks) =>
        r.Name == row.Name && r.Sex == row.Sex && r.BirthDate == row.BirthDate && r.Category == row.Category && r.AdmittedOn == row.AdmittedOn
        && r.OriginAddress == row.OriginAddress && r.GuardianName == row.GuardianName && r.GuardianRelation == row.GuardianRelation
        && r.PlanCompleted == row.PlanCompleted && r.EvaluationDone == row.EvaluationDone && r.InDtks == inDtks;

    private static void Fill(Resident r, ResidentRow row, bool inDtks)
    {
        r.Name = row.Name;
        r.Sex = row.Sex;
        r.BirthDate = row.BirthDate;
        r.Category = row.Category;
        r.AdmittedOn = row.AdmittedOn;
        r.OriginAddress = row.OriginAddress;
        r.GuardianName = row.GuardianName;
        r.GuardianRelation = row.GuardianRelation;
        r.PlanCompleted = row.PlanCompleted;
        r.EvaluationDone = row.EvaluationDone;
        r.InDtks = inDtks;
    }

    private static string Clip(string text) =>
        text.Length <= RawLineLimit ? text : text[..(char.IsHighSurrogate(text[RawLineLimit - 1]) ? RawLineLimit - 1 : RawLineLimit)];

    /// <summary>A line that parsed; it may still be rejected against DTKS or the register.</summary>
    private sealed class Line(long number, string raw, ResidentRow row)
    {
        public ResidentRow Row { get; } = row;

        public bool Rejected { get; private set; }

        public RejectedResidentLine Reject(string reason)
        {
            Rejected = true;
            return new RejectedResidentLine(number, Row.Nik, reason, raw);
        }
    }
}
