using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Pkh;

public sealed class PkhGraduationFlowTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly string[] Admin = ["admin"];
    private static readonly string[] Coordinator = ["koordinator-pkh"];
    private static readonly string[] KepalaBidang = ["kepala-bidang"];

    private static async Task<(TestDatabase Db, PkhSetup Setup)> FamiliesAsync(DatabaseProvider provider, params Kpm[] families)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        ctx.Kpms.AddRange(families);
        await ctx.SaveChangesAsync();
        return (db, new PkhSetup(db, PkhSetup.Clock()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Each_kind_of_graduation_walks_from_the_evaluation_to_the_exit_from_the_register_and_a_second_run_opens_nothing(DatabaseProvider provider)
    {
        var (db, setup) = await FamiliesAsync(provider,
            PkhSetup.Family("ALAMIAH", 1, k => (k.YoungChildren, k.SdChildren) = (0, 0)),
            PkhSetup.Family("PAKSA", 2, k => k.CommitmentWarnings = 4),
            PkhSetup.Family("MANDIRI", 3, k => k.YearOfEntry = 2017),
            PkhSetup.Family("TETAP", 4));
        await using var _ = db;
        await using var ctx = db.Context();

        var first = await setup.Evaluate.HandleAsync(ctx, PkhSetup.Period, PkhSetup.AsOf, "kabid.linjamsos", KepalaBidang);
        var second = await setup.Evaluate.HandleAsync(ctx, PkhSetup.Period, PkhSetup.AsOf, "kabid.linjamsos", KepalaBidang);

        Assert.Equal((4, 3, 3, 0), (first.Evaluated, first.Candidates, first.Opened, first.AlreadyOpen));
        Assert.Equal((3, 0, 3), (second.Candidates, second.Opened, second.AlreadyOpen));
        var suggested = await ctx.GraduationCases.AsNoTracking().OrderBy(g => g.KpmCode).Select(g => g.KpmCode + ":" + g.SuggestedKind).ToListAsync();
        Assert.Equal(["ALAMIAH:graduasi-alamiah", "MANDIRI:graduasi-mandiri", "PAKSA:graduasi-paksa"], suggested);
        // The family eight years in the program comes first in the pendamping's queue.
        var queue = await new ProposalViews(setup.Cases, setup.Time).QueueAsync(ctx, ["pendamping"], PkhSetup.Pendamping);
        Assert.Equal(await setup.CaseOfAsync(ctx, "MANDIRI"), queue[0].Proposal.Id);
        Assert.Empty(await new ProposalViews(setup.Cases, setup.Time).QueueAsync(ctx, ["pendamping"], PkhSetup.OtherDesa));

        foreach (var (code, improved, signed) in new[] { ("ALAMIAH", false, false), ("PAKSA", false, false), ("MANDIRI", true, true) })
        {
            var id = await setup.CaseOfAsync(ctx, code);
            await setup.VisitAsync(ctx, id, improved, signed);
            await setup.Cases.FireAsync(ctx, id, "pass", null, "koordinator.sikka", Coordinator, PkhSetup.Sikka);
            await setup.Cases.FireAsync(ctx, id, "graduate", null, "kabid.linjamsos", KepalaBidang, RegionScope.All);
            var letter = await ctx.GraduationCases.AsNoTracking().SingleAsync(g => g.ProposalId == id);
            Assert.Equal($"graduasi-{code.ToLowerInvariant()}", letter.DecidedKind);
            Assert.EndsWith("/SKG-PKH/53.07/2026", letter.LetterNumber, StringComparison.Ordinal);

            var early = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
                setup.Cases.FireAsync(ctx, id, "finalize", null, "kabid.linjamsos", KepalaBidang, RegionScope.All));
            Assert.Contains("masa sanggah belum berakhir", early.Message, StringComparison.Ordinal);
        }

        setup.Time.Advance(TimeSpan.FromDays(21));
        foreach (var code in new[] { "ALAMIAH", "PAKSA", "MANDIRI" })
        {
            await setup.Cases.FireAsync(ctx, await setup.CaseOfAsync(ctx, code), "finalize", null, "kabid.linjamsos", KepalaBidang, RegionScope.All);
        }

        var exits = await ctx.KpmExits.AsNoTracking().OrderBy(e => e.KpmCode).Select(e => e.KpmCode + ":" + e.Kind + ":" + e.FromPeriod).ToListAsync();
        Assert.Equal(["ALAMIAH:graduasi-alamiah:2027", "MANDIRI:graduasi-mandiri:2027", "PAKSA:graduasi-paksa:2027"], exits);
        Assert.Equal(3, await ctx.KubeCandidates.CountAsync());
        Assert.Equal(3, await ctx.Proposals.CountAsync(p => p.Stage == "closed"));
        var letters = await ctx.GraduationCases.AsNoTracking().Select(g => g.LetterNumber).ToListAsync();
        Assert.Equal(3, letters.Distinct().Count());
        // Graduated families are not evaluated again.
        var third = await setup.Evaluate.HandleAsync(ctx, PkhSetup.Period, PkhSetup.AsOf, "kabid.linjamsos", KepalaBidang);
        Assert.Equal((1, 0), (third.Evaluated, third.Opened));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task An_objection_returns_the_case_to_review_once_four_eyes_hold_a_family_found_still_eligible_stays_and_an_overdue_visit_escalates(DatabaseProvider provider)
    {
        var (db, setup) = await FamiliesAsync(provider,
            PkhSetup.Family("PAKSA", 2, k => k.CommitmentWarnings = 4),
            PkhSetup.Family("LAMA", 5, k => k.YearOfEntry = 2015),
            PkhSetup.Family("LUPA", 6, k => (k.YoungChildren, k.SdChildren) = (0, 0)));
        await using var _ = db;
        await using var ctx = db.Context();
        await setup.Evaluate.HandleAsync(ctx, PkhSetup.Period, PkhSetup.AsOf, "admin", Admin);
        var paksa = await setup.CaseOfAsync(ctx, "PAKSA");
        var lama = await setup.CaseOfAsync(ctx, "LAMA");
        var lupa = await setup.CaseOfAsync(ctx, "LUPA");

        // Another desa's pendamping does not see the case; the visit needs its assessment and photos.
        await Assert.ThrowsAsync<ProposalNotFoundException>(() =>
            setup.Cases.FireAsync(ctx, paksa, "record-visit", null, "pendamping.lain", ["pendamping"], PkhSetup.OtherDesa));
        var noVisit = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, paksa, "record-visit", null, "pendamping.sikka", ["pendamping"], PkhSetup.Pendamping));
        Assert.Contains("hasil kunjungan rumah", noVisit.Message, StringComparison.Ordinal);

        // Four eyes: whoever visited may not decide, even holding the Kepala Bidang role.
        await setup.Assess.HandleAsync(ctx, paksa, new AssessmentRequest("buruh", "tidak ada", "tidak ada", "tetap", false, false, false),
            "plt.pendamping", ["pendamping", "kepala-bidang"], PkhSetup.Pendamping);
        await setup.Attach.HandleAsync(ctx, paksa, new DocumentUpload("kunjungan", "foto.pdf", Tests.Proposals.KubeSetup.Pdf("foto")),
            "plt.pendamping", ["pendamping"], PkhSetup.Pendamping);
        await setup.Cases.FireAsync(ctx, paksa, "record-visit", null, "plt.pendamping", ["pendamping", "kepala-bidang"], PkhSetup.Pendamping);
        await setup.Cases.FireAsync(ctx, paksa, "pass", null, "koordinator.sikka", Coordinator, PkhSetup.Sikka);
        var fourEyes = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, paksa, "graduate", null, "plt.pendamping", ["pendamping", "kepala-bidang"], RegionScope.All));
        Assert.Contains("empat mata", fourEyes.Message, StringComparison.Ordinal);
        await setup.Cases.FireAsync(ctx, paksa, "graduate", null, "kabid.linjamsos", KepalaBidang, RegionScope.All);

        // The objection: back to review once; a second one is refused.
        await setup.Cases.FireAsync(ctx, paksa, "object", "keluarga menyanggah: peringatan ketiga keliru dicatat", "pendamping.sikka", ["pendamping"], PkhSetup.Pendamping);
        Assert.Equal("review", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == paksa)).State);
        await setup.Cases.FireAsync(ctx, paksa, "pass", null, "koordinator.sikka", Coordinator, PkhSetup.Sikka);
        await setup.Cases.FireAsync(ctx, paksa, "graduate", null, "kabid.linjamsos", KepalaBidang, RegionScope.All);
        var twice = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, paksa, "object", "sanggahan kedua", "pendamping.sikka", ["pendamping"], PkhSetup.Pendamping));
        Assert.Contains("hanya boleh sekali", twice.Message, StringComparison.Ordinal);

        // A long-stay family whose economy has not improved: the rules keep it, graduation is refused, it stays with the reason.
        await setup.VisitAsync(ctx, lama);
        await setup.Cases.FireAsync(ctx, lama, "pass", null, "koordinator.sikka", Coordinator, PkhSetup.Sikka);
        var notGraduating = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Cases.FireAsync(ctx, lama, "graduate", null, "kabid.linjamsos", KepalaBidang, RegionScope.All));
        Assert.Contains("bukan graduasi", notGraduating.Message, StringComparison.Ordinal);
        await setup.Cases.FireAsync(ctx, lama, "keep", "ekonomi belum membaik; tetap KPM", "kabid.linjamsos", KepalaBidang, RegionScope.All);
        Assert.Equal("rejected", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == lama)).Stage);

        // The visit not made in time: escalated to the coordinator.
        setup.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await new EscalateOverdueTasks(db.Settings, setup.Cases, setup.Time).HandleAsync(ctx));
        var overdue = await ctx.ProposalTasks.AsNoTracking().SingleAsync(t => t.ProposalId == lupa && t.CompletedAt == null);
        Assert.Equal("pendamping,koordinator-pkh", overdue.CandidateRoles);
        await setup.Cases.FireAsync(ctx, lupa, "still-eligible", "anak ketiga lahir Februari 2026; keluarga masih punya komponen", "pendamping.sikka", ["pendamping"], PkhSetup.Pendamping);
        Assert.Equal("kept", (await ctx.Proposals.AsNoTracking().SingleAsync(p => p.Id == lupa)).State);
        Assert.Empty(await ctx.KpmExits.ToListAsync());
    }
}
