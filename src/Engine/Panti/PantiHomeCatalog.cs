using System.Reflection;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Panti;

/// <summary>
/// The province's government homes as shipped with the project (Reference/panti-pemerintah.csv,
/// copied from the office's Renstra, Tabel 2.19 and 2.22; see docs/panti.md). Loaded into the
/// database on first start; a home already stored is left as it is.
/// </summary>
public static class PantiHomeCatalog
{
    private static readonly Lazy<IReadOnlyList<PantiHome>> Shipped = new(Load);

    public static IReadOnlyList<PantiHome> All => Shipped.Value;

    private static IReadOnlyList<PantiHome> Load()
    {
        const string name = "Sejahtera.Engine.Reference.panti-pemerintah.csv";
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} tidak ada");
        using var csv = new CsvRecordReader(stream);
        var homes = new List<PantiHome>();
        csv.Read(); // header
        while (csv.Read())
        {
            homes.Add(new PantiHome
            {
                Code = csv.Field(0).ToString(), Name = csv.Field(1).ToString(), Kind = csv.Field(2).ToString(), KabupatenCode = csv.Field(3).ToString(),
            });
        }

        return homes;
    }
}
