using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>What a file of historical values recorded.</summary>
public sealed record RecordedValues(int Lines, int Indicators);

/// <summary>
/// Loads historical values from a CSV file (<c>kode,tahun,bulan,nilai,keterangan</c>) — the
/// realizations of past years as the office printed them, e.g. T-C.23 for 2019–2020. Each line is a
/// value of a manual indicator for one month (a yearly figure goes in month 12). Values from an
/// official document need no second verification: they are recorded as verified by the admin who ran
/// the load, marked as historical, and audited. The whole file is checked first; a bad line refuses
/// the file with its line number and changes nothing.
/// </summary>
public sealed class RecordIndicatorValues(TimeProvider time)
{
    public static readonly IReadOnlyList<string> Columns = ["kode", "tahun", "bulan", "nilai", "keterangan"];

    public async Task<RecordedValues> HandleAsync(SejahteraDbContext db, Stream file, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ManageIndicators);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Measure, StringComparer.Ordinal, ct);
        var rows = new List<(string Code, int Year, int Month, decimal Value, string Note)>();
        var problems = new List<string>();
        var seen = new Dictionary<(string, int, int), long>();
        using (var reader = new CsvRecordReader(file))
        {
            if (!reader.Read())
            {
                throw new FileRefusedException("Berkas kosong: tidak ada judul kolom maupun data.");
            }
            var at = CsvHeader.Read(reader, "berkas nilai indikator", Columns, ": " + string.Join(",", Columns));
            while (reader.Read())
            {
                if (reader.IsBlank)
                {
                    continue;
                }
                var line = reader.LineNumber;
                string Field(string name) => reader.FieldCount > at[name] ? reader.Field(at[name]).ToString().Trim() : "";
                var code = Field("kode");
                var reasons = new List<string>();
                if (!indicators.TryGetValue(code, out var measure))
                {
                    reasons.Add($"kode '{code}' tidak ada di katalog");
                }
                else if (measure != IndicatorMeasures.Manual)
                {
                    reasons.Add($"{code} dihitung dari data sistem, bukan diisi");
                }
                if (!int.TryParse(Field("tahun"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                {
                    reasons.Add($"tahun '{Field("tahun")}' bukan tahun 2000–2100");
                }
                if (!int.TryParse(Field("bulan"), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
                {
                    reasons.Add($"bulan '{Field("bulan")}' bukan 1–12");
                }
                if (!decimal.TryParse(Field("nilai"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    reasons.Add($"nilai '{Field("nilai")}' bukan angka tidak negatif (pakai titik untuk desimal)");
                }
                var note = Field("keterangan");
                if (note.Length == 0)
                {
                    reasons.Add("keterangan (sumber nilai) wajib diisi");
                }
                if (reasons.Count == 0 && seen.TryGetValue((code, year, month), out var first))
                {
                    reasons.Add($"{code} {year}-{month:D2} sudah ada pada baris {first}");
                }
                if (reasons.Count > 0)
                {
                    problems.Add($"baris {line}: {string.Join(", ", reasons)}");
                    continue;
                }
                seen[(code, year, month)] = line;
                rows.Add((code, year, month, value, note.Length > 1000 ? note[..1000] : note));
            }
        }
        if (problems.Count > 0)
        {
            throw IndicatorRefusedException.Of("Berkas nilai indikator", problems);
        }
        if (rows.Count == 0)
        {
            throw new FileRefusedException("Berkas hanya berisi judul kolom, tanpa data.");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (code, year, month, value, note) in rows)
        {
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = code, Year = year, Month = month, Value = value, Note = note, EnteredBy = actor, EnteredAt = now,
                Status = IndicatorValueStatus.Verified, DecidedBy = actor, DecidedAt = now, DecisionReason = Historical,
            });
        }
        await db.SaveChangesAsync(ct);
        var codes = rows.Select(r => r.Code).Distinct().Count();
        await AuditLog.AppendAsync(db, now, actor, "indicators.values.record", "nilai historis", $"{rows.Count} nilai untuk {codes} indikator", ct);
        await transaction.CommitAsync(ct);
        return new RecordedValues(rows.Count, codes);
    }

    /// <summary>The decision note of a value loaded from an official document.</summary>
    public const string Historical = "nilai historis dari dokumen resmi, dimuat admin";
}
