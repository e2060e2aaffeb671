using System.Text;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Engine.Tests.Support;

/// <summary>Builds small DTKS files by hand, row by row, for the importer's tests.</summary>
public sealed class DtksFile
{
    private readonly List<string> lines = [string.Join(',', DtksColumns.All)];

    public static string Nik(string kecamatan6, string ddmmyy, int serial) => $"{kecamatan6}{ddmmyy}{serial:0000}";

    /// <summary>A valid member row; override any column by name.</summary>
    public DtksFile Row(string idDtks, string nik, Action<Dictionary<string, string>>? change = null)
    {
        var values = new Dictionary<string, string>
        {
            [DtksColumns.IdDtks] = idDtks,
            [DtksColumns.KodeWilayah] = "53.07.01.2001",
            [DtksColumns.NoKk] = "5307010000" + (idDtks.Aggregate(7, (h, c) => ((h * 31) + c) % 1_000_000)).ToString("D6"),
            [DtksColumns.Nik] = nik,
            [DtksColumns.Nama] = "Maria Goreti Bria",
            [DtksColumns.JenisKelamin] = nik.Length == 16 && int.Parse(nik.AsSpan(6, 2)) > 40 ? "P" : "L",
            [DtksColumns.TanggalLahir] = BirthDate(nik),
            [DtksColumns.HubunganKrt] = "1",
            [DtksColumns.StatusKawin] = "2",
            [DtksColumns.Desil] = "1",
            [DtksColumns.Disabilitas] = "0",
            [DtksColumns.Sekolah] = "4",
            [DtksColumns.Hamil] = "0",
            [DtksColumns.Pekerjaan] = "1",
            [DtksColumns.Pkh] = "1",
            [DtksColumns.Bpnt] = "0",
            [DtksColumns.Pbi] = "1",
            [DtksColumns.Periode] = "2020-10",
        };
        change?.Invoke(values);
        lines.Add(string.Join(',', DtksColumns.All.Select(c => values[c])));
        return this;
    }

    public DtksFile Raw(string line)
    {
        lines.Add(line);
        return this;
    }

    public int DataLines => lines.Count - 1;

    public string WriteTo(string folder, string name = "dtks.csv", string newline = "\n", bool bom = false)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join(newline, lines) + newline, new UTF8Encoding(bom));
        return path;
    }

    private static string BirthDate(string nik)
    {
        if (nik.Length != 16)
        {
            return "1980-01-01";
        }

        var dd = int.Parse(nik.AsSpan(6, 2));
        var yy = int.Parse(nik.AsSpan(10, 2));
        return $"{(yy > 25 ? 1900 : 2000) + yy:0000}-{nik.Substring(8, 2)}-{(dd > 40 ? dd - 40 : dd):00}";
    }
}
