using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Tests.Support;
using Xunit;

namespace Sejahtera.Engine.Tests.Indicators;

/// <summary>Each measure on records built for it, around the month boundary in WITA (UTC+8).</summary>
public sealed class IndicatorMeasureTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    /// <summary>31 March 2026 at 23:30 WITA: still March, although 1 April has not begun in UTC either (15:30 UTC).</summary>
    private static readonly DateTimeOffset LateMarch = new(2026, 3, 31, 15, 30, 0, TimeSpan.Zero);

    /// <summary>1 April 2026 at 00:30 WITA: April, although it is still 31 March in UTC (16:30 UTC).</summary>
    private static readonly DateTimeOffset EarlyApril = new(2026, 3, 31, 16, 30, 0, TimeSpan.Zero);

    private static IndicatorSetup Setup(TestDatabase db) => new(db.Settings, new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero)));

    private static async Task<Proposal> CaseAsync(SejahteraDbContext ctx, string program, string workflow, string state, DateTimeOffset createdAt)
    {
        var proposal = new Proposal
        {
            Program = program, WorkflowKey = workflow, WorkflowVersion = 1, State = state, Stage = null, KabupatenCode = "53.07", KecamatanCode = "53.07.01",
            GroupName = "KUBE Uji " + Guid.NewGuid().ToString("N")[..6], BusinessType = "tenun", MembersJson = "[]", BankAccount = "0012345678",
            AccountHolder = "Uji", ChairName = "", TreasurerName = "", BusinessPlan = "", CreatedBy = "test", CreatedAt = createdAt,
        };
        ctx.Proposals.Add(proposal);
        await ctx.SaveChangesAsync();
        return proposal;
    }

    private static async Task PayAsync(SejahteraDbContext ctx, Proposal proposal, int tranche, string status, DateTimeOffset? reconciledAt, decimal amount = 10_000_000)
    {
        var batch = new PaymentBatch { CreatedAt = LateMarch.AddDays(-3), CreatedBy = "bendahara", Status = "reconciled", PaymentCount = 1, TotalAmount = amount };
        ctx.PaymentBatches.Add(batch);
        await ctx.SaveChangesAsync();
        ctx.Payments.Add(new Payment
        {
            BatchId = batch.Id, ProposalId = proposal.Id, Tranche = tranche, IdempotencyKey = $"{proposal.Id}-{tranche}-{Guid.NewGuid():N}", AccountNumber = "0012345678",
            AccountHolder = "Uji", Amount = amount, Description = "Bansos", Status = status, ReconciledAt = reconciledAt,
        });
        await ctx.SaveChangesAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task KUBE_grants_paid_count_each_group_once_in_the_WITA_month_the_bank_confirmed_payment(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = Setup(db);
        await using var ctx = db.Context();
        var a = await CaseAsync(ctx, "kube", "kube-proposal", "closed", LateMarch.AddDays(-40));
        var b = await CaseAsync(ctx, "kube", "kube-proposal", "closed", LateMarch.AddDays(-40));
        var c = await CaseAsync(ctx, "kube", "kube-proposal", "account-correction", LateMarch.AddDays(-40));
        var panti = await CaseAsync(ctx, "panti-terminasi", "panti-terminasi", "closed", LateMarch.AddDays(-40));
        await PayAsync(ctx, a, 1, PaymentStatuses.Paid, LateMarch);
        await PayAsync(ctx, a, 2, PaymentStatuses.Paid, LateMarch.AddDays(-2));     // a second tranche: still one group
        await PayAsync(ctx, b, 1, PaymentStatuses.Paid, EarlyApril);                 // April in WITA
        await PayAsync(ctx, c, 1, PaymentStatuses.Failed, LateMarch);                // refused by the bank
        await PayAsync(ctx, panti, 1, PaymentStatuses.Paid, LateMarch, 2_500_000);   // another program

        Assert.Equal(1, await setup.Measures.CountAsync(ctx, IndicatorMeasures.KubeGrantsPaid, March1, March31));
        Assert.Equal(1, await setup.Measures.CountAsync(ctx, IndicatorMeasures.KubeGrantsPaid, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));
        Assert.Equal(1, await setup.Measures.CountAsync(ctx, IndicatorMeasures.PantiTerminationAssistancePaid, March1, March31));
        Assert.Equal(20_000_000m, await setup.Measures.AmountPaidAsync(ctx, IndicatorMeasures.KubeGrantsPaid, March1, March31));
        Assert.Equal(2_500_000m, await setup.Measures.AmountPaidAsync(ctx, IndicatorMeasures.PantiTerminationAssistancePaid, March1, March31));
        Assert.Null(await setup.Measures.AmountPaidAsync(ctx, IndicatorMeasures.KubeProposalsVerified, March1, March31));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_KUBE_proposal_counts_as_verified_when_it_first_leaves_verification_forward_or_rejected_never_when_returned(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = Setup(db);
        await using var ctx = db.Context();
        async Task MoveAsync(Proposal p, string from, string to, string trigger, DateTimeOffset at)
        {
            ctx.ProposalTransitions.Add(new ProposalTransition { ProposalId = p.Id, At = at, Actor = "v", From = from, To = to, Trigger = trigger, WorkflowVersion = 1 });
            await ctx.SaveChangesAsync();
        }

        var passed = await CaseAsync(ctx, "kube", "kube-proposal", "recommendation", LateMarch.AddDays(-20));
        await MoveAsync(passed, "draft", "desk-verification", "submit", LateMarch.AddDays(-10));
        await MoveAsync(passed, "desk-verification", "field-verification", "pass", LateMarch.AddDays(-5));  // still verifying
        await MoveAsync(passed, "field-verification", "recommendation", "record-visit", LateMarch);          // verified in March (WITA)
        var rejected = await CaseAsync(ctx, "kube", "kube-proposal", "rejected", LateMarch.AddDays(-20));
        await MoveAsync(rejected, "draft", "desk-verification", "submit", LateMarch.AddDays(-10));
        await MoveAsync(rejected, "desk-verification", "rejected", "reject", EarlyApril);                   // verified in April
        var returned = await CaseAsync(ctx, "kube", "kube-proposal", "draft", LateMarch.AddDays(-20));
        await MoveAsync(returned, "draft", "desk-verification", "submit", LateMarch.AddDays(-10));
        await MoveAsync(returned, "desk-verification", "draft", "return", LateMarch.AddDays(-9));           // returned: not verified

        Assert.Equal(1, await setup.Measures.CountAsync(ctx, IndicatorMeasures.KubeProposalsVerified, March1, March31));
        Assert.Equal(1, await setup.Measures.CountAsync(ctx, IndicatorMeasures.KubeProposalsVerified, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));
        Assert.Equal(2, await setup.Measures.CountAsync(ctx, IndicatorMeasures.KubeProposalsVerified, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task DTKS_verification_rounds_count_the_periods_imported_in_the_WITA_month(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = Setup(db);
        await using var ctx = db.Context();
        var id = 0;
        foreach (var (period, at) in new[] { ("2026-02", LateMarch.AddDays(-20)), ("2026-03", LateMarch), ("2026-04", EarlyApril) })
        {
            ctx.Snapshots.Add(new DtksSnapshot { Id = ++id, Period = period, SourceFileName = "dtks.csv", SourceSha256 = Guid.NewGuid().ToString("N"), ImportedAt = at });
        }
        await ctx.SaveChangesAsync();

        Assert.Equal(2, await setup.Measures.CountAsync(ctx, IndicatorMeasures.DtksSnapshotsVerified, March1, March31));
        Assert.Equal(3, await setup.Measures.CountAsync(ctx, IndicatorMeasures.DtksSnapshotsVerified, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Panti_residents_served_in_a_period_count_per_category_from_admission_until_termination(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = Setup(db);
        await using var ctx = db.Context();
        async Task<Resident> ResidentAsync(string nik, string category, DateOnly admitted, DateOnly? terminated)
        {
            var r = await Tests.Panti.PantiSetup.ResidentAsync(ctx, category == "lansia" ? "budi-agung" : "riang-naibonat", nik, "Klien " + nik, terminated is null ? "bimbingan-sosial" : "terminasi");
            r.Category = category;
            r.AdmittedOn = admitted;
            if (terminated is { } on)
            {
                ctx.ResidentStages.Add(new ResidentStageEntry { ResidentId = r.Id, Stage = RehabilitationStages.Termination, On = on, RecordedBy = "upt", RecordedAt = LateMarch });
            }
            await ctx.SaveChangesAsync();
            return r;
        }

        await ResidentAsync("5301014508080001", "anak", new DateOnly(2025, 7, 1), null);                       // served all along
        await ResidentAsync("5301014508080002", "anak", new DateOnly(2025, 7, 1), new DateOnly(2026, 3, 15));  // served in March, terminated then
        await ResidentAsync("5301014508080003", "anak", new DateOnly(2025, 7, 1), new DateOnly(2026, 2, 27));  // gone before March
        await ResidentAsync("5301014508080004", "anak", new DateOnly(2026, 4, 2), null);                       // admitted after March
        await ResidentAsync("5371014508500005", "lansia", new DateOnly(2024, 1, 10), null);

        Assert.Equal(2, await setup.Measures.CountAsync(ctx, "panti_clients_served:anak", March1, March31));
        Assert.Equal(1, await setup.Measures.CountAsync(ctx, "panti_clients_served:lansia", March1, March31));
        Assert.Equal(0, await setup.Measures.CountAsync(ctx, "panti_clients_served:disabilitas", March1, March31));
        // Over the year, everyone who was there on some day of it.
        Assert.Equal(4, await setup.Measures.CountAsync(ctx, "panti_clients_served:anak", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task KPM_evaluated_for_graduation_count_the_cases_opened_in_the_WITA_month(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = Setup(db);
        await using var ctx = db.Context();
        var i = 0;
        foreach (var at in new[] { LateMarch, LateMarch.AddDays(-1), EarlyApril })
        {
            var proposal = await CaseAsync(ctx, "pkh-graduasi", "pkh-graduasi", "home-visit", at);
            var kpm = new Kpm
            {
                Period = "2026", KpmCode = $"K{++i}", KkNumber = "5307010101200001", CaretakerNik = "5307014505850001", CaretakerName = "Maria", DesaCode = "53.07.01.2001",
                KabupatenCode = "53.07", YearOfEntry = 2015, Pendamping = "pendamping.sikka", ContentHash = $"K{i}",
            };
            ctx.Kpms.Add(kpm);
            await ctx.SaveChangesAsync();
            ctx.GraduationCases.Add(new GraduationCase { ProposalId = proposal.Id, KpmId = kpm.Id, KpmCode = kpm.KpmCode, Period = "2026", SuggestedKind = "graduasi-alamiah" });
        }
        await ctx.SaveChangesAsync();

        Assert.Equal(2, await setup.Measures.CountAsync(ctx, IndicatorMeasures.PkhGraduationEvaluated, March1, March31));
        Assert.Equal([2m, 3m], await setup.Measures.CumulativeAsync(ctx, IndicatorMeasures.PkhGraduationEvaluated, March1, [March31, new DateOnly(2026, 4, 30)]));
    }
}
