using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Tests.Pkh;

public sealed class PkhCountsTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };


    private static async Task<Kpm> KpmAsync(SejahteraDbContext ctx, string code, string period, string desa, string pendamping)
    {
        var kpm = new Kpm
        {
            Period = period, KpmCode = code, KkNumber = "5307010101200001", CaretakerNik = "5307014505850001", CaretakerName = "Maria " + code, DesaCode = desa,
            KabupatenCode = desa[..5], YearOfEntry = 2015, Pendamping = pendamping, ContentHash = code,
        };
        ctx.Kpms.Add(kpm);
        await ctx.SaveChangesAsync();
        return kpm;
    }

    private static async Task<long> CaseAsync(SejahteraDbContext ctx, Kpm kpm, DateTimeOffset createdAt, string stage, string? decided = null, DateOnly? letter = null, DateOnly? dueTask = null)
    {
        var proposal = new Proposal
        {
            Program = "pkh-graduasi", WorkflowKey = "pkh-graduasi", WorkflowVersion = 1, State = stage, Stage = stage, KabupatenCode = kpm.KabupatenCode, DesaCode = kpm.DesaCode,
            KecamatanCode = kpm.DesaCode[..8], GroupName = kpm.CaretakerName, BusinessType = "-", MembersJson = "[]", BankAccount = "", AccountHolder = "",
            ChairName = "", TreasurerName = "", BusinessPlan = "", CreatedBy = "test", CreatedAt = createdAt,
        };
        ctx.Proposals.Add(proposal);
        await ctx.SaveChangesAsync();
        ctx.GraduationCases.Add(new GraduationCase
        {
            ProposalId = proposal.Id, KpmId = kpm.Id, KpmCode = kpm.KpmCode, Period = kpm.Period, SuggestedKind = "graduasi-alamiah", DecidedKind = decided, LetterDate = letter,
        });
        if (dueTask is { } due)
        {
            ctx.ProposalTasks.Add(new ProposalTask { ProposalId = proposal.Id, State = "kunjungan", CandidateRoles = "pendamping", KabupatenCode = kpm.KabupatenCode, DueDate = due });
        }

        await ctx.SaveChangesAsync();
        return proposal.Id;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Evaluated_KPM_count_in_the_year_their_case_opened_in_WITA_and_graduations_in_the_year_of_their_letter_by_kind(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.Context())
        {
            var a = await KpmAsync(ctx, "A", "2025", "53.07.01.2001", "pendamping.sikka");
            var b = await KpmAsync(ctx, "B", "2025", "53.07.01.2001", "pendamping.sikka");
            var c = await KpmAsync(ctx, "C", "2025", "53.07.01.2003", "pendamping.sikka2");
            var d = await KpmAsync(ctx, "D", "2026", "53.07.01.2003", "pendamping.sikka2");
            var e = await KpmAsync(ctx, "E", "2026", "53.07.01.2003", "pendamping.sikka2");
            // 31 December 2024, 20:00 WITA is still 2024 (12:00 UTC).
            await CaseAsync(ctx, a, new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero), StateMeanings.Closed, "graduasi-mandiri", new DateOnly(2025, 2, 10));
            // 1 January 2025, 07:00 WITA is 2025 although it is still 2024 in UTC.
            await CaseAsync(ctx, b, new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.Zero), StateMeanings.Closed, "graduasi-alamiah");
            await CaseAsync(ctx, c, new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), StateMeanings.Closed, "graduasi-mandiri", new DateOnly(2025, 9, 1));
            await CaseAsync(ctx, d, new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), "verifikasi", "graduasi-paksa");  // decided but not closed
            await CaseAsync(ctx, e, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "kunjungan");
        }

        await using var check = db.Context();
        var rows = await PkhCounts.EvaluatedPerYearAsync(check, 2024, 2026);

        Assert.Equal([2024, 2025, 2026], rows.Select(r => r.Year));
        Assert.Equal([1, 3, 1], rows.Select(r => r.Evaluated));
        Assert.Empty(rows[0].GraduationsByKind);
        Assert.Equal(new Dictionary<string, int> { ["graduasi-alamiah"] = 1, ["graduasi-mandiri"] = 2 }, rows[1].GraduationsByKind);
        Assert.Equal(3, rows[1].Graduations);
        Assert.Empty(rows[2].GraduationsByKind);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_summary_counts_per_kabupaten_and_pendamping_and_a_pendamping_sees_only_their_desa(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var today = new DateOnly(2026, 3, 2);
        await using (var ctx = db.Context())
        {
            var a = await KpmAsync(ctx, "A", "2026", "53.07.01.2001", "pendamping.sikka");
            var b = await KpmAsync(ctx, "B", "2026", "53.07.01.2001", "pendamping.sikka");
            await KpmAsync(ctx, "C", "2026", "53.07.01.2001", "pendamping.sikka");
            var d = await KpmAsync(ctx, "D", "2026", "53.07.01.2003", "pendamping.sikka2");
            await KpmAsync(ctx, "E", "2025", "53.07.01.2003", "pendamping.sikka2");
            await CaseAsync(ctx, a, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), StateMeanings.Closed, "graduasi-mandiri");
            await CaseAsync(ctx, b, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "kunjungan", dueTask: today.AddDays(-1));
            await CaseAsync(ctx, d, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "kunjungan", dueTask: today);
        }

        await using var check = db.Context();
        var office = await GetPkhSummary.HandleAsync(check, new KpmAudience(RegionScope.All, false), "2026", today);
        var pendamping = await GetPkhSummary.HandleAsync(check, KpmAudience.Of(RegionScope.Parse("53.07").ForDesa("53.07.01.2003"), ["pendamping"]), null, today);
        var unbound = await GetPkhSummary.HandleAsync(check, KpmAudience.Of(RegionScope.Parse("53.07"), ["pendamping"]), null, today);

        var sikka = Assert.Single(office.Kabupaten);
        Assert.Equal(("53.07", 4, 3, 1, 2, 1), (sikka.Key, sikka.Kpm, sikka.Evaluated, sikka.Graduations, sikka.OpenCases, sikka.OverdueVisits));
        Assert.Equal([("pendamping.sikka", 3, 2, 1, 1, 1), ("pendamping.sikka2", 1, 1, 0, 1, 0)],
            office.Pendamping.Select(r => (r.Key, r.Kpm, r.Evaluated, r.Graduations, r.OpenCases, r.OverdueVisits)));
        Assert.Equal(10, office.Target);
        Assert.Equal(("2026", 1), (pendamping.Period, Assert.Single(pendamping.Pendamping).Kpm));
        Assert.Equal(["2026", "2025"], pendamping.Periods);
        Assert.Null(unbound.Period);
        Assert.Equal(4, (await ListKpm.HandleAsync(check, new KpmAudience(RegionScope.All, false), new KpmQuery("2026"))).Total);
        Assert.Equal(["A"], (await ListKpm.HandleAsync(check, new KpmAudience(RegionScope.All, false), new KpmQuery("2026", Search: "maria a"))).Items.Select(i => i.Kpm.KpmCode));
    }
}
