using System.Text;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Engine.Panti.Import;

/// <summary>One line of a resident list, parsed and checked on its own (the register and DTKS are checked later).</summary>
internal sealed record ResidentRow(
    string HomeCode,
    string Nik,
    string Name,
    string Sex,
    DateOnly BirthDate,
    string Category,
    DateOnly AdmittedOn,
    string OriginAddress,
    string GuardianName,
    string GuardianRelation,
    string Stage,
    DateOnly StageOn,
    bool PlanCompleted,
    bool EvaluationDone,
    DateOnly? TerminationOn);

/// <summary>
/// Maps the header to positions and turns records into <see cref="ResidentRow"/>s, or into every
/// reason (in Indonesian) why a line cannot enter the register, so a home can fix a line in one go.
/// </summary>
internal sealed class ResidentRowParser
{
    private readonly Dictionary<string, int> index;
    private readonly int headerCount;
    private readonly IReadOnlyDictionary<string, PantiHome> homes;
    private readonly RegionScope scope;
    private readonly DateOnly today;

    private ResidentRowParser(Dictionary<string, int> index, int headerCount, IReadOnlyDictionary<string, PantiHome> homes, RegionScope scope, DateOnly today)
    {
        this.index = index;
        this.headerCount = headerCount;
        this.homes = homes;
        this.scope = scope;
        this.today = today;
    }

    /// <summary>Reads the header, detects the delimiter and checks that every required column is there.</summary>
    public static ResidentRowParser FromHeader(CsvRecordReader reader, IReadOnlyDictionary<string, PantiHome> homes, RegionScope scope, DateOnly today)
    {
        var positions = CsvHeader.Read(reader, "daftar penghuni panti", ResidentColumns.Required, ": " + string.Join(",", ResidentColumns.Required));
        var used = ResidentColumns.All.Where(positions.ContainsKey).ToDictionary(c => c, c => positions[c], StringComparer.Ordinal);
        return new ResidentRowParser(used, reader.FieldCount, homes, scope, today);
    }

    /// <summary>The NIK of a record as written, when it looks like one (for listing a rejected line).</summary>
    public string? NikOf(CsvRecordReader r) =>
        r.FieldCount > index[ResidentColumns.Nik] && r.Field(index[ResidentColumns.Nik]).Trim() is { Length: > 0 and <= 20 } nik ? nik.ToString() : null;

    public string? TryParse(CsvRecordReader r, out ResidentRow? row)
    {
        row = null;
        if (r.FieldCount != headerCount)
        {
            return $"jumlah kolom {r.FieldCount}, seharusnya {headerCount}";
        }

        var problems = new StringBuilder();
        void Problem(string text) => problems.Append(problems.Length == 0 ? "" : "; ").Append(text);

        var homeCode = F(r, ResidentColumns.KodePanti).ToString().ToLowerInvariant();
        if (homeCode.Length == 0)
        {
            Problem("kode_panti kosong");
        }
        else if (!homes.TryGetValue(homeCode, out var home))
        {
            Problem($"kode panti '{Clip(homeCode)}' tidak dikenal");
        }
        else if (!scope.Allows(home))
        {
            Problem(scope.Home is { } mine ? $"panti {homeCode} bukan panti Anda ({mine})" : $"panti {homeCode} di luar wilayah Anda");
        }

        var nik = F(r, ResidentColumns.Nik);
        var nikOk = false;
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
            default:
                nikOk = true;
                break;
        }

        var name = Text(r, ResidentColumns.Nama, "nama", 120, required: true, Problem);

        var sexText = F(r, ResidentColumns.JenisKelamin);
        var sex = sexText is "L" or "l" ? "L" : sexText is "P" or "p" ? "P" : null;
        if (sex is null)
        {
            Problem($"jenis kelamin harus L atau P (tertulis '{Clip(sexText)}')");
        }

        var birthDate = Date(r, ResidentColumns.TanggalLahir, "tanggal lahir", Problem);
        if (nikOk && birthDate is { } born && sex is not null)
        {
            var (birthMatches, sexMatches) = Registry.Nik.Agrees(nik, born, sex[0]);
            if (!birthMatches)
            {
                Problem($"tanggal lahir pada NIK (digit 7–12: {nik[6..12]}) tidak cocok dengan tanggal lahir {Indonesian.Date(born)}");
            }

            if (!sexMatches)
            {
                Problem(sex == "L"
                    ? "NIK menandai perempuan (tanggal lahir + 40) padahal jenis kelamin L"
                    : "NIK menandai laki-laki (tanggal lahir tanpa + 40) padahal jenis kelamin P");
            }
        }

        var categoryText = F(r, ResidentColumns.Kategori).ToString().ToLowerInvariant();
        var category = ResidentCategories.All.Contains(categoryText) ? categoryText : null;
        if (category is null)
        {
            Problem($"kategori '{Clip(categoryText)}' bukan salah satu dari {string.Join(", ", ResidentCategories.All)}");
        }

        var admittedOn = Date(r, ResidentColumns.TanggalMasuk, "tanggal masuk", Problem);
        if (admittedOn < birthDate)
        {
            Problem($"tanggal masuk {Indonesian.Date(admittedOn!.Value)} sebelum tanggal lahir");
        }

        var address = Text(r, ResidentColumns.AlamatAsal, "alamat_asal", 300, required: true, Problem);
        var guardian = Text(r, ResidentColumns.NamaWali, "nama_wali", 120, required: false, Problem);
        var relation = Text(r, ResidentColumns.HubunganWali, "hubungan_wali", 60, required: false, Problem);
        if (guardian is not null && relation is not null && (guardian.Length == 0) != (relation.Length == 0))
        {
            Problem("nama_wali dan hubungan_wali diisi keduanya, atau dikosongkan keduanya bila klien tidak punya wali");
        }

        var stageText = F(r, ResidentColumns.Tahap);
        var stage = StageMove.Known(stageText.ToString());
        if (stage is null)
        {
            Problem($"tahap '{Clip(stageText)}' bukan salah satu dari {StageMove.Choices}");
        }

        var stageOn = Date(r, ResidentColumns.TanggalTahap, "tanggal tahap", Problem);
        if (stageOn < admittedOn)
        {
            Problem($"tanggal tahap {Indonesian.Date(stageOn!.Value)} sebelum tanggal masuk");
        }

        var plan = Flag(r, ResidentColumns.RencanaSelesai, Problem);
        var evaluation = Flag(r, ResidentColumns.EvaluasiSelesai, Problem);

        DateOnly? terminationOn = null;
        if (index.ContainsKey(ResidentColumns.TanggalTerminasi) && !F(r, ResidentColumns.TanggalTerminasi).IsEmpty)
        {
            terminationOn = Date(r, ResidentColumns.TanggalTerminasi, "tanggal terminasi", Problem);
            if (terminationOn is { } terminated && stage is not null)
            {
                if (stage is not (RehabilitationStages.Termination or RehabilitationStages.FollowUp))
                {
                    Problem("tanggal_terminasi hanya diisi untuk tahap terminasi atau bimbingan-lanjut");
                }
                else if (stage == RehabilitationStages.Termination && stageOn is { } on && terminated != on)
                {
                    Problem($"tanggal_terminasi {Indonesian.Date(terminated)} berbeda dengan tanggal tahap terminasi {Indonesian.Date(on)}");
                }
                else if (terminated < admittedOn || terminated > stageOn)
                {
                    Problem($"tanggal_terminasi {Indonesian.Date(terminated)} harus di antara tanggal masuk dan tanggal tahap");
                }
            }
        }

        if (problems.Length > 0)
        {
            return problems.ToString();
        }

        row = new ResidentRow(
            homeCode, nik.ToString(), name!, sex!, birthDate!.Value, category!, admittedOn!.Value, address!, guardian!, relation!,
            stage!, stageOn!.Value, plan!.Value, evaluation!.Value, terminationOn);
        return null;
    }

    private ReadOnlySpan<char> F(CsvRecordReader r, string column) => r.Field(index[column]).Trim();

    /// <summary>Free text a person typed: within its length, and nothing a spreadsheet or another system would run.</summary>
    private string? Text(CsvRecordReader r, string column, string label, int maxLength, bool required, Action<string> problem)
    {
        var text = F(r, column).ToString();
        if (text.Length == 0)
        {
            if (required)
            {
                problem($"{label} kosong");
                return null;
            }

            return text;
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

    private DateOnly? Date(CsvRecordReader r, string column, string label, Action<string> problem)
    {
        var text = F(r, column);
        if (!DtksRowParser.TryParseDate(text, out var date))
        {
            problem($"{label} '{Clip(text)}' tidak sah (format yyyy-mm-dd atau dd-mm-yyyy)");
            return null;
        }

        if (date > today)
        {
            problem($"{label} {Indonesian.Date(date)} belum tiba");
            return null;
        }

        return date;
    }

    private bool? Flag(CsvRecordReader r, string column, Action<string> problem)
    {
        var text = F(r, column).ToString().ToLowerInvariant();
        switch (text)
        {
            case "ya" or "1":
                return true;
            case "tidak" or "0":
                return false;
            default:
                problem($"{column} harus ya atau tidak (tertulis '{Clip(text)}')");
                return null;
        }
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 30 ? text.ToString() : string.Concat(text[..30], "…");
}
