using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Api;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Indikator;

/// <summary>One indicator: what it counts, its targets, its chart, its monthly snapshots and values; the bidang's staff enter a month's value here.</summary>
[Authorize(Policy = nameof(Permission.ReadIndicators))]
public sealed class DetailModel(SejahteraDbContext db, IndicatorReports reports, IndicatorValues values, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tahun")] public int? Year { get; set; }

    public IndicatorDetail? Detail { get; private set; }
    public DashboardIndicator? Progress { get; private set; }
    public int Shown { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public int EntryYear { get; set; }
    [BindProperty] public int EntryMonth { get; set; }
    [BindProperty] public decimal? EntryValue { get; set; }
    [BindProperty] public string? EntryNote { get; set; }
    [BindProperty] public IFormFile? Evidence { get; set; }

    /// <summary>Staff of the indicator's own bidang, for a manual indicator.</summary>
    public bool MayEnter => User.May(Permission.EnterIndicatorValues) && Detail is { } d
        && d.Indicator.Measure == IndicatorMeasures.Manual && d.Indicator.BidangCode is not null && d.Indicator.BidangCode == User.BidangCode();

    public (int Year, int Month) ThisMonth
    {
        get
        {
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), ComputeIndicators.Wita);
            return (local.Year, local.Month);
        }
    }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        try
        {
            Detail = await IndicatorDetails.GetAsync(db, code, ct);
        }
        catch (IndicatorNotFoundException)
        {
            return NotFound();
        }
        Shown = Year ?? IndicatorPages.DefaultYear(await IndicatorReports.YearsAsync(db, ct), time);
        Progress = (await reports.DashboardAsync(db, Shown, Detail.Indicator.ProgramCode, ct, code)).FirstOrDefault();
        if (EntryYear == 0)
        {
            (EntryYear, EntryMonth) = ThisMonth;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!User.May(Permission.EnterIndicatorValues))
        {
            return Forbid();
        }
        try
        {
            byte[]? bytes = null;
            if (Evidence is { Length: > 0 and <= Sejahtera.Engine.Proposals.AttachDocument.MaxBytes })
            {
                using var buffer = new MemoryStream();
                await Evidence.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }
            else if (Evidence is { Length: > 0 })
            {
                throw new IndicatorRefusedException("Nilai indikator ditolak, tidak ada yang diubah: bukti melebihi batas 5 MB.");
            }
            var value = await values.EnterAsync(db, new IndicatorValueEntry(code, EntryYear, EntryMonth, EntryValue ?? -1, EntryNote ?? "", Evidence?.FileName, bytes),
                IndicatorApi.Actor(User), ct);
            Message = $"Nilai {Sejahtera.Engine.Indonesian.Number(value.Value)} untuk {Sejahtera.Engine.Indonesian.MonthYear(value.Year, value.Month)} tersimpan dan menunggu verifikasi Kepala Bidang.";
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }
        db.ChangeTracker.Clear();
        Year ??= EntryYear;
        return await OnGetAsync(code, ct);
    }
}
