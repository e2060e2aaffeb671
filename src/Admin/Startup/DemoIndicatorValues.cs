using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode: a year (2023, the last year of the shipped Renstra) of monthly values of the manual
/// indicators of the Bidang Rehabilitasi Sosial and the Bidang Penanganan Fakir Miskin, entered by
/// their staff with a note and evidence and verified by their Kepala Bidang through the same use case
/// as on the pages — except December of one indicator, left waiting for verification so the Kepala
/// Bidang has something in the queue. The figures are made up, steady around the target.
/// </summary>
internal sealed class DemoIndicatorValues(IndicatorValues values)
{
    public const int Year = 2023;

    /// <summary>The demo accounts that enter and verify values, by bidang.</summary>
    public static readonly IReadOnlyDictionary<string, (string Staff, string Head)> Accounts = new Dictionary<string, (string, string)>
    {
        [Bidang.Rehsos] = ("staf.rehsos", "kabid.rehsos"),
        [Bidang.Pfm] = ("staf.pfm", "kabid.pfm"),
    };

    /// <summary>A one-page PDF standing in for the scanned attendance list.</summary>
    private static readonly byte[] Evidence = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    public async Task<int> AddAsync(SejahteraDbContext db, CancellationToken ct)
    {
        if (await db.IndicatorValues.AnyAsync(ct))
        {
            return 0;
        }
        var targets = await db.IndicatorYears.AsNoTracking().Where(y => y.Year == Year && y.Target != null)
            .Join(db.Indicators.AsNoTracking().Where(i => i.Measure == IndicatorMeasures.Manual), y => y.IndicatorCode, i => i.Code, (y, i) => new { i.Code, i.BidangCode, y.Target })
            .OrderBy(x => x.Code)
            .ToListAsync(ct);
        var random = new Random(2023);
        var added = 0;
        foreach (var indicator in targets.Where(t => t.BidangCode is not null && Accounts.ContainsKey(t.BidangCode)))
        {
            var (staffName, headName) = Accounts[indicator.BidangCode!];
            var staff = new IndicatorActor(staffName, [WorkflowRoles.BidangStaff], indicator.BidangCode);
            var head = new IndicatorActor(headName, [WorkflowRoles.KepalaBidang], indicator.BidangCode);
            // Each month a twelfth of the target, give or take a third; some indicators fall behind.
            var pace = 0.7 + random.NextDouble() * 0.5;
            for (var month = 1; month <= 12; month++)
            {
                var value = Math.Max(0, Math.Round((decimal)((double)indicator.Target!.Value / 12 * pace * (0.67 + random.NextDouble() * 0.66))));
                var entry = new IndicatorValueEntry(indicator.Code, Year, month, value,
                    $"Rekap kegiatan {Engine.Indonesian.MonthYear(Year, month)} (data demo)", $"rekap-{indicator.Code}-{month:D2}.pdf", Evidence);
                var entered = await values.EnterAsync(db, entry, staff, ct);
                if (!(month == 12 && added == 0))
                {
                    await values.DecideAsync(db, entered.Id, verify: true, reason: null, head, ct);
                }
            }
            added++;
        }
        return added;
    }
}
