using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Admin.Pages.Usulan;

public sealed class BaruModel(SejahteraDbContext db, CreateKubeProposal create) : PageModel
{
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

    public string? Error { get; private set; }

    public IEnumerable<Region> Kecamatan => RegionCatalog.Ntt.All
        .Where(r => r.Level == RegionLevel.Kecamatan && User.Scope().Allows(r.Code[..5]));

    public IActionResult OnGet() => User.IsInRole(Roles.Operator) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Operator))
        {
            return Forbid();
        }

        if (!decimal.TryParse(BudgetAmount.Replace(".", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var budget))
        {
            Error = "Anggaran harus berupa angka rupiah, misalnya 10.000.000.";
            return Page();
        }

        try
        {
            var proposal = await create.HandleAsync(db, new KubeProposalRequest(
                GroupName, BusinessType, KecamatanCode, MemberNiks.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                BankAccount, AccountHolder, ChairName, TreasurerName, BusinessPlan, budget, OfficersChosen, HasRecommendation, DocumentsComplete),
                User.Identity!.Name!, User.Scope(), ct);
            return Redirect($"/usulan/{proposal.Id}");
        }
        catch (ProposalRefusedException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
