using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Workflows.Definitions;
using static Sejahtera.Engine.Tests.Panti.PantiTestData;

namespace Sejahtera.Engine.Tests.Panti;

public sealed class PantiCountsTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>
    /// Residents built for the counts. Naibonat: A terminated 10 May 2019 and paid (follow-up);
    /// B admitted 31 Dec 2018; C admitted 1 Jan 2019; D terminated 31 Dec 2018, in bimbingan lanjut
    /// since 2019, paid (closed); E terminated 1 Jan 2019, case still in payment; F terminated 1 Jul
    /// 2019 with a rejected case and a case of another program in follow-up. Budi Agung: G terminated
    /// 2019 and paid.
    /// </summary>
    private static async Task BuildAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        var serial = 0;
        async Task Resident(string home, DateOnly admitted, params (string Stage, DateOnly On, string? CaseProgram, string? CaseStage)[] steps)
        {
            serial++;
            var last = steps.Length == 0 ? ("pendekatan-awal", admitted, null, null) : steps[^1];
            var resident = new Resident
            {
                HomeCode = home, Nik = $"53010501011{serial:00000}", Name = $"Klien {serial}", Sex = "L", BirthDate = D(2010, 1, 1), Category = "anak",
                AdmittedOn = admitted, OriginAddress = "Naibonat", GuardianName = "", GuardianRelation = "", Stage = last.Stage, StageSince = last.On,
                UpdatedBy = "test",
            };
            ctx.Residents.Add(resident);
            await ctx.SaveChangesAsync();
            ctx.ResidentStages.Add(new ResidentStageEntry { ResidentId = resident.Id, Stage = "pendekatan-awal", On = admitted, RecordedBy = "test" });
            foreach (var (stage, on, program, caseStage) in steps)
            {
                ctx.ResidentStages.Add(new ResidentStageEntry { ResidentId = resident.Id, Stage = stage, On = on, RecordedBy = "test" });
                if (program is not null)
                {
                    var proposal = new Proposal
                    {
                        Program = program, WorkflowKey = program, WorkflowVersion = 1, State = caseStage!, Stage = caseStage, KabupatenCode = "53.01", HomeCode = home,
                        KecamatanCode = "53.01.05", GroupName = resident.Name, BusinessType = "-", MembersJson = "[]", BankAccount = "", AccountHolder = "",
                        ChairName = "", TreasurerName = "", BusinessPlan = "", CreatedBy = "test",
                    };
                    ctx.Proposals.Add(proposal);
                    await ctx.SaveChangesAsync();
                    ctx.PantiTerminations.Add(new PantiTermination
                    {
                        ProposalId = proposal.Id, ResidentId = resident.Id, HomeCode = home, TerminationOn = on, TerminationReason = "kembali-ke-keluarga",
                        DestinationAddress = "Naibonat", ReceivingFamily = "Bria", Payee = "wali",
                    });
                }
            }

            await ctx.SaveChangesAsync();
        }

        const string Panti = Sejahtera.Engine.Cases.CasePrograms.PantiTermination;
        await Resident(Naibonat, D(2017, 3, 1), ("intervensi", D(2017, 9, 1), null, null), ("terminasi", D(2019, 5, 10), Panti, StateMeanings.FollowUp));  // A
        await Resident(Naibonat, D(2018, 12, 31));                                                                                                        // B
        await Resident(Naibonat, D(2019, 1, 1));                                                                                                          // C
        await Resident(Naibonat, D(2016, 1, 1), ("terminasi", D(2018, 12, 31), Panti, StateMeanings.Closed), ("bimbingan-lanjut", D(2019, 2, 1), null, null)); // D
        await Resident(Naibonat, D(2016, 1, 1), ("terminasi", D(2019, 1, 1), Panti, StateMeanings.Payment));                                              // E
        await Resident(Naibonat, D(2016, 1, 1), ("terminasi", D(2019, 7, 1), Panti, StateMeanings.Rejected));                                             // F
        await Resident(BudiAgung, D(2018, 5, 1), ("terminasi", D(2019, 8, 1), Panti, StateMeanings.Closed));                                              // G

        // F also has a case of another program that reached follow-up: it is not termination assistance.
        var f = ctx.Residents.Single(r => r.Name == "Klien 6");
        var other = new Proposal
        {
            Program = "kube", WorkflowKey = "kube-proposal", WorkflowVersion = 1, State = "accountability", Stage = StateMeanings.FollowUp, KabupatenCode = "53.01",
            KecamatanCode = "53.01.05", GroupName = "lain", BusinessType = "-", MembersJson = "[]", BankAccount = "", AccountHolder = "", ChairName = "",
            TreasurerName = "", BusinessPlan = "", CreatedBy = "test",
        };
        ctx.Proposals.Add(other);
        await ctx.SaveChangesAsync();
        ctx.PantiTerminations.Add(new PantiTermination
        {
            ProposalId = other.Id, ResidentId = f.Id, HomeCode = Naibonat, TerminationOn = D(2019, 7, 1), TerminationReason = "tujuan-tercapai",
            DestinationAddress = "Naibonat", ReceivingFamily = "Bria", Payee = "klien",
        });
        await ctx.SaveChangesAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Served_terminated_and_paid_are_counted_per_home_and_year_from_the_stage_history_and_the_cases(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await BuildAsync(db);
        await using var ctx = db.Context();

        var rows = await PantiCounts.CountAsync(ctx, 2018, 2020);

        Assert.Equal(PantiHomeCatalog.All.Count * 3, rows.Count);
        Assert.Equal(new PantiYearCounts(Naibonat, 2018, Served: 5, Terminated: 1, TerminatedPaid: 1), rows.Single(r => r.HomeCode == Naibonat && r.Year == 2018));
        Assert.Equal(new PantiYearCounts(Naibonat, 2019, Served: 5, Terminated: 3, TerminatedPaid: 1), rows.Single(r => r.HomeCode == Naibonat && r.Year == 2019));
        Assert.Equal(new PantiYearCounts(Naibonat, 2020, Served: 2, Terminated: 0, TerminatedPaid: 0), rows.Single(r => r.HomeCode == Naibonat && r.Year == 2020));
        Assert.Equal(new PantiYearCounts(BudiAgung, 2019, Served: 1, Terminated: 1, TerminatedPaid: 1), rows.Single(r => r.HomeCode == BudiAgung && r.Year == 2019));
        Assert.Equal(new PantiYearCounts(BudiAgung, 2018, Served: 1, Terminated: 0, TerminatedPaid: 0), rows.Single(r => r.HomeCode == BudiAgung && r.Year == 2018));
        Assert.All(rows.Where(r => r.HomeCode is not (Naibonat or BudiAgung)), r => Assert.Equal((0, 0, 0), (r.Served, r.Terminated, r.TerminatedPaid)));
    }

    [Fact]
    public async Task One_home_and_year_is_the_same_row_as_in_the_full_table()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await BuildAsync(db);
        await using var ctx = db.Context();

        var one = await PantiCounts.ForHomeAsync(ctx, Naibonat, 2019);
        var year = await PantiCounts.ForYearAsync(ctx, 2019);

        Assert.Equal(new PantiYearCounts(Naibonat, 2019, 5, 3, 1), one);
        Assert.Equal(one, year.Single(r => r.HomeCode == Naibonat));
        Assert.Equal(PantiHomeCatalog.All.Count, year.Count);
    }
}
