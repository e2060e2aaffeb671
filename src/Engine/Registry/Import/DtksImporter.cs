using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Persistence.Bulk;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Registry.Import;

public sealed record ImportRequest(string FilePath, string? RejectsPath = null, bool Replace = false);

public sealed record ImportSummary(
    string File,
    string Period,
    long SnapshotId,
    long Read,
    long Households,
    long Members,
    long Rejected,
    long FlaggedDuplicates,
    string RejectsFile,
    bool AlreadyImported);

/// <summary>
/// Imports one DTKS exchange file as one period of the registry, all or nothing. Every data line
/// ends up as a member or as a reject with its line number and reason; the file's SHA-256 makes a
/// second import of the same file a no-op.
/// </summary>
public sealed class DtksImporter(DatabaseSettings settings, TimeProvider time)
{
    public async Task<ImportSummary> ImportAsync(ImportRequest request, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var file = new FileInfo(request.FilePath);
        if (!file.Exists)
        {
            throw new FileRefusedException($"Berkas {request.FilePath} tidak ditemukan.");
        }

        if (file.Length == 0)
        {
            throw new FileRefusedException("Berkas kosong: tidak ada judul kolom maupun data.");
        }

        var sha = await PrescanAsync(file.FullName, ct);
        var rejectsPath = Path.GetFullPath(request.RejectsPath ?? Path.ChangeExtension(file.FullName, ".rejects.csv"));

        await using var db = settings.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // One import at a time: ids are allocated from the current maxima below.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE dtks_snapshots IN SHARE ROW EXCLUSIVE MODE", ct);
        }

        var existing = await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.SourceSha256 == sha, ct);
        if (existing is not null)
        {
            return new ImportSummary(file.Name, existing.Period, existing.Id, existing.RowsRead, existing.Households,
                existing.Members, existing.Rejected, existing.FlaggedDuplicates, rejectsPath, AlreadyImported: true);
        }

        var snapshotId = await NextIdAsync(db.Snapshots.Select(s => (long?)s.Id), ct);
        var nextHouseholdId = await NextIdAsync(db.Households.Select(h => (long?)h.Id), ct);
        var nextMemberId = await NextIdAsync(db.Members.Select(m => (long?)m.Id), ct);
        var nextRejectId = await NextIdAsync(db.ImportRejects.Select(r => (long?)r.Id), ct);

        var households = new Dictionary<string, Household>(StringComparer.Ordinal);
        var niks = new NikIndex();
        var flags = new FlaggedMembers();
        string? period = null;
        long read = 0, members = 0, rejected = 0;
        await using var rejects = new RejectsFile(rejectsPath);
        var bulk = BulkWriter.For(settings.Provider, connection, tx.GetDbTransaction());
        await BulkLoadTuning.BeforeAsync(db, settings.Provider, ct);
        // Opened at the first member, after the period is claimed: no other statement may run while a COPY is open.
        IBulkStream<Member>? memberStream = null;
        try
        {
            using (var reader = new CsvRecordReader(File.OpenRead(file.FullName)))
            {
                if (!reader.Read())
                {
                    throw new FileRefusedException("Berkas kosong: tidak ada judul kolom maupun data.");
                }

                var parser = DtksRowParser.FromHeader(reader, RegionCatalog.Ntt);
                var member = new Member { Nik = "", Name = "", SnapshotId = snapshotId };

                while (reader.Read())
                {
                    if (reader.IsBlank)
                    {
                        continue;
                    }

                    read++;
                    var reason = parser.TryParse(reader, out var row);
                    Household? household = null;
                    if (reason is null)
                    {
                        if (period is null)
                        {
                            period = row!.Period;
                            await ClaimPeriodAsync(db, period, request.Replace, ct);
                        }

                        reason = Admit(row!, reader.LineNumber, period, households, niks, ref nextHouseholdId, snapshotId, out household);
                    }

                    if (reason is not null)
                    {
                        rejected++;
                        await rejects.AddAsync(reader.LineNumber, parser.IdDtksOf(reader), reason, reader.Raw, ct);
                        continue;
                    }

                    Fill(member, row!, nextMemberId++, household!.Id, reader.LineNumber);
                    if (row!.Flags != MemberFlags.None)
                    {
                        flags.Add(row.Nik, household);
                    }

                    memberStream ??= await bulk.OpenAsync(RegistryTables.Members, ct);
                    await memberStream.WriteAsync(member, ct);
                    members++;
                    if (read % 50_000 == 0)
                    {
                        progress?.Report(read);
                    }
                }
            }

            await rejects.CloseAsync();
            progress?.Report(read);
            if (memberStream is not null)
            {
                await memberStream.CompleteAsync(ct);
            }
        }
        finally
        {
            if (memberStream is not null)
            {
                await memberStream.DisposeAsync();
            }
        }

        if (period is null)
        {
            rejects.Publish();
            throw new FileRefusedException(read == 0
                ? "Berkas hanya berisi judul kolom, tanpa data."
                : $"Tidak ada satu baris pun yang sah dari {Indonesian.Number(read)} baris; tidak ada yang diimpor. Lihat {rejectsPath}.");
        }

        db.Snapshots.Add(new DtksSnapshot
        {
            Id = snapshotId,
            Period = period,
            SourceFileName = file.Name.Length > 260 ? file.Name[..260] : file.Name,
            SourceSha256 = sha,
            ImportedAt = time.GetUtcNow(),
            RowsRead = read,
            Households = households.Count,
            Members = members,
            Rejected = rejected,
        });
        await db.SaveChangesAsync(ct);

        await bulk.WriteAllAsync(RegistryTables.Households, households.Values, ct);
        await bulk.WriteAllAsync(RegistryTables.Rejects, rejects.Stored(snapshotId, nextRejectId), ct);
        await BulkLoadTuning.AfterAsync(db, settings.Provider, ct);

        var flagged = await FlagDataGandaAsync(db, snapshotId, niks.InSeveralHouseholds, ct);
        await db.Snapshots.Where(s => s.Id == snapshotId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FlaggedDuplicates, flagged), ct);
        db.RegistrySummaries.AddRange(Summarise(snapshotId, households.Values, flags, niks));
        await db.SaveChangesAsync(ct);
        await FingerprintHouseholds.WriteAsync(db, bulk, snapshotId, ct);

        await tx.CommitAsync(ct);
        rejects.Publish();
        return new ImportSummary(file.Name, period, snapshotId, read, households.Count, members, rejected, flagged, rejectsPath, AlreadyImported: false);
    }

    /// <summary>
    /// One pass over the bytes before anything is written: the content hash, and the checks that
    /// make a file unusable as a whole (binary content, a line too long to be a DTKS row).
    /// </summary>
    private static async Task<string> PrescanAsync(string path, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            long line = 1;
            long lineLength = 0;
            int count;
            while ((count = await stream.ReadAsync(buffer.AsMemory(0, buffer.Length), ct)) > 0)
            {
                var span = buffer.AsSpan(0, count);
                if (span.IndexOf((byte)0) is var nul and >= 0)
                {
                    line += span[..nul].Count((byte)'\n');
                    throw new FileRefusedException($"Berkas berisi data biner (byte NUL pada baris {line}); yang diterima hanya CSV teks UTF-8.");
                }

                var rest = span;
                while (rest.IndexOf((byte)'\n') is var nl and >= 0)
                {
                    if (lineLength + nl > CsvRecordReader.MaxRecordChars * 4L)
                    {
                        throw CsvRecordReader.LineTooLong(line);
                    }

                    line++;
                    lineLength = 0;
                    rest = rest[(nl + 1)..];
                }

                lineLength += rest.Length;
                if (lineLength > CsvRecordReader.MaxRecordChars * 4L)
                {
                    throw CsvRecordReader.LineTooLong(line);
                }

                sha.AppendData(span);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task ClaimPeriodAsync(SejahteraDbContext db, string period, bool replace, CancellationToken ct)
    {
        var previous = await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, ct);
        if (previous is null)
        {
            return;
        }

        if (!replace)
        {
            throw new FileRefusedException(
                $"Periode {period} sudah diimpor dari berkas lain ({previous.SourceFileName}, {Indonesian.Date(previous.ImportedAt)}). "
                + "Gunakan --replace untuk menggantinya.");
        }

        await db.Members.Where(m => m.SnapshotId == previous.Id).ExecuteDeleteAsync(ct);
        await db.RegistrySummaries.Where(s => s.SnapshotId == previous.Id).ExecuteDeleteAsync(ct);
        await db.Snapshots.Where(s => s.Id == previous.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The period's counts per kabupaten/kota, from what the import holds in memory rather than a scan
    /// of the rows just written: households and their member counts, the members flagged as read, and
    /// the member rows the data ganda update marks (one per household of each duplicated NIK), each
    /// counted once.
    /// </summary>
    private static IEnumerable<RegistrySummary> Summarise(long snapshotId, ICollection<Household> households, FlaggedMembers flags, NikIndex niks)
    {
        var flagged = new Dictionary<string, int>(flags.PerKabupaten, StringComparer.Ordinal);
        var kabupatenOf = households.ToDictionary(h => h.Id, h => h.KabupatenCode);
        foreach (var (nik, household) in niks.DuplicatedMembers())
        {
            if (!flags.Contains(nik, household))
            {
                var code = kabupatenOf[household];
                flagged[code] = flagged.GetValueOrDefault(code) + 1;
            }
        }

        return households
            .GroupBy(h => h.KabupatenCode, StringComparer.Ordinal)
            .Select(g => new RegistrySummary
            {
                SnapshotId = snapshotId,
                KabupatenCode = g.Key,
                Households = g.Count(),
                Members = g.Sum(h => h.MemberCount),
                FlaggedMembers = flagged.GetValueOrDefault(g.Key),
            })
            .ToList();
    }

    /// <summary>The members flagged as they were read (NIK against birth date or sex), by NIK and household.</summary>
    private sealed class FlaggedMembers
    {
        private readonly HashSet<(long Nik, long HouseholdId)> members = [];

        public Dictionary<string, int> PerKabupaten { get; } = new(StringComparer.Ordinal);

        public void Add(string nik, Household household)
        {
            if (members.Add((long.Parse(nik, CultureInfo.InvariantCulture), household.Id)))
            {
                PerKabupaten[household.KabupatenCode] = PerKabupaten.GetValueOrDefault(household.KabupatenCode) + 1;
            }
        }

        public bool Contains(long nik, long householdId) => members.Contains((nik, householdId));
    }

    /// <summary>Places a valid row in its household, or says why it cannot be placed.</summary>
    private static string? Admit(
        DtksRow row, long line, string period, Dictionary<string, Household> households,
        NikIndex niks, ref long nextHouseholdId, long snapshotId, out Household? household)
    {
        household = null;
        if (row.Period != period)
        {
            return $"periode {row.Period} berbeda dengan periode berkas {period}";
        }

        if (!households.TryGetValue(row.IdDtks, out var existing))
        {
            household = new Household
            {
                Id = nextHouseholdId++,
                SnapshotId = snapshotId,
                IdDtks = row.IdDtks,
                RegionCode = RegionCatalog.Ntt.Find(row.RegionCode)!.Code,
                KabupatenCode = row.RegionCode[..5],
                NoKk = row.NoKk,
                Desil = row.Desil,
                FirstLine = line,
                MemberCount = 1,
            };
            households.Add(row.IdDtks, household);
            niks.Add(row.Nik, household.Id);
            return null;
        }

        var conflicts = new List<string>(3);
        if (existing.RegionCode != row.RegionCode)
        {
            conflicts.Add($"kode_wilayah {row.RegionCode} ≠ {existing.RegionCode}");
        }

        if (existing.NoKk != row.NoKk)
        {
            conflicts.Add("no_kk berbeda");
        }

        if (existing.Desil != row.Desil)
        {
            conflicts.Add($"desil {row.Desil} ≠ {existing.Desil}");
        }

        if (conflicts.Count > 0)
        {
            return $"data rumah tangga {row.IdDtks} tidak sama dengan baris {existing.FirstLine}: {string.Join(", ", conflicts)}";
        }

        if (!niks.Add(row.Nik, existing.Id))
        {
            return $"NIK ini sudah tercatat pada rumah tangga {row.IdDtks} (baris ganda)";
        }

        existing.MemberCount++;
        household = existing;
        return null;
    }

    /// <summary>
    /// Marks data ganda on every member row of the NIKs seen in more than one household. The NIKs
    /// are digits only (checked on import), so they are safe to inline; batches keep statements short.
    /// </summary>
    private static async Task<int> FlagDataGandaAsync(SejahteraDbContext db, long snapshotId, IReadOnlyCollection<long> duplicated, CancellationToken ct)
    {
        var flagged = 0;
        foreach (var batch in duplicated.Chunk(2000))
        {
            var list = string.Join(",", batch.Select(n => "'" + n.ToString("D16", CultureInfo.InvariantCulture) + "'"));
#pragma warning disable EF1002 // Only digits are inlined, see above.
            flagged += await db.Database.ExecuteSqlRawAsync(
                $"UPDATE members SET flags = flags | {(int)MemberFlags.DataGanda} WHERE snapshot_id = {{0}} AND nik IN ({list})", [snapshotId], ct);
#pragma warning restore EF1002
        }

        return flagged;
    }

    private static void Fill(Member m, DtksRow row, long id, long householdId, long line)
    {
        m.Id = id;
        m.HouseholdId = householdId;
        m.Nik = row.Nik;
        m.Name = row.Name;
        m.Sex = row.Sex;
        m.BirthDate = row.BirthDate;
        m.Relation = row.Relation;
        m.MaritalStatus = row.MaritalStatus;
        m.Disability = row.Disability;
        m.School = row.School;
        m.Pregnant = row.Pregnant;
        m.Occupation = row.Occupation;
        m.Pkh = row.Pkh;
        m.Bpnt = row.Bpnt;
        m.Pbi = row.Pbi;
        m.Flags = row.Flags;
        m.LineNumber = line;
    }

    private static async Task<long> NextIdAsync(IQueryable<long?> ids, CancellationToken ct) =>
        (await ids.MaxAsync(ct) ?? 0) + 1;
}
