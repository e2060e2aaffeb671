using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// What guards and entry actions of a proposal see: the proposal row and what is attached to it,
/// loaded before the runner decides (guards are synchronous), and the context to act in. Whether the
/// bank paid is not asked here: the bank's answer is an event that fires its own transition.
/// </summary>
internal sealed record ProposalSubject(
    Proposal Proposal, SejahteraDbContext Db, string Actor, IReadOnlySet<string> DocumentKinds, PantiCaseFacts? Panti, PkhCaseFacts? Pkh,
    IReadOnlyList<CaseHistoryEntry> History, DateOnly? OpenTaskDue)
{
    public static async Task<ProposalSubject> LoadAsync(SejahteraDbContext db, Proposal proposal, string actor, CancellationToken ct)
    {
        var kinds = await db.ProposalDocuments.Where(d => d.ProposalId == proposal.Id).Select(d => d.Kind).Distinct().ToListAsync(ct);
        var history = await db.ProposalTransitions.Where(t => t.ProposalId == proposal.Id).OrderBy(t => t.Id)
            .Select(t => new CaseHistoryEntry(t.Actor, t.Trigger)).ToListAsync(ct);
        var due = await db.ProposalTasks.Where(t => t.ProposalId == proposal.Id && t.CompletedAt == null).Select(t => t.DueDate).FirstOrDefaultAsync(ct);
        return new ProposalSubject(proposal, db, actor, kinds.ToHashSet(StringComparer.Ordinal), await PantiCaseFacts.OfAsync(db, proposal, ct),
            await PkhCaseFacts.OfAsync(db, proposal, ct), history, due);
    }

    /// <summary>The case as the subject of its program's rule set on <paramref name="asOf"/>, in the JSON the rules read.</summary>
    public string SubjectJson(DateOnly asOf) =>
        Panti is { } panti ? Rules.Evaluation.SubjectJson.Write(panti.Client)
        : Pkh is { } pkh ? Rules.Evaluation.SubjectJson.Write(pkh.Family(asOf))
        : Rules.Evaluation.SubjectJson.Write(ProposalWorkflow.Fact(Proposal));
}

/// <summary>
/// The case workflows (KUBE proposals, panti termination cases): one runner per stored definition
/// version (a running case stays on its own), and the named guards and entry actions the definitions may use.
/// </summary>
public sealed class ProposalWorkflow(EvaluateSubject evaluate, RuleSetCatalog catalog, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Key, int Version), WorkflowRunner> runners = new();

    public static readonly WorkCalendar Calendar = new();

    internal async Task<WorkflowRunner> RunnerAsync(SejahteraDbContext db, string key, int version, CancellationToken ct)
    {
        if (runners.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var stored = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(w => w.Key == key && w.Version == version, ct)
            ?? throw new InvalidOperationException($"Workflow {key} v{version} is not stored.");
        var read = DefaultWorkflows.ReadStored(stored.Json);
        if (!read.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", read.Problems.Select(p => p.Message)));
        }

        var runner = new WorkflowRunner(read.Definition!, Functions(), Calendar);
        return runners.GetOrAdd((key, version), runner);
    }

    public static IReadOnlyList<Fact.KubeMember> Members(Proposal p) =>
        JsonSerializer.Deserialize<List<Fact.KubeMember>>(p.MembersJson, SubjectJson.Options) ?? [];

    public static Fact.KubeProposal Fact(Proposal p) => new()
    {
        Id = $"USULAN-{p.Id}",
        Name = p.GroupName,
        BusinessType = p.BusinessType,
        KecamatanCode = p.KecamatanCode,
        Members = Members(p),
        OfficersChosen = p.OfficersChosen,
        HasBankAccount = p.BankAccount.Length > 0 && p.AccountHolder.Length > 0,
        HasBusinessPlan = p.BusinessPlan.Length > 0 && p.BudgetAmount > 0,
        HasRecommendation = p.HasRecommendation,
    };

    private WorkflowFunctions Functions() => new WorkflowFunctions()
        .AddGuard("documents-complete", c => c.SubjectAs<ProposalSubject>().Proposal is { DocumentsComplete: true, MembersJson.Length: > 2 },
            "dokumen usulan belum lengkap (profil kelompok, berita acara, daftar anggota, RAB, rekening)")
        .AddGuard("eligible", c => c.SubjectAs<ProposalSubject>().Proposal.LastOutcome == "layak",
            "hasil penyaringan aturan program bukan 'layak'; kembalikan atau tolak dengan alasan")
        .AddGuard("visit-evidence", c => c.SubjectAs<ProposalSubject>().DocumentKinds.Contains("kunjungan"),
            "bukti kunjungan lapangan (foto usaha atau berita acara kunjungan) belum diunggah")
        .AddGuard("account-valid", c => AccountCheck.Problem(c.SubjectAs<ProposalSubject>().Proposal) is null,
            "rekening belum benar: nomor 8–20 digit dan pemilik rekening kelompok, ketua, atau bendahara")
        .AddGuard("lpj-complete", c => c.SubjectAs<ProposalSubject>().DocumentKinds.Contains("lpj"),
            "laporan pertanggungjawaban (LPJ) belum diunggah sebagai dokumen jenis LPJ")
        .AddGuard("follow-up-report", c => c.SubjectAs<ProposalSubject>().DocumentKinds.Contains("bimbingan-lanjut"),
            "laporan kunjungan bimbingan lanjut belum diunggah sebagai dokumen jenis laporan bimbingan lanjut")
        .AddGuard("assessment-complete", c => c.SubjectAs<ProposalSubject>() is { Pkh: { } pkh } s
            ? pkh.Graduation.Work is null ? GuardResult.Fail("hasil kunjungan rumah (pekerjaan, usaha, aset, perubahan penghasilan) belum dicatat")
            : pkh.RequiredDocuments().Where(k => !s.DocumentKinds.Contains(k)).Select(k => AttachDocument.Kinds[k]).ToList() is { Count: > 0 } missing
                ? GuardResult.Fail("dokumen kunjungan belum diunggah: " + string.Join(", ", missing))
                : GuardResult.Pass
            : GuardResult.Fail("kasus ini bukan kasus graduasi PKH"))
        .AddGuard("graduation-suggested", c => c.SubjectAs<ProposalSubject>().Proposal.LastOutcome is { } outcome && PkhGraduation.IsGraduation(outcome)
            ? GuardResult.Pass
            : GuardResult.Fail($"hasil aturan graduasi setelah kunjungan adalah '{c.SubjectAs<ProposalSubject>().Proposal.LastOutcome}', bukan graduasi; putuskan tetap KPM dengan alasan"))
        .AddGuard("window-closed", c => c.SubjectAs<ProposalSubject>().OpenTaskDue is not { } due || Calendar.IsOverdue(due, c.At)
            ? GuardResult.Pass
            : GuardResult.Fail($"masa sanggah belum berakhir (sampai {Indonesian.Date(c.SubjectAs<ProposalSubject>().OpenTaskDue!.Value)})"))
        .AddGuard("once", c => c.SubjectAs<ProposalSubject>().History.All(h => h.Trigger != c.Trigger),
            "langkah ini hanya boleh sekali pada setiap kasus dan sudah pernah dilakukan")
        .AddAction("issue-letter", (c, ct) => PkhGraduation.IssueLetterAsync(c.SubjectAs<ProposalSubject>(), c.Actor.UserId, DateOnly.FromDateTime(time.GetLocalNow().Date), ct))
        .AddAction("exit-register", (c, ct) => PkhGraduation.ExitRegisterAsync(c.SubjectAs<ProposalSubject>(), DateOnly.FromDateTime(time.GetLocalNow().Date), ct))
        .AddAction("offer-kube", (c, ct) => PkhGraduation.OfferKubeAsync(c.SubjectAs<ProposalSubject>(), catalog,
            DateOnly.FromDateTime(time.GetLocalNow().Date), time.GetUtcNow(), ct))
        .AddDate("termination-date", c => c.SubjectAs<ProposalSubject>().Panti?.Termination.TerminationOn)
        .AddAction("screen-eligibility", async (c, ct) =>
        {
            // The case's own program decides: its rule set, its subject.
            var s = c.SubjectAs<ProposalSubject>();
            var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
            var decision = await evaluate.HandleAsync(s.Db, s.Proposal.Program, s.SubjectJson(today), today, s.Actor, ct);
            s.Proposal.LastDecisionId = decision.DecisionId;
            s.Proposal.LastOutcome = decision.Outcome;
        });
}

/// <summary>A transition that may not happen now; the message says why, in Indonesian, and nothing changed.</summary>
public sealed class ProposalRefusedException(string message, bool conflict = false) : Exception(message)
{
    /// <summary>Someone else changed the proposal first (HTTP 409 rather than 400).</summary>
    public bool Conflict { get; } = conflict;
}

/// <summary>No such proposal in the user's kabupaten/kota (a proposal out of scope answers the same).</summary>
public sealed class ProposalNotFoundException(long id) : Exception($"Usulan {id} tidak ditemukan dalam wilayah Anda.");
