using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;
using Fact = Sejahtera.Rules.Facts;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Usulan;

/// <summary>
/// The KUBE proposal form shared by "new" and "edit": the fields, the member check ("Periksa
/// anggota" shows each NIK as the registry knows it before anything is saved), and the request.
/// </summary>
public abstract class ProposalFormPage(SejahteraDbContext db, TimeProvider time) : PageModel
{
    protected SejahteraDbContext Db { get; } = db;

    [BindProperty] public string GroupName { get; set; } = "";
    [BindProperty] public string BusinessType { get; set; } = "";
    [BindProperty] public string KecamatanCode { get; set; } = "";
    [BindProperty] public string MemberNiks { get; set; } = "";
    [BindProperty] public string ChairName { get; set; } = "";
    [BindProperty] public string TreasurerName { get; set; } = "";
    [BindProperty] public string BankAccount { get; set; } = "";
    [BindProperty] public string AccountHolder { get; set; } = "";
    [BindProperty] public string BusinessPlan { get; set; } = "";
    [BindProperty] public string BudgetAmount { get; set; } = "";
    [BindProperty] public bool OfficersChosen { get; set; }
    [BindProperty] public bool HasRecommendation { get; set; }
    [BindProperty] public bool DocumentsComplete { get; set; }

    /// <summary>What the operator typed in the member picker (name, NIK or desa).</summary>
    [BindProperty] public string? MemberQuery { get; set; }

    public string? Error { get; protected set; }

    /// <summary>The people the member picker found, after a search.</summary>
    public MemberSearch? Picker { get; private set; }

    /// <summary>The NIKs already in the member list, so the picker marks them as added.</summary>
    public IReadOnlySet<string> ChosenNiks => Niks().ToHashSet(StringComparer.Ordinal);

    /// <summary>The members as checked against the registry, after "Periksa anggota".</summary>
    public IReadOnlyList<Fact.KubeMember>? Preview { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public IEnumerable<Region> Kecamatan => RegionCatalog.Ntt.All
        .Where(r => r.Level == RegionLevel.Kecamatan && User.Scope().Allows(r.Code[..5]));

    public bool Outside(Fact.KubeMember m) => !Api.ProposalApi.InScope(m, User);

    public async Task<IActionResult> OnPostPeriksaAsync(CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        Preview = await KubeProposalForm.ResolveMembersAsync(Db, Niks(), ct: ct);
        if (Preview.Count == 0)
        {
            Error = "Isikan NIK anggota, satu per baris.";
        }

        return Page();
    }

    /// <summary>The member picker's results alone, for htmx as the operator types (the form's other fields come along to mark what is chosen).</summary>
    public async Task<IActionResult> OnGetAnggotaAsync(string? memberQuery, string? kecamatanCode, string? memberNiks, CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        MemberQuery = memberQuery;
        KecamatanCode = kecamatanCode ?? "";
        MemberNiks = memberNiks ?? "";
        Picker = await FindRegistryMembers.HandleAsync(Db, User.Scope(), memberQuery, ct);
        return Partial("_MemberPicker", this);
    }

    /// <summary>The member picker without script: the whole form comes back with the people found.</summary>
    public async Task<IActionResult> OnPostCariAsync(CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        Picker = await FindRegistryMembers.HandleAsync(Db, User.Scope(), MemberQuery, ct);
        return Page();
    }

    /// <summary>"Tambah" without script: the NIK joins the member list (once) and the search stays as it was.</summary>
    public async Task<IActionResult> OnPostTambahAsync(string? addNik, CancellationToken ct)
    {
        if (!User.May(Permission.ManageProposals))
        {
            return Forbid();
        }

        if (addNik is { Length: > 0 } nik && !Niks().Contains(nik.Trim()))
        {
            MemberNiks = string.Join('\n', Niks().Append(nik.Trim()));
            ModelState.Remove(nameof(MemberNiks));
        }

        Picker = await FindRegistryMembers.HandleAsync(Db, User.Scope(), MemberQuery, ct);
        return Page();
    }

    /// <summary>The request, or null with <see cref="Error"/> set when the budget is not a number.</summary>
    protected KubeProposalRequest? ToRequest()
    {
        if (!decimal.TryParse(BudgetAmount.Replace(".", "", StringComparison.Ordinal).Replace("Rp", "", StringComparison.OrdinalIgnoreCase).Trim(),
                NumberStyles.Number, CultureInfo.InvariantCulture, out var budget))
        {
            Error = "Anggaran harus berupa angka rupiah, misalnya 10.000.000.";
            return null;
        }

        return new KubeProposalRequest(GroupName, BusinessType, KecamatanCode, Niks(), BankAccount, AccountHolder, ChairName, TreasurerName,
            BusinessPlan, budget, OfficersChosen, HasRecommendation, DocumentsComplete);
    }

    protected void Fill(Proposal p)
    {
        GroupName = p.GroupName;
        BusinessType = p.BusinessType;
        KecamatanCode = p.KecamatanCode;
        MemberNiks = string.Join('\n', ProposalWorkflow.Members(p).Select(m => m.Nik));
        ChairName = p.ChairName;
        TreasurerName = p.TreasurerName;
        BankAccount = p.BankAccount;
        AccountHolder = p.AccountHolder;
        BusinessPlan = p.BusinessPlan;
        BudgetAmount = p.BudgetAmount.ToString("#,0", CultureInfo.GetCultureInfo("id-ID"));
        OfficersChosen = p.OfficersChosen;
        HasRecommendation = p.HasRecommendation;
        DocumentsComplete = p.DocumentsComplete;
    }

    private string[] Niks() => (MemberNiks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
