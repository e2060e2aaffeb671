using System.Globalization;
using System.Text;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Registry.Import;

/// <summary>One member row of a DTKS file, parsed and checked.</summary>
internal sealed record DtksRow(
    string IdDtks,
    string RegionCode,
    string NoKk,
    string Nik,
    string Name,
    char Sex,
    DateOnly BirthDate,
    int Relation,
    int MaritalStatus,
    int Desil,
    int Disability,
    int School,
    bool Pregnant,
    int Occupation,
    bool Pkh,
    bool Bpnt,
    bool Pbi,
    string Period,
    MemberFlags Flags);

/// <summary>
/// Maps header names to positions and turns records into <see cref="DtksRow"/>s, or into the
/// reasons (in Indonesian) why a row cannot enter the registry. All problems of a row are
/// reported together so the data office can fix a row in one go.
/// </summary>
internal sealed class DtksRowParser
{
    private readonly int[] index;
    private readonly int headerCount;
    private readonly RegionCatalog regions;

    private DtksRowParser(int[] index, int headerCount, RegionCatalog regions)
    {
        this.index = index;
        this.headerCount = headerCount;
        this.regions = regions;
    }

    /// <summary>Reads the header, detects the delimiter and checks that every column is there.</summary>
    public static DtksRowParser FromHeader(CsvRecordReader reader, RegionCatalog regions)
    {
        var positions = CsvHeader.Read(reader, "DTKS", DtksColumns.All, " seperti id_dtks, kode_wilayah, no_kk, nik");
        return new DtksRowParser(DtksColumns.All.Select(c => positions[c]).ToArray(), reader.FieldCount, regions);
    }

    public int ExpectedFields => headerCount;

    /// <summary>The household id of a record if it can be read, for linking a reject to its household.</summary>
    public string? IdDtksOf(CsvRecordReader r) =>
        r.FieldCount > index[0] && r.Field(index[0]).Trim() is { Length: > 0 and <= 40 } id ? id.ToString() : null;

    public string? TryParse(CsvRecordReader r, out DtksRow? row)
    {
        row = null;
        if (r.FieldCount != headerCount)
        {
            return $"jumlah kolom {r.FieldCount}, seharusnya {headerCount}";
        }

        var problems = new StringBuilder();
        void Problem(string text) => problems.Append(problems.Length == 0 ? "" : "; ").Append(text);

        var idDtks = F(r, 0);
        if (idDtks.IsEmpty)
        {
            Problem("id_dtks kosong");
        }
        else if (idDtks.Length > 40)
        {
            Problem("id_dtks lebih dari 40 karakter");
        }

        var regionRaw = F(r, 1);
        var region = RegionCatalog.NormalizeDesaCode(regionRaw);
        if (region is null)
        {
            Problem($"kode wilayah '{Clip(regionRaw)}' tidak berbentuk 53.01.04.2003 atau 5301042003");
        }
        else if (regions.Find(region) is not { Level: RegionLevel.DesaKelurahan })
        {
            Problem($"kode wilayah {region} tidak dikenal");
            region = null;
        }

        var noKk = F(r, 2);
        if (!IsDigits(noKk, 16))
        {
            Problem($"nomor KK harus 16 digit (tertulis {noKk.Length} karakter)");
        }

        var nik = F(r, 3);
        switch (Registry.Nik.CheckStructure(nik))
        {
            case Registry.Nik.Problem.NotSixteenDigits:
                Problem($"NIK harus 16 digit (tertulis {nik.Length} karakter)");
                break;
            case Registry.Nik.Problem.BadDatePart:
                Problem("bagian tanggal lahir NIK (digit 7–12) bukan tanggal yang sah");
                break;
            case Registry.Nik.Problem.ZeroSerial:
                Problem("nomor urut NIK (digit 13–16) tidak boleh 0000");
                break;
        }

        var name = F(r, 4);
        if (name.IsEmpty)
        {
            Problem("nama kosong");
        }
        else if (name.Length > 120)
        {
            Problem("nama lebih dari 120 karakter");
        }

        var sexText = F(r, 5);
        var sex = sexText is "L" or "l" ? 'L' : sexText is "P" or "p" ? 'P' : '\0';
        if (sex == '\0')
        {
            Problem($"jenis kelamin harus L atau P (tertulis '{Clip(sexText)}')");
        }

        var birthText = F(r, 6);
        var birthOk = TryParseDate(birthText, out var birthDate);
        if (!birthOk)
        {
            Problem($"tanggal lahir '{Clip(birthText)}' tidak sah (format yyyy-mm-dd atau dd-mm-yyyy)");
        }

        var relation = Code(r, 7, 1, 8, "hubungan_krt", Problem);
        var marital = Code(r, 8, 1, 4, "status_kawin", Problem);
        var desil = Code(r, 9, 1, 10, "desil", Problem);
        var disability = Code(r, 10, 0, 2, "disabilitas", Problem);
        var school = Code(r, 11, 0, 4, "sekolah", Problem);
        var pregnant = Code(r, 12, 0, 1, "hamil", Problem);
        var occupation = Code(r, 13, 0, 7, "pekerjaan", Problem);
        var pkh = Code(r, 14, 0, 1, "pkh", Problem);
        var bpnt = Code(r, 15, 0, 1, "bpnt", Problem);
        var pbi = Code(r, 16, 0, 1, "pbi", Problem);

        var periodText = F(r, 17);
        var periodOk = periodText.Length == 7 && periodText[4] == '-'
            && int.TryParse(periodText[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var py) && py is >= 2000 and <= 2100
            && int.TryParse(periodText[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var pm) && pm is >= 1 and <= 12;
        if (!periodOk)
        {
            Problem($"periode '{Clip(periodText)}' tidak sah (format yyyy-mm)");
        }
        else if (birthOk)
        {
            var periodEnd = new DateOnly(int.Parse(periodText[..4], CultureInfo.InvariantCulture), int.Parse(periodText[5..], CultureInfo.InvariantCulture), 1).AddMonths(1);
            if (birthDate >= periodEnd)
            {
                Problem($"tanggal lahir {Indonesian.Date(birthDate)} sesudah periode data {periodText}");
            }
        }

        if (pregnant == 1 && sex == 'L')
        {
            Problem("hamil = 1 padahal jenis kelamin L");
        }

        if (problems.Length > 0)
        {
            return problems.ToString();
        }

        var nikText = nik.ToString();
        var (birthMatches, sexMatches) = Registry.Nik.Agrees(nikText, birthDate, sex);
        var flags = (birthMatches ? MemberFlags.None : MemberFlags.NikTanggalLahirTidakCocok)
            | (sexMatches ? MemberFlags.None : MemberFlags.NikJenisKelaminTidakCocok);

        row = new DtksRow(
            idDtks.ToString(), region!, noKk.ToString(), nikText, name.ToString(), sex, birthDate,
            relation, marital, desil, disability, school, pregnant == 1, occupation, pkh == 1, bpnt == 1, pbi == 1,
            periodText.ToString(), flags);
        return null;
    }

    private ReadOnlySpan<char> F(CsvRecordReader r, int column) => r.Field(index[column]).Trim();

    private int Code(CsvRecordReader r, int column, int min, int max, string label, Action<string> problem)
    {
        var text = F(r, column);
        if (text.Length is > 0 and <= 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        problem(max - min == 1
            ? $"{label} harus {min} atau {max} (tertulis '{Clip(text)}')"
            : $"{label} harus {min}–{max} (tertulis '{Clip(text)}')");
        return min;
    }

    internal static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsDigits(ReadOnlySpan<char> text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 30 ? text.ToString() : string.Concat(text[..30], "…");
}
