using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Pages.Panti;

/// <summary>A resident: data, stage history, and for the home's staff the form to record the next stage.</summary>
[Authorize(Policy = nameof(Permission.ReadResidents))]
public sealed class PenghuniModel(SejahteraDbContext db, RecordResidentStage record, TimeProvider time) : PageModel
{
    public ResidentDetails? Details { get; private set; }
    public CaseLabels Labels { get; private set; } = CaseLabels.None;
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);
    public bool MayRecord => User.May(Permission.ManageResidents);

    /// <summary>UPT staff may propose termination assistance from resocialisation on (the form refuses earlier stages and a second running case, with the reason).</summary>
    public bool MayPropose => User.May(Permission.ProposeTermination)
        && Details is { } d && RehabilitationStages.MayBeProposed(d.Resident.Stage);

    [BindProperty] public string? Stage { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public bool PlanCompleted { get; set; }
    [BindProperty] public bool EvaluationDone { get; set; }
    [BindProperty] public int? RowVersion { get; set; }

    /// <summary>The stages the form offers: the current one (to change only the flags) and every later one; bimbingan lanjut only after terminasi.</summary>
    public IEnumerable<string> StageChoices
    {
        get
        {
            var current = Details!.Resident.Stage;
            var from = RehabilitationStages.All.ToList().IndexOf(current);
            var terminated = from >= RehabilitationStages.All.ToList().IndexOf(RehabilitationStages.Termination);
            return RehabilitationStages.All.Skip(Math.Max(0, from)).Where(s => s != RehabilitationStages.FollowUp || terminated);
        }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await GetResidentDetails.HandleAsync(db, User.Scope(), id, ct);
        Labels = await Api.WorkflowVersions.LabelsAsync(db, ct);
        return Details is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }

        try
        {
            // The date belongs to a new stage; with the stage kept, only the flags change.
            var current = await GetResidentDetails.HandleAsync(db, User.Scope(), id, ct) ?? throw new ResidentNotFoundException(id);
            var on = Stage?.Trim() == current.Resident.Stage ? null : On;
            var resident = await record.HandleAsync(db, new RecordStageCommand(id, Stage, on, PlanCompleted, EvaluationDone, RowVersion), User.Scope(), User.Identity!.Name!, ct);
            Message = $"Tersimpan: tahap {RehabilitationStages.Label(resident.Stage)} sejak {Sejahtera.Engine.Indonesian.Date(resident.StageSince)}.";
        }
        catch (ResidentNotFoundException)
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
