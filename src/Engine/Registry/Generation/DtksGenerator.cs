using System.Globalization;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Generation;

internal sealed record GeneratorOptions(int Households, int Seed, double DefectRate, string Period = "2020-10");

internal sealed record GenerationSummary(
    long Households,
    long Rows,
    long DefectiveRows,
    long DuplicateNiks,
    IReadOnlyDictionary<string, long> DefectsByKind);

/// <summary>The kinds of realistic defects the generator plants, as named in <see cref="GenerationSummary.DefectsByKind"/>.</summary>
internal static class DtksDefectKind
{
    /// <summary>A member reuses the NIK (and identity) of a member of an earlier household: data ganda.</summary>
    public const string DuplicateNik = "duplicate-nik";

    /// <summary>tanggal_lahir no longer matches the NIK's date part; the row is otherwise valid.</summary>
    public const string NikBirthDateMismatch = "nik-birthdate-mismatch";

    /// <summary>Every row of the household carries a region code that is not in the official table.</summary>
    public const string UnknownRegion = "unknown-region";

    /// <summary>One row is broken: 15-digit NIK, empty name, impossible date or a missing column.</summary>
    public const string Malformed = "malformed";

    public static readonly string[] All = [DuplicateNik, NikBirthDateMismatch, UnknownRegion, Malformed];
}

/// <summary>
/// Writes a synthetic DTKS exchange file (one row per person) calibrated on the NTT figures of the
/// Renstra Dinas Sosial 2019–2023. Deterministic for a seed and streaming, so the full provincial
/// registry can be produced for load tests without holding it in memory.
/// </summary>
internal static class DtksGenerator
{
    /// <summary>DTKS 2020, lowest 40%, NTT total (Tabel 2.8).</summary>
    public const int FullScaleHouseholds = 744_779;

    /// <summary>Not in the official table: kabupaten 53.99 does not exist.</summary>
    public const string UnknownRegionCode = "53.99.01.2001";

    public const int ProgressInterval = 10_000;

    // Households in DTKS 2020 (Tabel 2.8) and PKH KPM 2018 (Tabel 2.29) per kabupaten/kota, copied
    // from the seed document (the office's Renstra). Order is the official code order.
    private static readonly (string Code, int DtksHouseholds, int PkhKpm)[] Figures =
    [
        ("53.01", 52724, 26646),
        ("53.02", 92261, 47211),
        ("53.03", 36854, 18546),
        ("53.04", 25229, 11671),
        ("53.05", 31014, 16826),
        ("53.06", 30900, 12633),
        ("53.07", 42393, 18448),
        ("53.08", 34655, 19691),
        ("53.09", 13255, 7343),
        ("53.10", 42820, 27214),
        ("53.11", 38003, 23008),
        ("53.12", 22617, 13740),
        ("53.13", 17643, 10884),
        ("53.14", 21365, 12605),
        ("53.15", 41228, 21376),
        ("53.16", 15396, 6812),
        ("53.17", 12458, 7023),
        ("53.18", 53171, 30050),
        ("53.19", 41748, 24387),
        ("53.20", 17295, 8424),
        ("53.21", 33917, 11464),
        ("53.71", 27833, 10246),
    ];

    /// <summary>
    /// Splits <paramref name="households"/> over the kabupaten/kota in proportion to Tabel 2.8, by
    /// largest remainder so the parts add up exactly.
    /// </summary>
    public static IReadOnlyList<(string KabupatenCode, int Households)> Allocate(int households)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(households);
        long total = 0;
        foreach (var f in Figures)
        {
            total += f.DtksHouseholds;
        }

        var parts = new int[Figures.Length];
        var remainders = new long[Figures.Length];
        long assigned = 0;
        for (var i = 0; i < Figures.Length; i++)
        {
            var exact = (long)households * Figures[i].DtksHouseholds;
            parts[i] = (int)(exact / total);
            remainders[i] = exact % total;
            assigned += parts[i];
        }

        // Ties go to the earlier code so the split never depends on sort stability.
        var order = Enumerable.Range(0, Figures.Length)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; k < households - assigned; k++)
        {
            parts[order[k]]++;
        }

        var result = new (string, int)[Figures.Length];
        for (var i = 0; i < Figures.Length; i++)
        {
            result[i] = (Figures[i].Code, parts[i]);
        }

        return result;
    }

    public static GenerationSummary Write(GeneratorOptions options, TextWriter writer, IProgress<long>? progressHouseholds = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Households);
        if (options.DefectRate is < 0.0 or > 1.0 || double.IsNaN(options.DefectRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefectRate, "DefectRate must be between 0 and 1.");
        }

        if (!DateOnly.TryParseExact(options.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var periodStart))
        {
            throw new ArgumentException("Period must be yyyy-mm.", nameof(options));
        }

        var session = new DtksGeneratorSession(options, periodStart, writer, progressHouseholds);
        var allocation = Allocate(options.Households);
        session.WriteHeader();
        for (var i = 0; i < allocation.Count; i++)
        {
            var (code, count) = allocation[i];
            var pkhRate = (double)Figures[i].PkhKpm / Figures[i].DtksHouseholds;
            session.WriteKabupaten(code, count, pkhRate);
        }

        session.Finish();
        return session.Summary();
    }
}
