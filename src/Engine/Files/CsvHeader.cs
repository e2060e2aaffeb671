namespace Sejahtera.Engine.Files;

/// <summary>
/// The header line of the office's CSV files (DTKS export, resident list, KPM file): the delimiter
/// (comma, or semicolon when the header has more of them, as spreadsheets in Indonesian locales
/// write), column names in any order and case, and every required column present — or the whole
/// file refused, naming what is missing.
/// </summary>
internal static class CsvHeader
{
    /// <summary>
    /// Reads the header the reader stands on and answers each column's position by name (case-insensitive).
    /// <paramref name="what"/> names the file in the refusal ("DTKS"); <paramref name="expected"/> ends the
    /// sentence telling what the first line should hold.
    /// </summary>
    public static Dictionary<string, int> Read(CsvRecordReader reader, string what, IReadOnlyCollection<string> required, string expected)
    {
        var raw = reader.Raw;
        if (raw.Count(c => c == ';') > raw.Count(c => c == ','))
        {
            reader.UseDelimiter(';');
        }

        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.Field(i).Trim().TrimStart('\uFEFF').ToString();
            if (name.Length > 0)
            {
                positions.TryAdd(name, i);
            }
        }

        var missing = required.Where(c => !positions.ContainsKey(c)).ToList();
        if (missing.Count == required.Count)
        {
            throw new FileRefusedException(
                $"Baris pertama bukan judul kolom {what}: tidak satu pun kolom wajib ditemukan. "
                + $"Pemisah kolom harus koma (,) atau titik koma (;), dan baris pertama berisi nama kolom{expected}.");
        }

        return missing.Count > 0 ? throw new FileRefusedException($"Kolom wajib tidak ada: {string.Join(", ", missing)}.") : positions;
    }
}
