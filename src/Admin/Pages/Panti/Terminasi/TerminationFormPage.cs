using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti.Terminasi;

/// <summary>The termination form shared by "new" and "edit": the resident it is for, the termination, the destination and the account.</summary>
public abstract class TerminationFormPage(SejahteraDbContext db) : PageModel
{
    protected SejahteraDbContext Db { get; } = db;

    [BindProperty] public DateOnly? TerminationOn { get; set; }
    [BindProperty] public string TerminationReason { get; set; } = "kembali-ke-keluarga";
    [BindProperty] public string DestinationAddress { get; set; } = "";
    [BindProperty] public string ReceivingFamily { get; set; } = "";
    [BindProperty] public DateOnly? FollowUpVisitOn { get; set; }
    [BindProperty] public string Payee { get; set; } = "wali";
    [BindProperty] public string BankAccount { get; set; } = "";
    [BindProperty] public string AccountHolder { get; set; } = "";

    public Resident? Resident { get; protected set; }
    public string? Error { get; protected set; }

    public static IReadOnlyList<(string Value, string Label)> Reasons { get; } =
    [
        ("tujuan-tercapai", "Tujuan rehabilitasi tercapai"), ("kembali-ke-keluarga", "Kembali ke keluarga"), ("hidup-mandiri", "Hidup mandiri"),
        ("rujukan", "Dirujuk ke lembaga lain"), ("meninggal", "Meninggal dunia"), ("melarikan-diri", "Melarikan diri"),
    ];

    protected bool MayPropose => User.May(Permission.ProposeTermination);

    /// <summary>The resident, if this user may see them (UPT staff: only their own home's).</summary>
    protected Task<Resident?> FindResidentAsync(long id, CancellationToken ct) => ProposeTermination.ResidentAsync(Db, id, User.Scope(), ct);

    protected TerminationRequest ToRequest(long residentId) => new(
        residentId, TerminationOn, TerminationReason, DestinationAddress, ReceivingFamily, FollowUpVisitOn, Payee, BankAccount, AccountHolder);

    protected void Fill(PantiTermination t, Engine.Proposals.Proposal p)
    {
        TerminationOn = t.TerminationOn;
        TerminationReason = t.TerminationReason;
        DestinationAddress = t.DestinationAddress;
        ReceivingFamily = t.ReceivingFamily;
        FollowUpVisitOn = t.FollowUpVisitOn;
        Payee = t.Payee;
        BankAccount = p.BankAccount;
        AccountHolder = p.AccountHolder;
    }

    protected async Task<IActionResult> SaveAsync(Func<Task<long>> save)
    {
        try
        {
            return Redirect($"/usulan/{await save()}");
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
            Db.ChangeTracker.Clear();
            return Page();
        }
    }
}
