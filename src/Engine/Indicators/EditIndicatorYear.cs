using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Indicators;

/// <summary>A new target or budget of one indicator for one year, with the reason (a revised plan, a budget change).</summary>
public sealed record IndicatorYearEdit(string Code, int Year, decimal? Target, decimal? BudgetIdr, string? Reason);

/// <summary>
/// Sets an indicator's target and budget for a year (an empty target is a dash: no target that year).
/// The old and new values and the reason go into the audit log, which is the catalog's history.
/// </summary>
public sealed class EditIndicatorYear(TimeProvider time)
{
    public async Task<IndicatorYear> HandleAsync(SejahteraDbContext db, IndicatorYearEdit edit, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ManageIndicators);
        if (!await db.Indicators.AnyAsync(i => i.Code == edit.Code, ct))
        {
            throw new IndicatorNotFoundException(edit.Code);
        }
        var problems = new List<string>();
        if (edit.Year is < 2000 or > 2100)
        {
            problems.Add("tahun harus 2000–2100");
        }
        if (edit.Target < 0)
        {
            problems.Add("target tidak boleh negatif (kosongkan untuk \"tidak ada target\")");
        }
        if (edit.BudgetIdr is { } b && (b < 0 || b != decimal.Truncate(b)))
        {
            problems.Add("anggaran harus rupiah bulat tidak negatif");
        }
        if (string.IsNullOrWhiteSpace(edit.Reason))
        {
            problems.Add("alasan perubahan wajib diisi (misalnya dokumen Renstra perubahan)");
        }
        if (problems.Count > 0)
        {
            throw IndicatorRefusedException.Of("Perubahan target", problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.IndicatorYears.SingleOrDefaultAsync(y => y.IndicatorCode == edit.Code && y.Year == edit.Year, ct);
        var before = row is null ? "belum ada" : $"target {Show(row.Target)}, anggaran {Show(row.BudgetIdr)}";
        if (row is null)
        {
            row = new IndicatorYear { IndicatorCode = edit.Code, Year = edit.Year };
            db.IndicatorYears.Add(row);
        }
        row.Target = edit.Target;
        row.BudgetIdr = edit.BudgetIdr;
        row.BudgetPrinted = null;
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, time.GetUtcNow(), actor, "indicators.catalog.edit", $"{edit.Code} {edit.Year}",
            $"sebelum: {before}; sesudah: target {Show(edit.Target)}, anggaran {Show(edit.BudgetIdr)}; alasan: {edit.Reason!.Trim()}", ct);
        await transaction.CommitAsync(ct);
        return row;
    }

    private static string Show(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
