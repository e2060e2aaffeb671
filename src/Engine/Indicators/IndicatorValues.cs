using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Engine.Indicators;

/// <summary>Who acts on indicator values: their user name, roles and bidang.</summary>
public sealed record IndicatorActor(string UserName, IReadOnlyCollection<string> Roles, string? BidangCode);

/// <summary>A month's value of a manual indicator, as staff enter it.</summary>
public sealed record IndicatorValueEntry(string Code, int Year, int Month, decimal Value, string Note, string? EvidenceFileName, byte[]? Evidence);

/// <summary>
/// Manual values: staff of the responsible bidang enter a month's value with a note and an evidence
/// file (photo or PDF, 5 MB at most, as for proposal documents); it counts only after a Kepala Bidang
/// other than the one who entered it verifies it (four eyes) — or rejects it with a reason. A month
/// not yet begun (WITA) cannot be filled. Every step is in the audit log.
/// </summary>
public sealed class IndicatorValues(TimeProvider time)
{
    public async Task<IndicatorValue> EnterAsync(SejahteraDbContext db, IndicatorValueEntry entry, IndicatorActor actor, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(actor.Roles, Permission.EnterIndicatorValues);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == entry.Code, ct)
            ?? throw new IndicatorNotFoundException(entry.Code);
        if (indicator.Measure != IndicatorMeasures.Manual)
        {
            throw new IndicatorRefusedException($"Indikator {indicator.Code} dihitung dari data sistem ({IndicatorMeasures.Known[IndicatorMeasures.Parse(indicator.Measure).Name].Counts}); nilainya tidak diisi tangan.");
        }
        RefuseOtherBidang(indicator, actor, "mengisi");

        var problems = new List<string>();
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, ComputeIndicators.Wita);
        if (entry.Month is < 1 or > 12)
        {
            problems.Add("bulan harus 1–12");
        }
        else if (entry.Year < 2000 || new DateOnly(entry.Year, entry.Month, 1) > new DateOnly(local.Year, local.Month, 1))
        {
            problems.Add($"{Indonesian.MonthYear(Math.Max(entry.Year, 2000), entry.Month)} belum dimulai");
        }
        if (entry.Value < 0)
        {
            problems.Add("nilai tidak boleh negatif");
        }
        if (string.IsNullOrWhiteSpace(entry.Note))
        {
            problems.Add("keterangan wajib diisi (apa yang dihitung dan dari mana)");
        }
        string? contentType = null;
        if (entry.Evidence is not { Length: > 0 } evidence)
        {
            problems.Add("bukti (foto JPEG/PNG atau PDF) wajib dilampirkan");
        }
        else if (evidence.Length > AttachDocument.MaxBytes)
        {
            problems.Add("bukti melebihi batas 5 MB");
        }
        else if ((contentType = AttachDocument.ContentTypeOf(evidence)) is null)
        {
            problems.Add("bukti harus foto JPEG/PNG atau PDF");
        }
        if (problems.Count > 0)
        {
            throw IndicatorRefusedException.Of("Nilai indikator", problems);
        }

        var value = new IndicatorValue
        {
            IndicatorCode = indicator.Code, Year = entry.Year, Month = entry.Month, Value = entry.Value, Note = entry.Note.Trim(),
            EvidenceFileName = DocumentFileName.Safe(entry.EvidenceFileName ?? "bukti", contentType!), EvidenceContentType = contentType,
            Evidence = entry.Evidence, EnteredBy = actor.UserName, EnteredAt = now, Status = IndicatorValueStatus.Entered,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.IndicatorValues.Add(value);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor.UserName, "indicators.value.enter", $"{indicator.Code} {entry.Year:D4}-{entry.Month:D2}",
            $"nilai {entry.Value}; {value.Note}", ct);
        await transaction.CommitAsync(ct);
        return value;
    }

    /// <summary>Verifies (<paramref name="verify"/>) or rejects a value waiting for verification; a rejection needs a reason.</summary>
    public async Task<IndicatorValue> DecideAsync(SejahteraDbContext db, long valueId, bool verify, string? reason, IndicatorActor actor, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(actor.Roles, Permission.VerifyIndicatorValues);
        var value = await db.IndicatorValues.SingleOrDefaultAsync(v => v.Id == valueId, ct)
            ?? throw new IndicatorRefusedException($"Nilai indikator #{valueId} tidak ada.");
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == value.IndicatorCode, ct);
        if (actor.BidangCode is not null)
        {
            RefuseOtherBidang(indicator, actor, "memverifikasi");
        }
        if (value.Status != IndicatorValueStatus.Entered)
        {
            throw new IndicatorRefusedException($"Nilai ini sudah {IndicatorValueStatus.Label(value.Status)}; tidak dapat diputuskan lagi.");
        }
        if (string.Equals(value.EnteredBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw new IndicatorRefusedException("Nilai yang Anda isi sendiri harus diverifikasi orang lain (prinsip empat mata).");
        }
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!verify && reason is null)
        {
            throw new IndicatorRefusedException("Penolakan memerlukan alasan, agar pengisi tahu apa yang harus diperbaiki.");
        }

        var now = time.GetUtcNow();
        value.Status = verify ? IndicatorValueStatus.Verified : IndicatorValueStatus.Rejected;
        value.DecidedBy = actor.UserName;
        value.DecidedAt = now;
        value.DecisionReason = reason;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, now, actor.UserName, verify ? "indicators.value.verify" : "indicators.value.reject",
            $"{value.IndicatorCode} {value.Year:D4}-{value.Month:D2}", $"nilai #{value.Id} {value.Value}" + (reason is null ? "" : $"; alasan: {reason}"), ct);
        await transaction.CommitAsync(ct);
        return value;
    }

    private static void RefuseOtherBidang(Indicator indicator, IndicatorActor actor, string verb)
    {
        if (indicator.BidangCode is null)
        {
            throw new IndicatorRefusedException($"Indikator {indicator.Code} belum punya bidang penanggung jawab; admin menetapkannya di katalog lebih dulu.");
        }
        if (indicator.BidangCode != actor.BidangCode)
        {
            throw new IndicatorScopeException(
                $"Indikator {indicator.Code} menjadi tanggung jawab {Bidang.Name(indicator.BidangCode)}; Anda ({Bidang.Name(actor.BidangCode)}) tidak dapat {verb} nilainya.");
        }
    }
}
