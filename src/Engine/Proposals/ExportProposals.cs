using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// Every case in the user's scope (kabupaten/kota, home, desa), newest first as the proposals page lists
/// them, filtered in the database and read one at a time, for download.
/// </summary>
public static class ExportProposals
{
    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("Usulan", 10, Number: true), new("Program", 20), new("Kelompok/klien", 28), new("Usaha", 18), new("Kabupaten/kota", 20),
        new("Kecamatan", 20), new("Tahap", 22), new("Hasil penyaringan", 16), new("Nilai RAB", 16, Number: true), new("Dibuat oleh", 18),
        new("Tanggal dibuat", 14),
    ];

    public static ExportTable Handle(SejahteraDbContext db, RegionScope scope, Func<Proposal, string> stateLabel)
    {
        var proposals = db.Proposals.AsNoTracking();
        if (!scope.IsAll)
        {
            var codes = scope.Codes.ToList();
            proposals = proposals.Where(p => codes.Contains(p.KabupatenCode));
        }

        if (scope.Home is { } home)
        {
            proposals = proposals.Where(p => p.HomeCode == home);
        }

        if (scope.Desa is { } desa)
        {
            var desaCodes = desa.ToList();
            proposals = proposals.Where(p => p.DesaCode == null || desaCodes.Contains(p.DesaCode));
        }

        var rows = proposals.OrderByDescending(p => p.Id).AsAsyncEnumerable().Select(p => new object?[]
        {
            p.Id, CasePrograms.Label(p.Program), p.GroupName, p.BusinessType, RegionCatalog.Ntt.Find(p.KabupatenCode)?.Name ?? p.KabupatenCode,
            RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name ?? p.KecamatanCode, stateLabel(p), p.LastOutcome, p.BudgetAmount, p.CreatedBy,
            Indonesian.Date(p.CreatedAt),
        });
        return new ExportTable("usulan", Columns, rows);
    }
}
