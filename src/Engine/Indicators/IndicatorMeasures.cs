using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Indicators;

/// <summary>A measure as the catalog names it, with what it counts (shown on the indicator's page and in the docs).</summary>
public sealed record MeasureInfo(string Name, string Counts, IReadOnlyList<string> Arguments, bool PaysMoney);

/// <summary>
/// The named queries that find an indicator's realization in the system's own records, for a period of
/// days in WITA (the office's time zone, UTC+8, no daylight saving): a payment reconciled at 20:00 WITA
/// on 31 March counts in March. Each measure counts one thing, stated in <see cref="Known"/>; a
/// measure over a period is computed for that period directly (so a level such as "residents served"
/// is not summed over months).
/// </summary>
public sealed class IndicatorMeasures(ProposalWorkflow workflow)
{
    public const string Manual = "manual";
    public const string KubeGrantsPaid = "kube_grants_paid";
    public const string PantiTerminationAssistancePaid = "panti_termination_assistance_paid";
    public const string KubeProposalsVerified = "kube_proposals_verified";
    public const string DtksSnapshotsVerified = "dtks_snapshots_verified";
    public const string PantiClientsServed = "panti_clients_served";
    public const string PkhGraduationEvaluated = "pkh_graduation_evaluated";

    internal static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    public static IReadOnlyDictionary<string, MeasureInfo> Known { get; } = new MeasureInfo[]
    {
        new(KubeGrantsPaid, "kelompok KUBE yang bantuan modal usahanya dibayar: pembayaran berstatus dibayar menurut berkas rekonsiliasi bank, dihitung pada tanggal rekonsiliasi; satu kelompok dihitung sekali", [], true),
        new(PantiTerminationAssistancePaid, "penghuni panti yang diterminasi dan bantuan terminasinya dibayar: pembayaran kasus terminasi berstatus dibayar menurut rekonsiliasi bank, dihitung pada tanggal rekonsiliasi; satu penghuni dihitung sekali", [], true),
        new(KubeProposalsVerified, "usulan KUBE yang selesai diverifikasi: pertama kali keluar dari tahap verifikasi (meja atau lapangan) ke tahap selain verifikasi dan draf — diteruskan atau ditolak; dikembalikan untuk diperbaiki tidak dihitung", [], false),
        new(DtksSnapshotsVerified, "putaran verifikasi dan validasi DTKS: periode DTKS yang hasil vervalnya diimpor, dihitung pada tanggal impor (satu periode hanya dapat diimpor sekali)", [], false),
        new(PantiClientsServed, "penghuni panti pemerintah menurut kategori (anak, lansia, disabilitas) yang dilayani dalam periode: masuk panti paling lambat akhir periode dan tidak diterminasi sebelum awal periode", ResidentCategories.All, false),
        new(PkhGraduationEvaluated, "KPM PKH yang dievaluasi untuk graduasi: kasus graduasi yang dibuka oleh evaluasi dalam periode", [], false),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The measure's name and argument (<c>panti_clients_served:anak</c>), or a reason it is not a known measure.</summary>
    public static (string Name, string? Argument, string? Problem) Parse(string measure)
    {
        var parts = measure.Split(':', 2);
        var name = parts[0];
        var argument = parts.Length == 2 ? parts[1] : null;
        if (name == Manual)
        {
            return argument is null ? (name, null, null) : (name, argument, "'manual' tidak memakai argumen");
        }
        if (!Known.TryGetValue(name, out var info))
        {
            return (name, argument, $"ukuran '{name}' tidak dikenal (yang dikenal: manual, {string.Join(", ", Known.Keys)})");
        }
        if (info.Arguments.Count == 0 && argument is not null)
        {
            return (name, argument, $"ukuran '{name}' tidak memakai argumen");
        }
        if (info.Arguments.Count > 0 && (argument is null || !info.Arguments.Contains(argument)))
        {
            return (name, argument, $"ukuran '{name}' memerlukan argumen salah satu dari: {string.Join(", ", info.Arguments)} (contoh '{name}:{info.Arguments[0]}')");
        }
        return (name, argument, null);
    }

    /// <summary>The measure's count over the days <paramref name="from"/> to <paramref name="to"/> (inclusive, WITA).</summary>
    public async Task<decimal> CountAsync(SejahteraDbContext db, string measure, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await CumulativeAsync(db, measure, from, [to], ct))[0];

    /// <summary>
    /// The measure's count from <paramref name="from"/> to each of <paramref name="ends"/> (ascending),
    /// reading the records once: a year's cumulative monthly series for the dashboard's chart.
    /// </summary>
    public async Task<IReadOnlyList<decimal>> CumulativeAsync(
        SejahteraDbContext db, string measure, DateOnly from, IReadOnlyList<DateOnly> ends, CancellationToken ct = default)
    {
        var (name, argument, problem) = Parse(measure);
        if (problem is not null || name == Manual)
        {
            throw new InvalidOperationException(problem ?? "Indikator manual tidak dihitung dari data sistem.");
        }
        if (name == PantiClientsServed)
        {
            var served = new List<decimal>();
            foreach (var end in ends)
            {
                served.Add(await ServedAsync(db, argument!, from, end, ct));
            }
            return served;
        }

        IReadOnlyList<DateTimeOffset> events = name switch
        {
            KubeGrantsPaid => (await FirstPaidAsync(db, CasePrograms.Kube, ct)).Select(p => p.At).ToList(),
            PantiTerminationAssistancePaid => (await FirstPaidAsync(db, CasePrograms.PantiTermination, ct)).Select(p => p.At).ToList(),
            KubeProposalsVerified => await VerifiedAsync(db, CasePrograms.Kube, ct),
            DtksSnapshotsVerified => await db.Snapshots.AsNoTracking().Select(s => s.ImportedAt).ToListAsync(ct),
            PkhGraduationEvaluated => await db.GraduationCases.AsNoTracking()
                .Join(db.Proposals.AsNoTracking(), g => g.ProposalId, p => p.Id, (g, p) => p.CreatedAt).ToListAsync(ct),
            _ => throw new InvalidOperationException(name),
        };
        return ends.Select(end =>
        {
            var (start, stop) = Range(from, end);
            return (decimal)events.Count(at => at >= start && at < stop);
        }).ToList();
    }

    /// <summary>For a measure of payments: the rupiah paid over the period (budget realization in T-C.24); null for other measures.</summary>
    public async Task<decimal?> AmountPaidAsync(SejahteraDbContext db, string measure, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var program = Parse(measure).Name switch
        {
            KubeGrantsPaid => CasePrograms.Kube,
            PantiTerminationAssistancePaid => CasePrograms.PantiTermination,
            _ => null,
        };
        if (program is null)
        {
            return null;
        }
        var (start, end) = Range(from, to);
        return (await PaidAsync(db, program, ct)).Where(p => p.At >= start && p.At < end).Sum(p => p.Amount);
    }

    internal static (DateTimeOffset Start, DateTimeOffset End) Range(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Wita), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Wita));

    private static async Task<List<(long ProposalId, DateTimeOffset At, decimal Amount)>> PaidAsync(SejahteraDbContext db, string program, CancellationToken ct) =>
        (await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatuses.Paid && p.ReconciledAt != null)
            .Join(db.Proposals.AsNoTracking().Where(p => p.Program == program), pay => pay.ProposalId, p => p.Id,
                (pay, p) => new { pay.ProposalId, pay.ReconciledAt, pay.Amount })
            .ToListAsync(ct))
        .Select(p => (p.ProposalId, p.ReconciledAt!.Value, p.Amount)).ToList();

    private static async Task<List<(long ProposalId, DateTimeOffset At)>> FirstPaidAsync(SejahteraDbContext db, string program, CancellationToken ct) =>
        (await PaidAsync(db, program, ct)).GroupBy(p => p.ProposalId).Select(g => (g.Key, g.Min(p => p.At))).ToList();

    private async Task<List<DateTimeOffset>> VerifiedAsync(SejahteraDbContext db, string program, CancellationToken ct)
    {
        var transitions = await db.ProposalTransitions.AsNoTracking()
            .Join(db.Proposals.AsNoTracking().Where(p => p.Program == program), t => t.ProposalId, p => p.Id,
                (t, p) => new { t.ProposalId, p.WorkflowKey, t.WorkflowVersion, t.From, t.To, t.At, t.Id })
            .ToListAsync(ct);
        var meanings = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var version in transitions.Select(t => (t.WorkflowKey, t.WorkflowVersion)).Distinct())
        {
            meanings[version] = (await workflow.RunnerAsync(db, version.WorkflowKey, version.WorkflowVersion, ct)).Definition;
        }
        return transitions
            .Where(t =>
            {
                var definition = meanings[(t.WorkflowKey, t.WorkflowVersion)];
                var to = definition.FindState(t.To)?.Meaning;
                return definition.FindState(t.From)?.Meaning == StateMeanings.Verification
                    && to is not (StateMeanings.Verification or StateMeanings.Draft);
            })
            .GroupBy(t => t.ProposalId)
            .Select(g => g.OrderBy(t => t.Id).First().At)
            .ToList();
    }

    private static async Task<int> ServedAsync(SejahteraDbContext db, string category, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var residents = await db.Residents.AsNoTracking().Where(r => r.Category == category && r.AdmittedOn <= to).Select(r => r.Id).ToListAsync(ct);
        var terminatedBefore = (await db.ResidentStages.AsNoTracking()
                .Where(s => s.Stage == RehabilitationStages.Termination && s.On < from).Select(s => s.ResidentId).ToListAsync(ct))
            .ToHashSet();
        return residents.Count(id => !terminatedBefore.Contains(id));
    }
}
