using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Screening;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Listing;

/// <summary>The screening history, payment batches and payments, a home's residents and the PKH families: paged, sorted, filtered and searched in the database.</summary>
public sealed class OperationalListPagingTests
{
    private const string Sikka = "53.07";
    private const string Ende = "53.08";
    private const string Naibonat = "riang-naibonat";
    private const string MemberNik = "5307014101900001";

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_screening_history_pages_newest_first_sorts_by_period_and_filters_by_status_and_region(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            for (var i = 1; i <= 120; i++)
            {
                seed.ScreeningRuns.Add(new ScreeningRun
                {
                    Period = i % 2 == 0 ? "2020-10" : "2021-04", Programs = "all", AsOf = new DateOnly(2024, 1, 1).AddDays(i),
                    KabupatenCode = (i % 3) switch { 0 => null, 1 => Sikka, _ => Ende }, Status = i % 4 == 0 ? ScreeningStatus.Failed : ScreeningStatus.Done,
                    RequestedBy = "tester", CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            await seed.SaveChangesAsync();
        }

        await using var ctx = db.Context();
        var page1 = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(), PageRequest.Parse(1, null));
        var page3 = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(), PageRequest.Parse(3, null));
        var byPeriod = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(), PageRequest.Parse(1, "-periode", 200));
        var failed = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(Status: ScreeningStatus.Failed), PageRequest.Parse(1, null));
        var province = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(Kabupaten: ScreeningRunFilter.WholeProvince), PageRequest.Parse(1, null));
        var sikkaOld = await ListScreeningRuns.HandleAsync(ctx, new ScreeningRunFilter(Period: "2021-04", Kabupaten: Sikka), PageRequest.Parse(1, "tanggal"));

        Assert.Equal(120, page1.Total);
        Assert.Equal(3, page1.Pages);
        Assert.Equal(Enumerable.Range(71, 50).Reverse().Select(i => (long)i), page1.Items.Select(r => r.Id));
        Assert.Equal(20, page3.Items.Count);
        Assert.Empty(page1.Items.Select(r => r.Id).Intersect(page3.Items.Select(r => r.Id)));
        Assert.Equal(Enumerable.Repeat("2021-04", 60).Concat(Enumerable.Repeat("2020-10", 60)), byPeriod.Items.Select(r => r.Period));
        Assert.Equal(30, failed.Total);
        Assert.All(failed.Items, r => Assert.Equal(ScreeningStatus.Failed, r.Status));
        Assert.Equal(40, province.Total);
        Assert.All(province.Items, r => Assert.Null(r.KabupatenCode));
        Assert.Equal(Enumerable.Range(1, 120).Count(i => i % 2 == 1 && i % 3 == 1), sikkaOld.Total);
        Assert.Equal(sikkaOld.Items.Select(r => r.AsOf).Order(), sikkaOld.Items.Select(r => r.AsOf));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Payment_batches_and_a_batchs_payments_page_sort_by_amount_filter_by_status_and_program_and_are_found_by_name_account_NIK_and_case(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            var proposals = Enumerable.Range(1, 120).Select(i => new Proposal
            {
                Program = i % 5 == 0 ? Cases.CasePrograms.PantiTermination : Cases.CasePrograms.Kube, WorkflowKey = "kube", WorkflowVersion = 1, State = "tahap-a",
                KabupatenCode = Sikka, KecamatanCode = Sikka + ".01", GroupName = i == 9 ? "KUBE Tenun Ikat Sikka" : $"KUBE Ternak {i:000}", BusinessType = "usaha",
                MembersJson = i == 7 ? $"[{{\"nik\":\"{MemberNik}\"}}]" : "[]", BankAccount = $"00{i:00000000}", AccountHolder = "x", ChairName = "x",
                TreasurerName = "x", BusinessPlan = "x", CreatedBy = "operator.sikka", CreatedAt = DateTimeOffset.UnixEpoch,
            }).ToList();
            seed.Proposals.AddRange(proposals);
            var batches = Enumerable.Range(1, 61).Select(b => new PaymentBatch { CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "bendahara", Status = b % 2 == 0 ? "reconciled" : "open" }).ToList();
            seed.PaymentBatches.AddRange(batches);
            await seed.SaveChangesAsync();
            for (var i = 1; i <= 120; i++)
            {
                var p = proposals[i - 1];
                var batch = i <= 60 ? batches[0] : batches[i - 60];
                seed.Payments.Add(new Payment
                {
                    BatchId = batch.Id, ProposalId = p.Id, Tranche = 1, IdempotencyKey = $"{p.Id}-1", AccountNumber = p.BankAccount,
                    AccountHolder = i == 7 ? "Maria Goreti Bura" : $"Pemilik {i:000}", Amount = (i % 13) * 1_000_000m + i, Description = "Bansos",
                    Status = i % 3 == 0 ? PaymentStatuses.Failed : PaymentStatuses.Pending,
                });
                batch.PaymentCount++;
                batch.TotalAmount += (i % 13) * 1_000_000m + i;
            }

            await seed.SaveChangesAsync();
        }

        await using var ctx = db.Context();
        var first = await ctx.PaymentBatches.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
        var batches1 = await ListPayments.BatchesAsync(ctx, new PaymentFilter(), PageRequest.Parse(1, null));
        var batches2 = await ListPayments.BatchesAsync(ctx, new PaymentFilter(), PageRequest.Parse(2, null));
        var open = await ListPayments.BatchesAsync(ctx, new PaymentFilter(Status: "open"), PageRequest.Parse(1, null));
        var byCount = await ListPayments.BatchesAsync(ctx, new PaymentFilter(), PageRequest.Parse(1, "-pembayaran"));
        var withMaria = await ListPayments.BatchesAsync(ctx, new PaymentFilter(Q: "maria"), PageRequest.Parse(1, null));
        var payments1 = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(), PageRequest.Parse(1, null));
        var payments2 = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(), PageRequest.Parse(2, null));
        var byAmount = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(), PageRequest.Parse(1, "-jumlah", 200));
        var failed = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Status: PaymentStatuses.Failed), PageRequest.Parse(1, null, 200));
        var termination = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Program: Cases.CasePrograms.PantiTermination), PageRequest.Parse(1, null, 200));
        var byName = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Q: "GORETI"), PageRequest.Parse(1, null));
        var byGroup = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Q: "tenun ikat"), PageRequest.Parse(1, null));
        var byNik = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Q: MemberNik), PageRequest.Parse(1, null));
        var byAccount = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Q: "00000011"), PageRequest.Parse(1, null));
        var tooShort = await ListPayments.OfBatchAsync(ctx, first, new PaymentFilter(Q: "ma"), PageRequest.Parse(1, null));

        Assert.Equal(61, batches1.Batches.Total);
        Assert.Equal(50, batches1.Batches.Items.Count);
        Assert.Equal(11, batches2.Batches.Items.Count);
        Assert.Empty(batches1.Batches.Items.Select(b => b.Batch.Id).Intersect(batches2.Batches.Items.Select(b => b.Batch.Id)));
        Assert.Equal(31, open.Batches.Total);
        Assert.Equal((first, 60, 60), (byCount.Batches.Items[0].Batch.Id, byCount.Batches.Items[0].Payments, byCount.Batches.Items[0].Pending + byCount.Batches.Items[0].Failed));
        Assert.Equal([first], withMaria.Batches.Items.Select(b => b.Batch.Id));
        Assert.Equal(60, payments1.Payments.Total);
        Assert.Equal(10, payments2.Payments.Items.Count);
        Assert.Empty(payments1.Payments.Items.Select(p => p.Id).Intersect(payments2.Payments.Items.Select(p => p.Id)));
        Assert.Equal(byAmount.Payments.Items.Select(p => p.Amount).OrderDescending(), byAmount.Payments.Items.Select(p => p.Amount));
        Assert.Equal(12 * 1_000_000m + 51, byAmount.Payments.Items[0].Amount);
        Assert.Equal(20, failed.Payments.Total);
        Assert.Equal(12, termination.Payments.Total);
        Assert.Equal("Maria Goreti Bura", Assert.Single(byName.Payments.Items).AccountHolder);
        Assert.Single(byGroup.Payments.Items);
        Assert.Equal("Maria Goreti Bura", Assert.Single(byNik.Payments.Items).AccountHolder);
        Assert.Single(byAccount.Payments.Items);
        Assert.NotNull(tooShort.SearchProblem);
        Assert.Equal(60, tooShort.Payments.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_homes_residents_page_sort_filter_by_category_and_stage_are_found_by_name_or_NIK_and_stay_in_the_home(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            for (var i = 1; i <= 70; i++)
            {
                seed.Residents.Add(Resident(Naibonat, i, i == 33 ? "Yohana Bete" : $"Klien {i:000}"));
            }

            seed.Residents.Add(Resident("budi-agung", 99, "Yohana Lain"));
            await seed.SaveChangesAsync();
        }

        var scope = RegionScope.Parse("53.01").ForHome(Naibonat);
        await using var ctx = db.Context();
        var page1 = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(), PageRequest.Parse(1, null), 2026))!;
        var page2 = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(), PageRequest.Parse(2, null), 2026))!;
        var byNikDown = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(), PageRequest.Parse(1, "-nik"), 2026))!;
        var children = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(Category: "anak", Stage: "intervensi"), PageRequest.Parse(1, null), 2026))!;
        var byName = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(Q: "yohana"), PageRequest.Parse(1, null), 2026))!;
        var byNik = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(Q: Nik(33)), PageRequest.Parse(1, null), 2026))!;
        var nikHidden = (await ListResidents.HandleAsync(ctx, scope, Naibonat, new ResidentFilter(Q: Nik(33), NumbersAllowed: false), PageRequest.Parse(1, null), 2026))!;
        var otherHome = await ListResidents.HandleAsync(ctx, RegionScope.Parse("53.71").ForHome("budi-agung"), Naibonat, new ResidentFilter(), PageRequest.Parse(1, null), 2026);

        Assert.Equal(70, page1.Residents.Total);
        Assert.Equal(50, page1.Residents.Items.Count);
        Assert.Equal(20, page2.Residents.Items.Count);
        Assert.Empty(page1.Residents.Items.Select(r => r.Id).Intersect(page2.Residents.Items.Select(r => r.Id)));
        Assert.Equal(page1.Residents.Items.Select(r => r.Name).Order(StringComparer.Ordinal), page1.Residents.Items.Select(r => r.Name));
        Assert.Equal(Nik(70), byNikDown.Residents.Items[0].Nik);
        Assert.Equal(Enumerable.Range(1, 70).Count(i => i % 3 == 0 && i % 2 == 0), children.Residents.Total);
        Assert.All(children.Residents.Items, r => Assert.Equal(("anak", "intervensi"), (r.Category, r.Stage)));
        Assert.Equal("Yohana Bete", Assert.Single(byName.Residents.Items).Name);
        Assert.Equal("Yohana Bete", Assert.Single(byNik.Residents.Items).Name);
        Assert.NotNull(nikHidden.SearchProblem);
        Assert.Null(otherHome);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task PKH_families_page_sort_filter_by_kabupaten_and_flag_are_found_by_name_NIK_and_KK_and_stay_in_the_audiences_desa(DatabaseProvider provider)
    {
        const string desa = Sikka + ".01.2001";
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            for (var i = 1; i <= 80; i++)
            {
                var inSikka = i <= 70;
                seed.Kpms.Add(new Kpm
                {
                    Period = "2026", KpmCode = $"KPM{i:0000}", KkNumber = $"53070100000{i:00000}", CaretakerNik = $"53070141019{i:00000}",
                    CaretakerName = i == 21 ? "Fransiska Lio" : $"Pengurus {i:000}", DesaCode = inSikka ? (i % 2 == 0 ? desa : Sikka + ".01.2002") : Ende + ".01.2001",
                    KabupatenCode = inSikka ? Sikka : Ende, YearOfEntry = 2010 + (i % 12), Pendamping = "pendamping.sikka",
                    HouseholdId = null, Desil = i % 4 == 0 ? null : 1 + (i % 4), ContentHash = "x", ImportedAt = DateTimeOffset.UnixEpoch,
                });
            }

            seed.KpmExits.Add(new KpmExit { KpmCode = "KPM0002", Kind = "graduasi-alamiah", On = new DateOnly(2026, 1, 5), FromPeriod = "2026", ProposalId = 0 });
            await seed.SaveChangesAsync();
        }

        var province = new KpmAudience(RegionScope.All, false);
        var pendamping = new KpmAudience(RegionScope.Parse(Sikka).ForDesa(desa), true);
        await using var ctx = db.Context();
        var page1 = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null), PageRequest.Parse(1, null));
        var page2 = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null), PageRequest.Parse(2, null));
        var byYear = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Sikka), PageRequest.Parse(1, "-tahun", 200));
        var graduated = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Flag: KpmFlags.Graduated), PageRequest.Parse(1, null));
        var active = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Flag: KpmFlags.Active), PageRequest.Parse(1, null));
        var byName = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Search: "lio"), PageRequest.Parse(1, null));
        var byNik = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Search: "5307014101900021"), PageRequest.Parse(1, null));
        var byKk = await ListKpm.HandleAsync(ctx, province, new KpmQuery(null, Search: "5307010000000021"), PageRequest.Parse(1, null));
        var ownDesa = await ListKpm.HandleAsync(ctx, pendamping, new KpmQuery(null), PageRequest.Parse(1, null, 200));

        Assert.Equal(80, page1.Total);
        Assert.Equal(50, page1.Items.Count);
        Assert.Equal(30, page2.Items.Count);
        Assert.Empty(page1.Items.Select(i => i.Kpm.Id).Intersect(page2.Items.Select(i => i.Kpm.Id)));
        Assert.Equal(70, byYear.Total);
        Assert.Equal(byYear.Items.Select(i => i.Kpm.YearOfEntry).OrderDescending(), byYear.Items.Select(i => i.Kpm.YearOfEntry));
        Assert.Equal(("KPM0002", true), (Assert.Single(graduated.Items).Kpm.KpmCode, graduated.Items[0].Graduated));
        Assert.Equal(79, active.Total);
        Assert.Equal("KPM0021", Assert.Single(byName.Items).Kpm.KpmCode);
        Assert.Equal("KPM0021", Assert.Single(byNik.Items).Kpm.KpmCode);
        Assert.Equal("KPM0021", Assert.Single(byKk.Items).Kpm.KpmCode);
        Assert.Equal(35, ownDesa.Total);
        Assert.All(ownDesa.Items, i => Assert.Equal(desa, i.Kpm.DesaCode));
    }

    private static string Nik(int i) => $"53010141{i:00000000}";

    private static Resident Resident(string home, int i, string name) => new()
    {
        HomeCode = home, Nik = Nik(i), Name = name, Sex = i % 2 == 0 ? "P" : "L", BirthDate = new DateOnly(2008, 3, 12),
        Category = ResidentCategories.All[i % 3], AdmittedOn = new DateOnly(2021, 1, 1).AddDays(i), OriginAddress = "Desa Oelnasi", GuardianName = "Wali",
        GuardianRelation = "paman", Stage = i % 2 == 0 ? "intervensi" : "pendekatan-awal", StageSince = new DateOnly(2026, 2, 1), UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "test",
    };
}
