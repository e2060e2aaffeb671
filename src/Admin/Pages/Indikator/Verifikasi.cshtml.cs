using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>The Kepala Bidang's queue: values of their bidang waiting for verification, each verified or rejected with a reason.</summary>
[Authorize(Policy = nameof(Permission.VerifyIndicatorValues))]
public sealed class VerifikasiModel(SejahteraDbContext db, IndicatorValues values) : PageModel
{
    public IReadOnlyList<ValueInfo> Pending { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public long ValueId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Pending = await IndicatorDetails.PendingAsync(db, User.BidangCode(), ct);

    public Task OnPostVerifyAsync(CancellationToken ct) => DecideAsync(true, ct);

    public Task OnPostRejectAsync(CancellationToken ct) => DecideAsync(false, ct);

    private async Task DecideAsync(bool verify, CancellationToken ct)
    {
        try
        {
            var v = await values.DecideAsync(db, ValueId, verify, Reason, IndicatorApi.Actor(User), ct);
            Message = $"{v.IndicatorCode} {Sejahtera.Engine.Indonesian.MonthYear(v.Year, v.Month)}: nilai {Sejahtera.Engine.Indonesian.Number(v.Value)} {IndicatorValueStatus.Label(v.Status)}.";
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }
        db.ChangeTracker.Clear();
        await OnGetAsync(ct);
    }
}
