using System.Globalization;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Engine.Tests.Registry;

public class DtksGeneratorTests
{
    private const int NikColumn = 3;
    private const int SexColumn = 5;
    private const int BirthDateColumn = 6;

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var options = new GeneratorOptions(3_000, Seed: 7, DefectRate: 0.05);

        var first = Generate(options).Text;
        var second = Generate(options).Text;

        Assert.Equal(first, second);
        Assert.NotEqual(first, Generate(options with { Seed = 8 }).Text);
    }

    [Fact]
    public void Households_are_split_over_kabupaten_by_largest_remainder_of_tabel_2_8()
    {
        // Worked by hand from Tabel 2.8 (744,779 households) for 10,000 households.
        int[] expected = [708, 1239, 495, 339, 416, 415, 569, 465, 178, 575, 510, 304, 237, 287, 554, 207, 167, 714, 560, 232, 455, 374];

        var allocation = DtksGenerator.Allocate(10_000);

        Assert.Equal(expected, allocation.Select(a => a.Households));
        Assert.Equal(10_000, allocation.Sum(a => a.Households));
        Assert.Equal("53.02", allocation.MaxBy(a => a.Households).KabupatenCode);
        Assert.Equal(
            RegionCatalog.Ntt.Kabupaten.Select(k => k.Code).Order(StringComparer.Ordinal),
            allocation.Select(a => a.KabupatenCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Full_scale_allocation_reproduces_tabel_2_8_exactly()
    {
        var allocation = DtksGenerator.Allocate(DtksGenerator.FullScaleHouseholds);

        Assert.Equal(92_261, allocation.Single(a => a.KabupatenCode == "53.02").Households);
        Assert.Equal(27_833, allocation.Single(a => a.KabupatenCode == "53.71").Households);
        Assert.Equal(DtksGenerator.FullScaleHouseholds, allocation.Sum(a => a.Households));
    }

    [Fact]
    public void The_file_holds_the_allocated_households_of_each_kabupaten()
    {
        var (_, rows, summary) = Generate(new GeneratorOptions(10_000, Seed: 1, DefectRate: 0));

        var perKabupaten = rows
            .GroupBy(r => r[0], StringComparer.Ordinal)
            .GroupBy(g => g.First()[1][..5], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(10_000, summary.Households);
        foreach (var (code, households) in DtksGenerator.Allocate(10_000))
        {
            Assert.Equal(households, perKabupaten[code]);
        }
    }

    [Fact]
    public void Every_row_has_the_eighteen_columns_after_a_header()
    {
        var (text, rows, summary) = Generate(new GeneratorOptions(2_000, Seed: 2, DefectRate: 0));

        Assert.StartsWith(string.Join(',', DtksColumns.All) + "\n", text, StringComparison.Ordinal);
        Assert.Equal(18, DtksColumns.All.Length);
        Assert.All(rows, r => Assert.Equal(DtksColumns.All.Length, r.Length));
        Assert.Equal(summary.Rows, rows.Count);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_nik_of_a_clean_file_is_valid_agrees_with_its_row_and_is_unique()
    {
        var (_, rows, _) = Generate(new GeneratorOptions(5_000, Seed: 3, DefectRate: 0));

        foreach (var row in rows)
        {
            var nik = row[NikColumn];
            Assert.Equal(Nik.Problem.None, Nik.CheckStructure(nik));
            Assert.Equal((true, true), Nik.Agrees(nik, ParseDate(row[BirthDateColumn]), row[SexColumn][0]));
            // Issued in the household's kecamatan.
            Assert.Equal(row[1][..8].Replace(".", string.Empty, StringComparison.Ordinal), nik[..6]);
        }

        Assert.Equal(rows.Count, rows.Select(r => r[NikColumn]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Household_columns_repeat_on_every_member_and_identify_one_household()
    {
        var (_, rows, _) = Generate(new GeneratorOptions(2_000, Seed: 4, DefectRate: 0));

        var households = rows.GroupBy(r => r[0], StringComparer.Ordinal).ToList();
        foreach (var household in households)
        {
            Assert.Single(household.Select(r => (r[1], r[2], r[9], r[17])).Distinct());
            Assert.Single(household, r => r[7] == "1");
        }

        Assert.Equal(households.Count, households.Select(h => h.First()[2]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Matches("^[0-9]{16}$", r[2]));
        Assert.All(rows, r => Assert.InRange(int.Parse(r[9], CultureInfo.InvariantCulture), 1, 4));
    }

    [Fact]
    public void Every_region_code_is_a_desa_of_the_official_table()
    {
        var (_, rows, _) = Generate(new GeneratorOptions(2_000, Seed: 5, DefectRate: 0));

        foreach (var code in rows.Select(r => r[1]).Distinct(StringComparer.Ordinal))
        {
            Assert.Equal(RegionLevel.DesaKelurahan, RegionCatalog.Ntt.Find(code)?.Level);
        }
    }

    [Fact]
    public void Households_average_between_four_point_two_and_four_point_seven_members()
    {
        var (_, rows, summary) = Generate(new GeneratorOptions(10_000, Seed: 6, DefectRate: 0));

        var average = (double)rows.Count / summary.Households;

        Assert.InRange(average, 4.2, 4.7);
    }

    [Fact]
    public void Members_are_plausible_for_their_age_and_sex()
    {
        var (_, rows, _) = Generate(new GeneratorOptions(5_000, Seed: 9, DefectRate: 0));
        var reference = new DateOnly(2020, 10, 1);

        foreach (var r in rows)
        {
            var birth = ParseDate(r[BirthDateColumn]);
            Assert.True(birth < reference);
            var age = reference.Year - birth.Year - (birth.AddYears(reference.Year - birth.Year) > reference ? 1 : 0);
            if (r[12] == "1")
            {
                Assert.Equal("P", r[SexColumn]);
                Assert.InRange(age, 15, 49);
            }

            if (r[7] is "1" or "2" or "4")
            {
                Assert.True(age >= 17, $"{r[0]}: a head, spouse or in-law aged {age}");
            }

            if (r[7] == "2")
            {
                Assert.Equal("2", r[8]);
            }

            if (age < 6)
            {
                Assert.Equal("0", r[11]);
                Assert.Equal("0", r[13]);
            }
        }
    }

    [Fact]
    public void Defects_add_up_and_duplicate_niks_span_two_households()
    {
        var (_, rows, summary) = Generate(new GeneratorOptions(2_000, Seed: 11, DefectRate: 0.05));

        var defects = summary.DefectsByKind.Values.Sum();
        Assert.InRange(defects, 60, 140);
        Assert.All(DtksDefectKind.All, kind => Assert.True(summary.DefectsByKind[kind] > 0, kind));
        Assert.Equal(summary.DefectsByKind[DtksDefectKind.DuplicateNik], summary.DuplicateNiks);

        var unknownRegionRows = rows.Count(r => r.Length > 1 && r[1] == DtksGenerator.UnknownRegionCode);
        var unknownRegionHouseholds = rows
            .Where(r => r.Length > 1 && r[1] == DtksGenerator.UnknownRegionCode)
            .Select(r => r[0]).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(summary.DefectsByKind[DtksDefectKind.UnknownRegion], unknownRegionHouseholds);

        var fullRows = rows.Where(r => r.Length == DtksColumns.All.Length).ToList();
        var mismatched = fullRows.Count(r =>
            Nik.CheckStructure(r[NikColumn]) == Nik.Problem.None
            && TryParseDate(r[BirthDateColumn], out var birth)
            && !Nik.Agrees(r[NikColumn], birth, r[SexColumn][0]).BirthDateMatches);
        Assert.Equal(summary.DefectsByKind[DtksDefectKind.NikBirthDateMismatch], mismatched);

        var malformed = rows.Count(r =>
            r.Length != DtksColumns.All.Length
            || r[NikColumn].Length != 16
            || r[4].Length == 0
            || !TryParseDate(r[BirthDateColumn], out _));
        Assert.Equal(summary.DefectsByKind[DtksDefectKind.Malformed], malformed);

        var duplicated = fullRows
            .Where(r => r[NikColumn].Length == 16)
            .GroupBy(r => r[NikColumn], StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        Assert.Equal(summary.DuplicateNiks, duplicated.Sum(g => g.Count() - 1));
        Assert.All(duplicated, g => Assert.Equal(g.Count(), g.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count()));

        Assert.Equal(
            summary.DefectsByKind[DtksDefectKind.DuplicateNik] + mismatched + malformed + unknownRegionRows,
            summary.DefectiveRows);
    }

    [Fact]
    public void A_few_clean_rows_write_the_birth_date_day_first()
    {
        var (_, rows, _) = Generate(new GeneratorOptions(5_000, Seed: 12, DefectRate: 0));

        var dayFirst = rows.Count(r => r[BirthDateColumn][2] == '-');

        Assert.InRange((double)dayFirst / rows.Count, 0.005, 0.02);
    }

    [Fact]
    public void Progress_is_reported_every_ten_thousand_households()
    {
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports.Add);

        _ = DtksGenerator.Write(new GeneratorOptions(25_000, Seed: 13, DefectRate: 0), TextWriter.Null, progress);

        Assert.Equal([10_000, 20_000, 25_000], reports);
    }

    private static (string Text, List<string[]> Rows, GenerationSummary Summary) Generate(GeneratorOptions options)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var summary = DtksGenerator.Write(options, writer);
        var text = writer.ToString();
        // Generated names never contain commas or quotes, so a plain split reads the file.
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        return (text, rows, summary);
    }

    private static DateOnly ParseDate(string text) =>
        TryParseDate(text, out var date) ? date : throw new FormatException($"Not a date: {text}");

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
