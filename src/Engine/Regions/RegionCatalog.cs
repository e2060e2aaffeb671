using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Sejahtera.Engine.Regions;

/// <summary>
/// The official NTT region table shipped with the project. Loaded once; the import and the
/// generator look codes up here instead of asking the database for every row.
/// </summary>
internal sealed class RegionCatalog
{
    private static readonly Lazy<RegionCatalog> Shipped = new(LoadShipped);

    private readonly FrozenDictionary<string, Region> byCode;

    private RegionCatalog(IReadOnlyList<Region> regions)
    {
        All = regions;
        byCode = regions.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
        Kabupaten = regions.Where(r => r.Level == RegionLevel.KabupatenKota).ToArray();
        DesaByKabupaten = regions
            .Where(r => r.Level == RegionLevel.DesaKelurahan)
            .GroupBy(r => r.Code[..5], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<Region>)g.ToArray(), StringComparer.Ordinal);
    }

    public static RegionCatalog Ntt => Shipped.Value;

    public IReadOnlyList<Region> All { get; }

    public IReadOnlyList<Region> Kabupaten { get; }

    public FrozenDictionary<string, IReadOnlyList<Region>> DesaByKabupaten { get; }

    public Region? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>
    /// A kecamatan listed in the table, or one whose desa are (the shipped table lists desa of
    /// 53.02.10 without the kecamatan row itself).
    /// </summary>
    public bool IsKecamatan(string code) =>
        Find(code) is { Level: RegionLevel.Kecamatan }
        || (code.Length == 8 && DesaByKabupaten.GetValueOrDefault(code[..5])?.Any(d => d.Code.StartsWith(code + ".", StringComparison.Ordinal)) == true);

    /// <summary>Accepts <c>53.01.04.2003</c> or <c>5301042003</c>; returns the dotted form, or null.</summary>
    public static string? NormalizeDesaCode(ReadOnlySpan<char> raw)
    {
        raw = raw.Trim();
        if (raw.Length == 13 && raw[2] == '.' && raw[5] == '.' && raw[8] == '.')
        {
            foreach (var i in (ReadOnlySpan<int>)[0, 1, 3, 4, 6, 7, 9, 10, 11, 12])
            {
                if (!char.IsAsciiDigit(raw[i]))
                {
                    return null;
                }
            }

            return raw.ToString();
        }

        if (raw.Length == 10)
        {
            foreach (var c in raw)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return null;
                }
            }

            return string.Create(13, raw.ToString(), static (span, s) =>
            {
                s.AsSpan(0, 2).CopyTo(span);
                span[2] = '.';
                s.AsSpan(2, 2).CopyTo(span[3..]);
                span[5] = '.';
                s.AsSpan(4, 2).CopyTo(span[6..]);
                span[8] = '.';
                s.AsSpan(6, 4).CopyTo(span[9..]);
            });
        }

        return null;
    }

    private static RegionCatalog LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Sejahtera.Engine.Reference.wilayah-ntt.csv")
            ?? throw new InvalidOperationException("The region table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RegionCatalog(Parse(reader));
    }

    private static List<Region> Parse(TextReader reader)
    {
        var regions = new List<Region>(4000);
        _ = reader.ReadLine(); // header: kode,nama,tingkat
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var firstComma = line.IndexOf(',', StringComparison.Ordinal);
            var lastComma = line.LastIndexOf(',');
            var code = line[..firstComma];
            var name = line[(firstComma + 1)..lastComma].Trim('"');
            var level = line[(lastComma + 1)..] switch
            {
                "provinsi" => RegionLevel.Provinsi,
                "kabupaten_kota" => RegionLevel.KabupatenKota,
                "kecamatan" => RegionLevel.Kecamatan,
                "desa_kelurahan" => RegionLevel.DesaKelurahan,
                var other => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown region level '{other}'.")),
            };
            var parent = code.LastIndexOf('.') is var dot and > 0 ? code[..dot] : null;
            regions.Add(new Region { Code = code, Name = name, Level = level, ParentCode = parent });
        }

        return regions;
    }
}
