using System.Text;

namespace Sejahtera.Engine.Tests.Support;

/// <summary>Builds small PKH beneficiary files by hand, row by row, for the KPM import's tests.</summary>
public sealed class KpmFile
{
    public const string Header =
        "periode,id_kpm,no_kk,nik_pengurus,nama_pengurus,kode_desa,tahun_masuk,ibu_hamil,anak_usia_dini,anak_sd,anak_smp,anak_sma,lansia,disabilitas_berat,"
        + "peringatan_komitmen,kehadiran_p2k2,kehadiran_sekolah,pendamping";

    private static readonly string[] Columns = Header.Split(',');

    private readonly List<string> lines = [Header];

    /// <summary>A valid row of period 2026 in desa 53.07.01.2001 served by pendamping.sikka; override any column by name.</summary>
    public KpmFile Row(string idKpm, string kk, string nik, Action<Dictionary<string, string>>? change = null)
    {
        var values = new Dictionary<string, string>
        {
            ["periode"] = "2026",
            ["id_kpm"] = idKpm,
            ["no_kk"] = kk,
            ["nik_pengurus"] = nik,
            ["nama_pengurus"] = "Maria Goreti Bria",
            ["kode_desa"] = "53.07.01.2001",
            ["tahun_masuk"] = "2015",
            ["ibu_hamil"] = "0",
            ["anak_usia_dini"] = "1",
            ["anak_sd"] = "2",
            ["anak_smp"] = "0",
            ["anak_sma"] = "0",
            ["lansia"] = "0",
            ["disabilitas_berat"] = "0",
            ["peringatan_komitmen"] = "0",
            ["kehadiran_p2k2"] = "0.9",
            ["kehadiran_sekolah"] = "95%",
            ["pendamping"] = "pendamping.sikka",
        };
        change?.Invoke(values);
        lines.Add(string.Join(',', Columns.Select(c => values[c])));
        return this;
    }

    public KpmFile Raw(string line)
    {
        lines.Add(line);
        return this;
    }

    public Stream Stream() => new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    public string Text() => string.Join("\n", lines) + "\n";
}
