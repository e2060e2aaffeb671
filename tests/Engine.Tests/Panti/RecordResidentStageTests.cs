using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Import;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Support;
using static Sejahtera.Engine.Tests.Panti.PantiTestData;

namespace Sejahtera.Engine.Tests.Panti;

public sealed class RecordResidentStageTests
{
    private static readonly string Girl = DtksFile.Nik("530105", "450515", 1);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    /// <summary>One resident of Naibonat in intervention since 1 June 2025; returns its id.</summary>
    private static async Task<long> ResidentAsync(TestDatabase db, string home = Naibonat)
    {
        await using var ctx = db.Context();
        await new ImportResidents(Clock()).HandleAsync(ctx, new ResidentFile().Row(home, Girl).Stream(), Province, "demo");
        return await ctx.Residents.Where(r => r.Nik == Girl).Select(r => r.Id).SingleAsync();
    }

    private static async Task<Resident> RecordAsync(TestDatabase db, RecordStageCommand command, Identity.RegionScope? scope = null)
    {
        await using var ctx = db.Context();
        return await new RecordResidentStage(Clock()).HandleAsync(ctx, command, scope ?? NaibonatStaff, "upt.naibonat");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_next_stage_is_recorded_with_its_date_and_flags_in_the_resident_and_its_history(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await ResidentAsync(db);

        var resident = await RecordAsync(db, new RecordStageCommand(id, "terminasi", new DateOnly(2026, 6, 20), PlanCompleted: true, EvaluationDone: true, RowVersion: 0));

        Assert.Equal(("terminasi", new DateOnly(2026, 6, 20), true, true, 1, "upt.naibonat"),
            (resident.Stage, resident.StageSince, resident.PlanCompleted, resident.EvaluationDone, resident.RowVersion, resident.UpdatedBy));
        await using var ctx = db.Context();
        var history = await ctx.ResidentStages.AsNoTracking().Where(s => s.ResidentId == id).OrderBy(s => s.On).ToListAsync();
        Assert.Equal([("intervensi", new DateOnly(2025, 6, 1), "demo"), ("terminasi", new DateOnly(2026, 6, 20), "upt.naibonat")],
            history.Select(s => (s.Stage, s.On, s.RecordedBy)));
    }

    [Fact]
    public async Task Keeping_the_stage_changes_only_the_flags_and_adds_nothing_to_the_history()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await ResidentAsync(db);

        var resident = await RecordAsync(db, new RecordStageCommand(id, "intervensi", On: null, PlanCompleted: true, EvaluationDone: null, RowVersion: 0));

        Assert.Equal(("intervensi", new DateOnly(2025, 6, 1), true, false, 1), (resident.Stage, resident.StageSince, resident.PlanCompleted, resident.EvaluationDone, resident.RowVersion));
        await using var ctx = db.Context();
        Assert.Equal(1, await ctx.ResidentStages.CountAsync(s => s.ResidentId == id));
    }

    public static TheoryData<string, string?, string> Refused => new()
    {
        { "pengungkapan-masalah", "2026-06-01", "tahap tidak boleh mundur" },
        { "resosialisasi", "2025-05-31", "sebelum tahap sekarang (Intervensi sejak 01/06/2025)" },
        { "resosialisasi", "2026-07-01", "belum tiba" },
        { "bimbingan-lanjut", "2026-06-01", "bimbingan lanjut hanya sesudah terminasi" },
        { "resosialisasi", null, "isi tanggal tahap" },
        { "lulus", "2026-06-01", "tahap 'lulus' tidak dikenal" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_stage_that_goes_back_skips_termination_or_has_an_impossible_date_is_refused_and_nothing_changes(string stage, string? on, string reason)
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await ResidentAsync(db);
        var before = await RegisterAsync(db);

        var refused = await Assert.ThrowsAsync<ResidentRefusedException>(() =>
            RecordAsync(db, new RecordStageCommand(id, stage, on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), true, true, 0)));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.False(refused.Conflict);
        Assert.Equal(before, await RegisterAsync(db));
    }

    [Fact]
    public async Task UPT_staff_of_another_home_find_no_such_resident()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await ResidentAsync(db, BudiAgung);
        var before = await RegisterAsync(db);

        await Assert.ThrowsAsync<ResidentNotFoundException>(() =>
            RecordAsync(db, new RecordStageCommand(id, "resosialisasi", new DateOnly(2026, 6, 1), null, null, 0), NaibonatStaff));
        await Assert.ThrowsAsync<ResidentNotFoundException>(() =>
            RecordAsync(db, new RecordStageCommand(id + 1000, "resosialisasi", new DateOnly(2026, 6, 1), null, null, 0), Province));

        Assert.Equal(before, await RegisterAsync(db));
    }

    [Fact]
    public async Task A_change_made_on_an_old_version_of_the_resident_is_a_conflict()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var id = await ResidentAsync(db);
        await RecordAsync(db, new RecordStageCommand(id, "resosialisasi", new DateOnly(2026, 6, 1), null, null, RowVersion: 0));

        var refused = await Assert.ThrowsAsync<ResidentRefusedException>(() =>
            RecordAsync(db, new RecordStageCommand(id, "terminasi", new DateOnly(2026, 6, 20), null, null, RowVersion: 0)));

        Assert.True(refused.Conflict);
    }
}
