using System.Text;

namespace Sejahtera.Engine.Tests.Support;

/// <summary>Builds small resident lists of a home by hand, line by line, for the resident import's tests.</summary>
public sealed class ResidentFile
{
    public static readonly string[] Columns =
    [
        "kode_panti", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "kategori", "tanggal_masuk", "alamat_asal",
        "nama_wali", "hubungan_wali", "tahap", "tanggal_tahap", "rencana_selesai", "evaluasi_selesai",
    ];

    private readonly string[] columns;
    private readonly List<string> lines;

    /// <param name="withTerminationDate">Adds the optional <c>tanggal_terminasi</c> column.</param>
    public ResidentFile(bool withTerminationDate = false)
    {
        columns = withTerminationDate ? [.. Columns, "tanggal_terminasi"] : Columns;
        lines = [string.Join(',', columns)];
    }

    /// <summary>A valid line for a child of the home; override any column by name.</summary>
    public ResidentFile Row(string home, string nik, Action<Dictionary<string, string>>? change = null)
    {
        var values = new Dictionary<string, string>
        {
            ["kode_panti"] = home,
            ["nik"] = nik,
            ["nama"] = "Maria Goreti Bria",
            ["jenis_kelamin"] = nik.Length == 16 && int.Parse(nik.AsSpan(6, 2)) > 40 ? "P" : "L",
            ["tanggal_lahir"] = BirthDate(nik),
            ["kategori"] = "anak",
            ["tanggal_masuk"] = "2024-01-10",
            ["alamat_asal"] = "Desa Naibonat Kecamatan Kupang Timur",
            ["nama_wali"] = "Yosef Bria",
            ["hubungan_wali"] = "ayah",
            ["tahap"] = "intervensi",
            ["tanggal_tahap"] = "2025-06-01",
            ["rencana_selesai"] = "tidak",
            ["evaluasi_selesai"] = "tidak",
            ["tanggal_terminasi"] = "",
        };
        change?.Invoke(values);
        lines.Add(string.Join(',', columns.Select(c => values[c])));
        return this;
    }

    public ResidentFile Raw(string line)
    {
        lines.Add(line);
        return this;
    }

    public int DataLines => lines.Count - 1;

    public byte[] Bytes() => new UTF8Encoding(false).GetBytes(string.Join('\n', lines) + "\n");

    public Stream Stream() => new MemoryStream(Bytes());

    public string WriteTo(string folder, string name = "penghuni.csv")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, Bytes());
        return path;
    }

    private static string BirthDate(string nik)
    {
        if (nik.Length != 16)
        {
            return "2015-01-01";
        }

        var dd = int.Parse(nik.AsSpan(6, 2));
        var yy = int.Parse(nik.AsSpan(10, 2));
        return $"{(yy > 26 ? 1900 : 2000) + yy:0000}-{nik.Substring(8, 2)}-{(dd > 40 ? dd - 40 : dd):00}";
    }
}
