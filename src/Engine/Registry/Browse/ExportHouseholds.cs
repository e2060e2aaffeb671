using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Registry.Browse;

/// <summary>The households of one kabupaten/kota as its registry page lists them, every page at once, for download.</summary>
public static class ExportHouseholds
{
    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("ID DTKS", 16), new("Kode desa/kelurahan", 16), new("Desa/Kelurahan", 24), new("Kepala rumah tangga", 30),
        new("Desil", 8, Number: true), new("Anggota", 10, Number: true), new("Tanda", 12),
    ];

    /// <summary>Null where the page answers 404: an unknown code, one outside the user's scope, or no registry yet.</summary>
    public static async Task<ExportTable?> HandleAsync(SejahteraDbContext db, RegionScope scope, string kabupatenCode, CancellationToken ct = default)
    {
        if (await ListHouseholds.AllOfKabupatenAsync(db, scope, kabupatenCode, ct) is not { } found)
        {
            return null;
        }

        return new ExportTable($"registri-{kabupatenCode}", Columns, found.Rows.Select(h => new object?[]
        {
            h.IdDtks, h.RegionCode, h.DesaName, h.HeadName, (long)h.Desil, (long)h.MemberCount, h.Flagged ? "bertanda" : null,
        }));
    }
}
