using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti;

/// <summary>
/// The stage form of a resident: the next stage and the date it was entered, and the plan-completed
/// and evaluation-done flags. <see cref="On"/> may be left out when the stage stays the same (only
/// the flags change); a flag left out keeps its value. <see cref="RowVersion"/> is the version the user saw.
/// </summary>
public sealed record RecordStageCommand(long ResidentId, string? Stage, DateOnly? On, bool? PlanCompleted, bool? EvaluationDone, int? RowVersion);

/// <summary>Records a resident's next rehabilitation stage (see <see cref="StageMove"/>) in the resident and its history, in one save.</summary>
public sealed class RecordResidentStage(TimeProvider time)
{
    public async Task<Resident> HandleAsync(SejahteraDbContext db, RecordStageCommand command, RegionScope scope, string actor, CancellationToken ct = default)
    {
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == command.ResidentId, ct);
        var home = resident is null ? null : await db.PantiHomes.AsNoTracking().FirstOrDefaultAsync(h => h.Code == resident.HomeCode, ct);
        if (resident is null || home is null || !scope.Allows(home))
        {
            throw new ResidentNotFoundException(command.ResidentId);
        }

        if (command.RowVersion is { } seen && seen != resident.RowVersion)
        {
            throw ResidentRefusedException.ChangedMeanwhile();
        }

        if (string.IsNullOrWhiteSpace(command.Stage))
        {
            throw new ResidentRefusedException("Tahap tidak dicatat: pilih tahap.");
        }

        var stage = StageMove.Known(command.Stage)
            ?? throw new ResidentRefusedException($"Tahap tidak dicatat: tahap '{command.Stage.Trim()}' tidak dikenal; pilih salah satu dari {StageMove.Choices}.");
        if (command.On is null && stage != resident.Stage)
        {
            throw new ResidentRefusedException("Tahap tidak dicatat: isi tanggal tahap.");
        }

        var terminated = await db.ResidentStages.AsNoTracking()
            .Where(s => s.ResidentId == resident.Id && s.Stage == RehabilitationStages.Termination)
            .Select(s => s.On).ToListAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        if (StageMove.Next(resident.Stage, resident.StageSince, terminated.Count == 0 ? null : terminated.Min(), stage, command.On ?? resident.StageSince,
                terminationOn: null, today, out var steps) is { } problem)
        {
            throw new ResidentRefusedException($"Tahap tidak dicatat: {problem}.");
        }

        var plan = command.PlanCompleted ?? resident.PlanCompleted;
        var evaluation = command.EvaluationDone ?? resident.EvaluationDone;
        if (steps.Count == 0 && plan == resident.PlanCompleted && evaluation == resident.EvaluationDone)
        {
            return resident;
        }

        var now = time.GetUtcNow();
        resident.PlanCompleted = plan;
        resident.EvaluationDone = evaluation;
        if (steps.Count > 0)
        {
            resident.Stage = steps[^1].Stage;
            resident.StageSince = steps[^1].On;
            db.ResidentStages.AddRange(steps.Select(s => new ResidentStageEntry
            {
                ResidentId = resident.Id, Stage = s.Stage, On = s.On, RecordedBy = actor, RecordedAt = now,
            }));
        }

        resident.UpdatedAt = now;
        resident.UpdatedBy = actor;
        resident.RowVersion++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ResidentRefusedException.ChangedMeanwhile();
        }

        return resident;
    }
}
