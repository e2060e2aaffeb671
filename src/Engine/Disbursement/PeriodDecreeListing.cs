using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Exports;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Disbursement;

/// <summary>The period and program of a decree: the dates (WITA, both included) on which the cases were approved.</summary>
public sealed record DecreePeriod(string Program, DateOnly From, DateOnly To);

/// <summary>The beneficiaries approved in a period, as the decree lists them; <see cref="Approved"/> by case, the date each was approved.</summary>
public sealed record PeriodDecree(DecreePeriod Period, IReadOnlyList<DecreeLine> Lines, IReadOnlyDictionary<long, DateOnly> Approved)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>
/// The decree (Surat Keputusan Kepala Dinas) of a period: every case of a program in the user's scope
/// approved on a date in the period, once, with the assistance decided for it (the RAB amount). A case
/// is approved on the day it first reaches the state that means "approved, waiting for payment"
/// (<see cref="StateMeanings.Payment"/>), whatever that state is named in its workflow version; a case
/// that has since left the granted states (refused afterwards) is not listed.
/// </summary>
public sealed class PeriodDecreeListing(ProposalWorkflow workflow)
{
    /// <summary>The longest period one decree covers: a year.</summary>
    public const int MaxDays = 366;

    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("No", 6, Number: true), new("Usulan", 10, Number: true), new("Disetujui", 14), new("Program", 20), new("Kelompok/penerima", 28),
        new("Ketua/wali", 22), new("Anggota", 10, Number: true), new("Kecamatan", 20), new("Kabupaten/kota", 20), new("Nilai bantuan", 16, Number: true),
    ];

    /// <summary>The period as asked, or the reason it is refused (in Indonesian).</summary>
    public static DecreePeriod Parse(string? program, string? from, string? to)
    {
        if (string.IsNullOrWhiteSpace(program) || !CasePrograms.All.Contains(program.Trim()))
        {
            throw new DisbursementException($"Program '{program}' tidak dikenal; pilih salah satu: {string.Join(", ", CasePrograms.All)}.");
        }

        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            throw new DisbursementException("Periode tidak sah: tulis tanggal awal dan akhir sebagai yyyy-mm-dd, misalnya 2026-10-01 sampai 2026-10-31.");
        }

        if (end < start)
        {
            throw new DisbursementException($"Periode tidak sah: tanggal akhir {end:yyyy-MM-dd} sebelum tanggal awal {start:yyyy-MM-dd}.");
        }

        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            throw new DisbursementException($"Periode tidak sah: satu SK mencakup paling lama {MaxDays} hari.");
        }

        return new DecreePeriod(program.Trim(), start, end);
    }

    public async Task<PeriodDecree> HandleAsync(SejahteraDbContext db, RegionScope scope, DecreePeriod period, CancellationToken ct = default)
    {
        var proposals = (await db.Proposals.AsNoTracking().Where(p => p.Program == period.Program && p.Stage != null).ToListAsync(ct))
            .Where(p => StateMeanings.Granted.Contains(p.Stage!) && scope.Allows(p.KabupatenCode, p.HomeCode, p.DesaCode))
            .ToDictionary(p => p.Id);
        var ids = proposals.Keys.ToList();
        var transitions = await db.ProposalTransitions.AsNoTracking().Where(t => ids.Contains(t.ProposalId)).OrderBy(t => t.Id).ToListAsync(ct);

        var definitions = new Dictionary<(string, int), WorkflowDefinition>();
        var approved = new Dictionary<long, DateOnly>();
        foreach (var t in transitions)
        {
            if (approved.ContainsKey(t.ProposalId))
            {
                continue;
            }

            var key = (proposals[t.ProposalId].WorkflowKey, t.WorkflowVersion);
            if (!definitions.TryGetValue(key, out var definition))
            {
                definition = definitions[key] = (await workflow.RunnerAsync(db, key.WorkflowKey, key.WorkflowVersion, ct)).Definition;
            }

            if (definition.FindState(t.To)?.Meaning == StateMeanings.Payment)
            {
                approved[t.ProposalId] = DateOnly.FromDateTime(t.At.ToOffset(Wita).DateTime);
            }
        }

        var inPeriod = approved.Where(a => a.Value >= period.From && a.Value <= period.To).ToDictionary(a => a.Key, a => a.Value);
        var lines = inPeriod.Keys.Select(id => proposals[id])
            .OrderBy(p => p.KabupatenCode, StringComparer.Ordinal).ThenBy(p => p.KecamatanCode, StringComparer.Ordinal).ThenBy(p => p.Id)
            .Select((p, i) => new DecreeLine(i + 1, p.Id, CasePrograms.Label(p.Program), p.GroupName, p.ChairName,
                p.Program == CasePrograms.Kube ? ProposalWorkflow.Members(p).Count : 1,
                RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name ?? p.KecamatanCode, RegionCatalog.Ntt.Find(p.KabupatenCode)?.Name ?? p.KabupatenCode,
                p.BudgetAmount))
            .ToList();
        return new PeriodDecree(period, lines, inPeriod);
    }

    /// <summary>The decree's list for download, with the same rows and numbers as the page.</summary>
    public static ExportTable Export(PeriodDecree decree) => new(
        $"sk-{decree.Period.Program}-{decree.Period.From:yyyyMMdd}-{decree.Period.To:yyyyMMdd}",
        Columns,
        decree.Lines.Select(l => new object?[]
        {
            l.Number, l.ProposalId, Indonesian.Date(decree.Approved[l.ProposalId]), l.Program, l.GroupName, l.ChairName, l.Members, l.Kecamatan, l.Kabupaten, l.Amount,
        }).ToAsyncEnumerable());
}
