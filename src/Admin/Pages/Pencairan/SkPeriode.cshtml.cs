using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Pencairan;

/// <summary>
/// The decree (SK) listing every beneficiary of a program approved in a period (a month by default, or
/// any range of dates up to a year) in the user's region, as a printable page with its download.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadDisbursement))]
public sealed class SkPeriodeModel(SejahteraDbContext db, PeriodDecreeListing listing, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "program")]
    public string? Program { get; set; }

    [BindProperty(SupportsGet = true, Name = "dari")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "sampai")]
    public string? To { get; set; }

    public PeriodDecree? Decree { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    /// <summary>The programs whose cases are paid, and so decreed.</summary>
    public static IReadOnlyList<string> Programs { get; } = [CasePrograms.Kube, CasePrograms.PantiTermination];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // This month until today, unless a period was asked for.
        Program ??= CasePrograms.Kube;
        From ??= new DateOnly(Today.Year, Today.Month, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To ??= Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Decree = await listing.HandleAsync(db, User.Scope(), PeriodDecreeListing.Parse(Program, From, To), ct);
        }
        catch (DisbursementException e)
        {
            Error = e.Message;
        }
    }

    /// <summary>The query of this period, for the download links.</summary>
    public string Query => $"program={Uri.EscapeDataString(Program ?? "")}&from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}";
}
