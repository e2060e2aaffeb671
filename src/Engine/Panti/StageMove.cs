namespace Sejahtera.Engine.Panti;

/// <summary>A stage entered on a date, to be written to a resident's history.</summary>
internal readonly record struct StageStep(string Stage, DateOnly On);

/// <summary>
/// How a resident moves along <see cref="RehabilitationStages"/>, the same for the stage form and the
/// import: only forward, never before the current stage's date nor after today, and bimbingan
/// lanjut only after a termination whose date is known, so that every terminated resident has the
/// date of <c>terminasi</c> in the history (the counts of terminations read it there).
/// </summary>
internal static class StageMove
{
    public static int Order(string stage)
    {
        for (var i = 0; i < RehabilitationStages.All.Count; i++)
        {
            if (RehabilitationStages.All[i] == stage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A stage's name as written in a file or form, or null when it is not one of the stages.</summary>
    public static string? Known(string? text)
    {
        var stage = text?.Trim().ToLowerInvariant();
        return stage is not null && Order(stage) >= 0 ? stage : null;
    }

    public static string Choices => string.Join(", ", RehabilitationStages.All);

    /// <summary>
    /// The steps a new resident's history starts with: the stage given, preceded by terminasi on
    /// <paramref name="terminationOn"/> when the resident is already in bimbingan lanjut. Null steps: the reason.
    /// </summary>
    public static string? First(string stage, DateOnly on, DateOnly admittedOn, DateOnly? terminationOn, out IReadOnlyList<StageStep> steps)
    {
        steps = [];
        if (stage == RehabilitationStages.FollowUp)
        {
            if (terminationOn is not { } terminated)
            {
                return "tahap bimbingan-lanjut memerlukan tanggal_terminasi (tanggal klien diterminasi)";
            }

            if (terminated < admittedOn || terminated > on)
            {
                return $"tanggal_terminasi {Indonesian.Date(terminated)} harus di antara tanggal_masuk dan tanggal_tahap";
            }

            steps = [new StageStep(RehabilitationStages.Termination, terminated), new StageStep(stage, on)];
            return null;
        }

        steps = [new StageStep(stage, on)];
        return null;
    }

    /// <summary>
    /// The steps that take a resident at <paramref name="current"/> (since <paramref name="since"/>,
    /// terminated on <paramref name="terminatedOn"/> if so) to <paramref name="stage"/> on
    /// <paramref name="on"/>: none when it is the current stage on the same date. Null steps: the reason.
    /// </summary>
    public static string? Next(
        string current, DateOnly since, DateOnly? terminatedOn, string stage, DateOnly on, DateOnly? terminationOn, DateOnly today,
        out IReadOnlyList<StageStep> steps)
    {
        steps = [];
        var from = Order(current);
        var to = Order(stage);
        if (to < 0)
        {
            return $"tahap '{stage}' tidak dikenal; pilih salah satu dari {Choices}";
        }

        if (terminatedOn is { } recorded && terminationOn is { } given && given != recorded)
        {
            return $"tanggal_terminasi {Indonesian.Date(given)} berbeda dengan terminasi yang tercatat ({Indonesian.Date(recorded)})";
        }

        if (to < from)
        {
            return $"tahap tidak boleh mundur: sekarang {RehabilitationStages.Label(current)} sejak {Indonesian.Date(since)}, "
                + $"diminta {RehabilitationStages.Label(stage)}";
        }

        if (to == from)
        {
            return on == since
                ? null
                : $"tahap {RehabilitationStages.Label(stage)} sudah tercatat sejak {Indonesian.Date(since)}; tanggal tahap yang tercatat tidak diubah "
                    + $"(diminta {Indonesian.Date(on)})";
        }

        if (on < since)
        {
            return $"tanggal tahap {Indonesian.Date(on)} sebelum tahap sekarang ({RehabilitationStages.Label(current)} sejak {Indonesian.Date(since)})";
        }

        if (on > today)
        {
            return $"tanggal tahap {Indonesian.Date(on)} belum tiba";
        }

        if (stage == RehabilitationStages.FollowUp && terminatedOn is null)
        {
            if (terminationOn is not { } terminated)
            {
                return "bimbingan lanjut hanya sesudah terminasi: catat dulu tahap terminasi dengan tanggalnya";
            }

            if (terminated < since || terminated > on)
            {
                return $"tanggal_terminasi {Indonesian.Date(terminated)} harus di antara tahap sekarang ({Indonesian.Date(since)}) dan tanggal_tahap";
            }

            steps = [new StageStep(RehabilitationStages.Termination, terminated), new StageStep(stage, on)];
            return null;
        }

        steps = [new StageStep(stage, on)];
        return null;
    }
}
