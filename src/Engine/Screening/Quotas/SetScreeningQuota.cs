using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Screening.Quotas;

/// <summary>The quota of one program in one kabupaten/kota, as an admin enters it.</summary>
public sealed record QuotaEntry(string? Program, string? Kabupaten, int? Quota);

/// <summary>Enters or replaces a quota; the old and new value go into the audit log in the same transaction.</summary>
public sealed class SetScreeningQuota(TimeProvider time)
{
    public async Task<ScreeningQuota> HandleAsync(SejahteraDbContext db, QuotaEntry entry, string actor, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ManageQuotas);
        var problems = new List<string>();
        var program = entry.Program?.Trim() ?? "";
        var kabupaten = entry.Kabupaten?.Trim() ?? "";
        if (!QuotaPrograms.Has(program))
        {
            problems.Add($"program '{program}' tidak memakai kuota; yang memakai: {string.Join(", ", QuotaPrograms.All)}");
        }
        if (RegionCatalog.Ntt.Kabupaten.All(k => k.Code != kabupaten))
        {
            problems.Add($"kabupaten/kota '{kabupaten}' tidak dikenal (contoh kode: 53.07)");
        }
        if (entry.Quota is null)
        {
            problems.Add("kuota wajib diisi");
        }
        else if (entry.Quota < 0)
        {
            problems.Add("kuota tidak boleh negatif");
        }
        if (problems.Count > 0)
        {
            throw new QuotaRefusedException("Kuota ditolak: " + string.Join("; ", problems) + ".");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var row = await db.ScreeningQuotas.SingleOrDefaultAsync(q => q.Program == program && q.KabupatenCode == kabupaten, ct);
        var before = row is null ? "belum ada" : row.Quota.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (row is null)
        {
            row = new ScreeningQuota { Program = program, KabupatenCode = kabupaten, UpdatedBy = actor };
            db.ScreeningQuotas.Add(row);
        }
        row.Quota = entry.Quota!.Value;
        row.UpdatedBy = actor;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor, "screening.quota.set", $"{program} {kabupaten}", $"kuota sebelum: {before}; sesudah: {row.Quota}", ct);
        await transaction.CommitAsync(ct);
        return row;
    }
}
