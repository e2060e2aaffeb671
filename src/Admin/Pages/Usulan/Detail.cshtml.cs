using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Pkh;

namespace Sejahtera.Admin.Pages.Usulan;

public sealed class DetailModel(
    SejahteraDbContext db, ProposalViews views, CaseService cases, AttachDocument attach, CorrectPayment correct, RecordAssessment assess, TimeProvider time)
    : PageModel
{
    /// <summary>The confirmation the create and edit pages leave for this page after a save.</summary>
    public const string SavedKey = "Saved";

    public ProposalView? View { get; private set; }
    public IReadOnlyList<Payment> Payments { get; private set; } = [];
    public CaseLabels Labels { get; private set; } = CaseLabels.None;
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    [BindProperty] public string Trigger { get; set; } = "";
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? RowVersion { get; set; }
    [BindProperty] public string Kind { get; set; } = "";
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string BankAccount { get; set; } = "";
    [BindProperty] public string AccountHolder { get; set; } = "";
    [BindProperty] public AssessmentForm Assessment { get; set; } = new();

    /// <summary>The pendamping's home-visit form, bound from the page.</summary>
    public sealed class AssessmentForm
    {
        public string Work { get; set; } = "";
        public string Business { get; set; } = "";
        public string Assets { get; set; } = "";
        public string IncomeChange { get; set; } = "";
        public bool EconomyImproved { get; set; }
        public bool SignedExitStatement { get; set; }
        public bool VillageDeclaredMampu { get; set; }
    }

    /// <summary>The home-visit form shows while the graduation case waits for the visit, to the family's pendamping.</summary>
    public bool MayAssess => View is { Graduation: not null } v && Owns && v.Actions.Any(a => a.Allowed);

    /// <summary>The user owns this program's cases (the operator for KUBE, UPT staff for a panti termination).</summary>
    private bool Owns => View is { } v && User.May(CasePrograms.OwnerPermission(v.Proposal.Program));

    public bool MayEdit => View is { Proposal.Stage: StateMeanings.Draft } && Owns;

    /// <summary>Where the draft is edited: each program has its own form.</summary>
    public string EditPath => View is { Termination: not null } v ? $"/panti/terminasi/{v.Proposal.Id}/ubah" : $"/usulan/{View?.Proposal.Id}/ubah";

    public bool MayAttach => View is { } v && !StateMeanings.Finished.Contains(v.Proposal.Stage ?? "")
        && (Owns || v.OpenTask is { } t && t.CandidateRoles.Split(',').Any(User.IsInRole));

    public bool MayCorrectPayment => View is { Proposal.Stage: StateMeanings.PaymentCorrection } && Owns;

    /// <summary>The document kind the upload form offers first: the evidence a blocked action waits for, else the LPJ after payment.</summary>
    public string SuggestedKind =>
        Blocked.SelectMany(a => a.Refusals).Select(r => r.Guard).OfType<string>().Select(AttachDocument.KindRequiredBy).FirstOrDefault(k => k is not null)
        ?? (View?.Graduation is not null ? "kunjungan"
            : View is { Proposal.Stage: StateMeanings.FollowUp } v ? (v.Termination is null ? "lpj" : "bimbingan-lanjut")
            : View?.Termination is null ? "profil" : "terminasi");

    /// <summary>Actions this user's role could take but a condition still blocks: shown with the reason, so nobody guesses.</summary>
    public IEnumerable<ActionOption> Blocked => View?.Actions.Where(a => !a.Allowed && a.Refusals.All(r => r.Kind is RefusalKind.GuardFailed or RefusalKind.ReasonRequired or RefusalKind.FourEyes)) ?? [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        View = await views.DetailsAsync(db, id, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        if (View is null)
        {
            return NotFound();
        }

        Payments = await PaymentBatches.OfProposalAsync(db, id, ct);
        Labels = await Api.WorkflowVersions.LabelsAsync(db, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long id, CancellationToken ct) => Act(id, async () =>
    {
        var proposal = await cases.FireAsync(db, id, Trigger, Reason, User.Identity!.Name!, User.RoleNames(), User.Scope(), RowVersion, ct);
        return $"Usulan kini pada tahap {(await Api.WorkflowVersions.LabelsAsync(db, ct)).State(proposal)}.";
    }, ct);

    public Task<IActionResult> OnPostUnggahAsync(long id, CancellationToken ct) => Act(id, async () =>
    {
        if (Upload is null || Upload.Length == 0)
        {
            throw new ProposalRefusedException("Pilih berkas yang akan diunggah.");
        }

        if (Upload.Length > AttachDocument.MaxBytes)
        {
            throw new ProposalRefusedException("Dokumen ditolak: berkas melebihi batas 5 MB.");
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var document = await attach.HandleAsync(db, id, new DocumentUpload(Kind, Upload.FileName, buffer.ToArray()), User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        return $"Dokumen {document.FileName} tersimpan.";
    }, ct);

    public Task<IActionResult> OnPostKunjunganAsync(long id, CancellationToken ct) => Act(id, async () =>
    {
        await assess.HandleAsync(db, id, new AssessmentRequest(Assessment.Work, Assessment.Business, Assessment.Assets, Assessment.IncomeChange,
            Assessment.EconomyImproved, Assessment.SignedExitStatement, Assessment.VillageDeclaredMampu), User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        return "Hasil kunjungan tersimpan. Unggah foto kunjungan (dan surat pernyataan atau berita acara musdes bila ada), lalu catat kunjungan.";
    }, ct);

    public Task<IActionResult> OnPostKoreksiAsync(long id, CancellationToken ct) => Act(id, async () =>
    {
        await correct.HandleAsync(db, id, BankAccount, AccountHolder, User.Identity!.Name!, User.RoleNames(), User.Scope(), ct);
        return "Rekening dikoreksi; usulan kembali ke tahap pencairan dan dapat masuk batch pembayaran berikutnya.";
    }, ct);

    private async Task<IActionResult> Act(long id, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            Message = await action();
        }
        catch (ProposalNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }

        db.ChangeTracker.Clear();
        return await OnGetAsync(id, ct);
    }
}
