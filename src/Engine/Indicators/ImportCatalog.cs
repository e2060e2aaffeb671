using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>What a catalog import changed.</summary>
public sealed record CatalogImportSummary(int ProgramsAdded, int ProgramsUpdated, int IndicatorsAdded, int IndicatorsUpdated, int YearsWritten, string Sha256);

/// <summary>
/// Adds or updates a catalog of programs and indicators from YAML (the schema of
/// <see cref="CatalogDocument"/>): the shipped Renstra 2019–2023 (T-C.27) on first start, an older plan
/// (the 2019–2020 indicators of T-C.23), or a new Renstra period. The whole file is checked first and
/// every problem reported with the indicator it concerns; a refused file changes nothing. Each year in
/// the file replaces that year's target and budget; years not in the file are left as they were.
/// Audited as one entry with the file's hash.
/// </summary>
public sealed class ImportCatalog(TimeProvider time)
{
    public const string ShippedResource = "Sejahtera.Engine.Reference.renstra-indicators.yaml";

    /// <summary>The catalog shipped with the project: the Renstra Perubahan 2019–2023, Tabel T-C.27.</summary>
    public static string ShippedYaml()
    {
        using var stream = typeof(ImportCatalog).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException(ShippedResource);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads the shipped catalog when the database has none yet; false when a catalog is already there.</summary>
    public async Task<bool> SeedAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        if (await db.Indicators.AnyAsync(ct))
        {
            return false;
        }
        await HandleAsync(db, ShippedYaml(), ComputeIndicators.SystemActor, ct);
        return true;
    }

    public async Task<CatalogImportSummary> HandleAsync(SejahteraDbContext db, string yaml, string actor, CancellationToken ct = default)
    {
        var document = CatalogDocument.Parse(yaml);
        var knownPrograms = (await db.IndicatorPrograms.AsNoTracking().Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var problems = Validate(document, knownPrograms);
        if (problems.Count > 0)
        {
            throw IndicatorRefusedException.Of("Katalog indikator", problems);
        }

        var source = document.Source!.Trim();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        int programsAdded = 0, programsUpdated = 0, indicatorsAdded = 0, indicatorsUpdated = 0, years = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var programs = await db.IndicatorPrograms.ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        foreach (var entry in document.Programs)
        {
            var code = entry.Code!.Trim();
            if (!programs.TryGetValue(code, out var program))
            {
                program = new IndicatorProgram { Code = code, Name = entry.Name!.Trim(), Source = source };
                db.IndicatorPrograms.Add(program);
                programs[code] = program;
                programsAdded++;
            }
            else
            {
                programsUpdated++;
            }
            program.Name = entry.Name!.Trim();
            program.Outcome = entry.Outcome?.Name?.Trim();
            program.Source = source;
        }

        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var order = indicators.Count == 0 ? 0 : indicators.Values.Max(i => i.DisplayOrder);
        var existingYears = await db.IndicatorYears.ToListAsync(ct);
        var yearsOf = existingYears.ToLookup(y => y.IndicatorCode, StringComparer.Ordinal);
        foreach (var entry in document.Indicators)
        {
            var code = entry.Code!.Trim();
            if (!indicators.TryGetValue(code, out var indicator))
            {
                indicator = new Indicator
                {
                    Code = code, ProgramCode = "", Kegiatan = "", Name = "", Unit = "", Measure = IndicatorMeasures.Manual,
                    Aggregation = IndicatorRealization.Sum, Source = source, DisplayOrder = ++order,
                };
                db.Indicators.Add(indicator);
                indicators[code] = indicator;
                indicatorsAdded++;
            }
            else
            {
                indicatorsUpdated++;
            }
            indicator.ProgramCode = entry.Program!.Trim();
            indicator.Kegiatan = entry.Kegiatan!.Trim();
            indicator.Name = entry.Name!.Trim();
            indicator.Unit = entry.Unit!.Trim();
            indicator.BidangCode = Bidang.FromText(entry.Pj);
            indicator.Location = entry.Lokasi?.Trim();
            indicator.Measure = (entry.Measure ?? IndicatorMeasures.Manual).Trim();
            indicator.Aggregation = (entry.Aggregation ?? IndicatorRealization.Sum).Trim();
            indicator.Note = entry.Note?.Trim();
            indicator.Source = source;

            foreach (var year in YearsOf(entry))
            {
                var row = yearsOf[code].FirstOrDefault(y => y.Year == year);
                if (row is null)
                {
                    row = new IndicatorYear { IndicatorCode = code, Year = year };
                    db.IndicatorYears.Add(row);
                }
                row.Target = entry.Targets?.GetValueOrDefault(year);
                row.BudgetIdr = entry.BudgetIdr?.GetValueOrDefault(year);
                row.BudgetPrinted = entry.Printed?.GetValueOrDefault(year);
                years++;
            }
        }

        await db.SaveChangesAsync(ct);
        var summary = new CatalogImportSummary(programsAdded, programsUpdated, indicatorsAdded, indicatorsUpdated, years, sha);
        await AuditLog.AppendAsync(db, time.GetUtcNow(), actor, "indicators.catalog.import", source,
            $"program baru {programsAdded}, diperbarui {programsUpdated}; indikator baru {indicatorsAdded}, diperbarui {indicatorsUpdated}; {years} tahun; sha256 {sha}", ct);
        await transaction.CommitAsync(ct);
        return summary;
    }

    private static IEnumerable<int> YearsOf(CatalogDocument.IndicatorEntry entry) =>
        (entry.Targets?.Keys ?? Enumerable.Empty<int>()).Concat(entry.BudgetIdr?.Keys ?? Enumerable.Empty<int>())
            .Concat(entry.Printed?.Keys ?? Enumerable.Empty<int>()).Distinct().Order();

    internal static List<string> Validate(CatalogDocument document, IReadOnlySet<string> knownPrograms)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Source))
        {
            problems.Add("'source' (dokumen sumber katalog) wajib diisi");
        }
        if (document.Indicators.Count == 0)
        {
            problems.Add("tidak ada indikator");
        }

        var programs = new HashSet<string>(knownPrograms, StringComparer.Ordinal);
        foreach (var (p, i) in document.Programs.Select((p, i) => (p, i)))
        {
            var where = $"program ke-{i + 1}" + (string.IsNullOrWhiteSpace(p.Code) ? "" : $" ({p.Code})");
            if (string.IsNullOrWhiteSpace(p.Code))
            {
                problems.Add($"{where}: 'code' wajib diisi");
            }
            else if (!programs.Add(p.Code.Trim()) && !knownPrograms.Contains(p.Code.Trim()))
            {
                problems.Add($"{where}: kode program tercantum dua kali");
            }
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                problems.Add($"{where}: 'name' wajib diisi");
            }
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (x, i) in document.Indicators.Select((x, i) => (x, i)))
        {
            var where = string.IsNullOrWhiteSpace(x.Code) ? $"indikator ke-{i + 1}" : $"indikator {x.Code}";
            if (string.IsNullOrWhiteSpace(x.Code))
            {
                problems.Add($"{where}: 'code' wajib diisi");
            }
            else if (x.Code.Trim().Length > 40 || !codes.Add(x.Code.Trim()))
            {
                problems.Add($"{where}: kode tercantum dua kali atau lebih dari 40 karakter");
            }
            foreach (var (value, key) in new[] { (x.Program, "program"), (x.Kegiatan, "kegiatan"), (x.Name, "name"), (x.Unit, "unit") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{where}: '{key}' wajib diisi");
                }
            }
            if (!string.IsNullOrWhiteSpace(x.Program) && !programs.Contains(x.Program.Trim()))
            {
                problems.Add($"{where}: program '{x.Program}' tidak ada di berkas maupun di katalog");
            }
            if (!string.IsNullOrWhiteSpace(x.Pj) && Bidang.FromText(x.Pj) is null)
            {
                problems.Add($"{where}: penanggung jawab '{x.Pj}' bukan bidang yang dikenal ({string.Join(", ", Bidang.Codes.Select(Bidang.Name))})");
            }
            if (IndicatorMeasures.Parse((x.Measure ?? IndicatorMeasures.Manual).Trim()).Problem is { } measureProblem)
            {
                problems.Add($"{where}: {measureProblem}");
            }
            if (x.Aggregation is { } aggregation && aggregation.Trim() is not (IndicatorRealization.Sum or IndicatorRealization.Last))
            {
                problems.Add($"{where}: 'aggregation' harus 'sum' (dijumlahkan per bulan) atau 'last' (nilai bulan terakhir)");
            }
            foreach (var year in YearsOf(x).Where(y => y is < 2000 or > 2100))
            {
                problems.Add($"{where}: tahun {year} di luar 2000–2100");
            }
            foreach (var (year, target) in x.Targets ?? [])
            {
                if (target < 0)
                {
                    problems.Add($"{where}: target {year} negatif");
                }
            }
            foreach (var (year, budget) in x.BudgetIdr ?? [])
            {
                if (budget < 0 || budget is { } b && b != decimal.Truncate(b))
                {
                    problems.Add($"{where}: anggaran {year} harus rupiah bulat tidak negatif");
                }
            }
        }
        return problems;
    }
}
