using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Pkh.Import;

/// <summary>One line of a PKH beneficiary file, parsed and checked on its own (the register and DTKS are checked later).</summary>
internal sealed record KpmRow(
    string Period,
    string KpmCode,
    string KkNumber,
    string CaretakerNik,
    string CaretakerName,
    string DesaCode,
    int YearOfEntry,
    int PregnantWomen,
    int YoungChildren,
    int SdChildren,
    int SmpChildren,
    int SmaChildren,
    int Elderly,
    int SevereDisability,
    int CommitmentWarnings,
    decimal P2k2Attendance,
    decimal SchoolAttendance,
    string Pendamping)
{
    public string KabupatenCode => DesaCode[..5];

    /// <summary>SHA-256 of the line's values as read (not as typed), so spacing or a percent sign written differently changes nothing.</summary>
    public string Hash()
    {
        var text = string.Join('|', Period, KpmCode, KkNumber, CaretakerNik, CaretakerName, DesaCode, YearOfEntry.ToString(CultureInfo.InvariantCulture),
            PregnantWomen, YoungChildren, SdChildren, SmpChildren, SmaChildren, Elderly, SevereDisability, CommitmentWarnings,
            P2k2Attendance.ToString("0.000", CultureInfo.InvariantCulture), SchoolAttendance.ToString("0.000", CultureInfo.InvariantCulture), Pendamping);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>A user with the role pendamping, and the region they work in.</summary>
internal sealed record PendampingUser(string UserName, RegionScope Region);

/// <summary>
/// Maps the header to positions and turns records into <see cref="KpmRow"/>s, or into every reason
/// (in Indonesian) why a line cannot enter the register, so the coordinator can fix a line in one go.
/// </summary>
internal sealed class KpmRowParser
{
    /// <summary>PKH began in 2007: no family entered it earlier.</summary>
    public const int FirstYear = 2007;

    private readonly Dictionary<string, int> index;
    private readonly int headerCount;
    private readonly IReadOnlyDictionary<string, PendampingUser> pendamping;
    private readonly RegionScope scope;
    private readonly DateOnly today;

    private KpmRowParser(Dictionary<string, int> index, int headerCount, IReadOnlyDictionary<string, PendampingUser> pendamping, RegionScope scope, DateOnly today)
    {
        this.index = index;
        this.headerCount = headerCount;
        this.pendamping = pendamping;
        this.scope = scope;
        this.today = today;
    }

    /// <summary>Reads the header, detects the delimiter and checks that every column is there.</summary>
    /// <param name="pendamping">The user names of the pendamping (case-insensitive) with the region each works in.</param>
    public static KpmRowParser FromHeader(CsvRecordReader reader, IReadOnlyDictionary<string, PendampingUser> pendamping, RegionScope scope, DateOnly today)
    {
        var positions = CsvHeader.Read(reader, "berkas KPM PKH", KpmColumns.All, ": " + string.Join(",", KpmColumns.All));
        return new KpmRowParser(KpmColumns.All.ToDictionary(c => c, c => positions[c], StringComparer.Ordinal), reader.FieldCount, pendamping, scope, today);
    }

    /// <summary>The KPM id of a record as written, when there is one (for listing a rejected line).</summary>
    public string? KpmCodeOf(CsvRecordReader r) =>
        r.FieldCount > index[KpmColumns.IdKpm] && r.Field(index[KpmColumns.IdKpm]).Trim() is { Length: > 0 and <= 30 } code ? code.ToString() : null;

    public string? TryParse(CsvRecordReader r, out KpmRow? row)
    {
        row = null;
        if (r.FieldCount != headerCount)
        {
            return $"jumlah kolom {r.FieldCount}, seharusnya {headerCount}";
        }

        var problems = new StringBuilder();
        void Problem(string text) => problems.Append(problems.Length == 0 ? "" : "; ").Append(text);

        var periodText = F(r, KpmColumns.Periode);
        int? period = null;
        if (periodText.Length != 4 || !int.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            Problem($"periode '{Clip(periodText)}' harus tahun empat digit, misalnya {today.Year}");
        }
        else if (p < FirstYear || p > today.Year + 1)
        {
            Problem($"periode {p} di luar {FirstYear}–{today.Year + 1}");
        }
        else
        {
            period = p;
        }

        var kpmCode = F(r, KpmColumns.IdKpm).ToString();
        if (kpmCode.Length == 0)
        {
            Problem("id_kpm kosong");
        }
        else if (kpmCode.Length > 30 || !kpmCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/'))
        {
            Problem($"id_kpm '{Clip(kpmCode)}' hanya boleh berisi huruf, angka, - . / dan paling panjang 30 karakter");
        }

        var kk = F(r, KpmColumns.NoKk);
        if (kk.Length != 16 || kk.ContainsAnyExceptInRange('0', '9'))
        {
            Problem($"nomor KK harus 16 digit (tertulis {kk.Length} karakter)");
        }

        var nik = F(r, KpmColumns.NikPengurus);
        switch (Registry.Nik.CheckStructure(nik))
        {
            case Registry.Nik.Problem.NotSixteenDigits:
                Problem($"NIK pengurus harus 16 digit (tertulis {nik.Length} karakter)");
                break;
            case Registry.Nik.Problem.BadDatePart:
                Problem("bagian tanggal lahir NIK pengurus (digit 7–12) bukan tanggal yang sah");
                break;
            case Registry.Nik.Problem.ZeroSerial:
                Problem("nomor urut NIK pengurus (digit 13–16) tidak boleh 0000");
                break;
        }

        var name = Text(r, KpmColumns.NamaPengurus, "nama_pengurus", 120, Problem);

        var desaCode = RegionCatalog.NormalizeDesaCode(F(r, KpmColumns.KodeDesa));
        if (desaCode is null || RegionCatalog.Ntt.Find(desaCode) is not { Level: RegionLevel.DesaKelurahan })
        {
            Problem($"kode desa '{Clip(F(r, KpmColumns.KodeDesa))}' tidak dikenal di NTT");
            desaCode = null;
        }
        else if (!scope.Allows(desaCode[..5]))
        {
            Problem($"desa {desaCode} di luar wilayah Anda ({scope})");
        }

        var entryText = F(r, KpmColumns.TahunMasuk);
        int? entry = null;
        if (entryText.Length != 4 || !int.TryParse(entryText, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            Problem($"tahun_masuk '{Clip(entryText)}' harus tahun empat digit");
        }
        else if (y < FirstYear)
        {
            Problem($"tahun_masuk {y} sebelum {FirstYear}, tahun PKH dimulai");
        }
        else if (y > today.Year)
        {
            Problem($"tahun_masuk {y} belum tiba");
        }
        else if (period is { } pe && y > pe)
        {
            Problem($"tahun_masuk {y} sesudah periode {pe}");
        }
        else
        {
            entry = y;
        }

        var counts = new int[KpmColumns.Counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            var (column, label) = KpmColumns.Counts[i];
            var text = F(r, column);
            if (text.Length == 0 || text.Length > 3 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]))
            {
                Problem($"{label} harus bilangan bulat 0 atau lebih (tertulis '{Clip(text)}')");
            }
        }

        var schoolChildren = counts[2] + counts[3] + counts[4];
        var p2k2 = Share(r, KpmColumns.KehadiranP2k2, "kehadiran_p2k2", emptyMeans: null, Problem);
        var school = Share(r, KpmColumns.KehadiranSekolah, "kehadiran_sekolah", emptyMeans: schoolChildren == 0 ? 1m : null, Problem);

        var pendampingName = F(r, KpmColumns.Pendamping).ToString();
        string? pendampingUser = null;
        if (pendampingName.Length == 0)
        {
            Problem("pendamping kosong");
        }
        else if (!pendamping.TryGetValue(pendampingName, out var user))
        {
            Problem($"pendamping '{Clip(pendampingName)}' bukan nama pengguna berperan pendamping");
        }
        else if (desaCode is not null && !user.Region.Allows(desaCode[..5]))
        {
            Problem($"pendamping {pendampingName} tidak bertugas di kabupaten/kota {desaCode[..5]} (wilayahnya {user.Region})");
        }
        else
        {
            pendampingUser = user.UserName;
        }

        if (problems.Length > 0)
        {
            return problems.ToString();
        }

        row = new KpmRow(
            period!.Value.ToString(CultureInfo.InvariantCulture), kpmCode, kk.ToString(), nik.ToString(), name!, desaCode!, entry!.Value,
            counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], p2k2!.Value, school!.Value, pendampingUser!);
        return null;
    }

    private ReadOnlySpan<char> F(CsvRecordReader r, string column) => r.Field(index[column]).Trim();

    /// <summary>A share written as 0–1 (0.85 or 0,85) or as a percent (85%).</summary>
    private decimal? Share(CsvRecordReader r, string column, string label, decimal? emptyMeans, Action<string> problem)
    {
        var text = F(r, column);
        if (text.Length == 0 && emptyMeans is { } value)
        {
            return value;
        }

        var percent = text.EndsWith('%');
        var number = (percent ? text[..^1].TrimEnd() : text).ToString().Replace(',', '.');
        if (number.Length == 0 || number.Length > 8 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share))
        {
            problem($"{label} '{Clip(text)}' harus angka 0–1 (misalnya 0.85) atau persen (85%)");
            return null;
        }

        if (percent)
        {
            share /= 100m;
        }

        if (share > 1m)
        {
            problem($"{label} {Clip(text)} lebih dari {(percent ? "100%" : "1")}");
            return null;
        }

        return Math.Round(share, 3, MidpointRounding.AwayFromZero);
    }

    /// <summary>Free text a person typed: within its length, and nothing a spreadsheet or another system would run.</summary>
    private string? Text(CsvRecordReader r, string column, string label, int maxLength, Action<string> problem)
    {
        var text = F(r, column).ToString();
        if (text.Length == 0)
        {
            problem($"{label} kosong");
            return null;
        }

        if (text.Length > maxLength)
        {
            problem($"{label} lebih dari {maxLength} karakter");
            return null;
        }

        if (SafeText.Problem(text) is { } unsafeText)
        {
            problem($"{label} {unsafeText}");
            return null;
        }

        return text;
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 30 ? text.ToString() : string.Concat(text[..30], "…");
}
