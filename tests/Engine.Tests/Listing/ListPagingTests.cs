using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Listing;

public sealed class ListPagingTests
{
    private const string Sikka = "53.07";
    private const string Ende = "53.08";

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly RegionScope SikkaScope = RegionScope.Parse(Sikka);

    private static async Task<TestDatabase> RegistryAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var path = Path.Combine(db.Folder, "dtks.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            DtksGenerator.Write(new GeneratorOptions(6_000, Seed: 5, DefectRate: 0.02), writer);
        }

        await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(path));
        return db;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_registry_list_pages_sorts_and_filters_a_kabupaten_in_the_database_and_stays_in_the_users_scope(DatabaseProvider provider)
    {
        await using var db = await RegistryAsync(provider);
        await using var ctx = db.Context();
        var sikkaHouseholds = await ctx.Households.AsNoTracking().Where(h => h.KabupatenCode == Sikka).ToListAsync();

        var page1 = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(), PageRequest.Parse(1, null)))!;
        var page2 = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(), PageRequest.Parse(2, null)))!;
        var byDesil = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(), PageRequest.Parse(1, "-desil")))!;
        var unknown = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(), PageRequest.Parse(1, "nik; drop table members")))!;
        var kecamatan = sikkaHouseholds[0].RegionCode[..8];
        var inKecamatan = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Kecamatan: kecamatan, Desil: 1), PageRequest.Parse(1, null)))!;

        Assert.True(sikkaHouseholds.Count > 2 * PageRequest.DefaultPageSize, $"{sikkaHouseholds.Count} households in Sikka");
        Assert.Equal(sikkaHouseholds.Count, page1.Households.Total);
        Assert.Equal(PageRequest.DefaultPageSize, page1.Households.Items.Count);
        Assert.Empty(page1.Households.Items.Select(h => h.Id).Intersect(page2.Households.Items.Select(h => h.Id)));
        Assert.Equal(51, page2.Households.First);
        Assert.Equal(sikkaHouseholds.Max(h => h.Desil), byDesil.Households.Items[0].Desil);
        Assert.Equal(byDesil.Households.Items.Select(h => h.Desil).OrderDescending(), byDesil.Households.Items.Select(h => h.Desil));
        Assert.Equal(("desa", false), (unknown.Households.Sort, unknown.Households.Descending));
        Assert.Equal(page1.Households.Items.Select(h => h.Id), unknown.Households.Items.Select(h => h.Id));
        Assert.Equal(sikkaHouseholds.Count(h => h.RegionCode.StartsWith(kecamatan + ".", StringComparison.Ordinal) && h.Desil == 1), inKecamatan.Households.Total);
        Assert.All(inKecamatan.Households.Items, h => Assert.StartsWith(kecamatan + ".", h.RegionCode, StringComparison.Ordinal));
        Assert.Null(await ListHouseholds.ListAsync(ctx, SikkaScope, Ende, new HouseholdFilter(), PageRequest.Parse(1, null)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_registry_list_finds_households_by_the_start_of_a_name_in_any_case_by_NIK_KK_and_desa(DatabaseProvider provider)
    {
        await using var db = await RegistryAsync(provider);
        await using var ctx = db.Context();
        var sikkaMembers = await ctx.Members.AsNoTracking()
            .Join(ctx.Households.AsNoTracking().Where(h => h.KabupatenCode == Sikka), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Name, m.Nik, h.Id, h.NoKk, h.RegionCode })
            .ToListAsync();
        var someone = sikkaMembers[sikkaMembers.Count / 2];
        var prefix = someone.Name[..5];
        var expected = sikkaMembers.Where(m => m.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(m => m.Id).Distinct().Count();

        var byName = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: prefix.ToLowerInvariant()), PageRequest.Parse(1, null, 200)))!;
        var byNik = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: someone.Nik), PageRequest.Parse(1, null)))!;
        var byKk = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: someone.NoKk), PageRequest.Parse(1, null)))!;
        var byNikPrefix = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: someone.Nik[..12]), PageRequest.Parse(1, null)))!;
        var desaName = Sejahtera.Engine.Regions.RegionCatalog.Ntt.Find(someone.RegionCode)!.Name;
        var byDesa = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: desaName), PageRequest.Parse(1, null)))!;
        var tooShort = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: "ab"), PageRequest.Parse(1, null)))!;
        var numbersRefused = (await ListHouseholds.ListAsync(ctx, SikkaScope, Sikka, new HouseholdFilter(Q: someone.Nik, NumbersAllowed: false), PageRequest.Parse(1, null)))!;

        Assert.Equal(expected, byName.Households.Total);
        Assert.Contains(byName.Households.Items, h => h.Id == someone.Id);
        Assert.Equal([someone.Id], byNik.Households.Items.Select(h => h.Id));
        Assert.Contains(byKk.Households.Items, h => h.Id == someone.Id);
        Assert.Contains(byNikPrefix.Households.Items, h => h.Id == someone.Id);
        Assert.Contains(byDesa.Households.Items, h => h.Id == someone.Id);
        Assert.All(byDesa.Households.Items, h => Assert.Contains(desaName, h.DesaName, StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(tooShort.SearchProblem);
        Assert.NotNull(numbersRefused.SearchProblem);
        Assert.Equal(sikkaMembers.Select(m => m.Id).Distinct().Count(), numbersRefused.Households.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_proposal_list_pages_sorts_filters_and_searches_only_the_cases_in_the_users_scope(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            for (var i = 1; i <= 130; i++)
            {
                var kabupaten = i <= 110 ? Sikka : Ende;
                seed.Proposals.Add(new Proposal
                {
                    Program = "kube", WorkflowKey = "kube", WorkflowVersion = 1, State = i % 3 == 0 ? "tahap-b" : "tahap-a",
                    KabupatenCode = kabupaten, KecamatanCode = kabupaten + ".01", GroupName = $"KUBE {(i % 2 == 0 ? "Tenun" : "Ternak")} {i:000}",
                    BusinessType = "usaha", MembersJson = i == 7 ? "[{\"nik\":\"5307014101900001\"}]" : "[]", BankAccount = "0011223344",
                    AccountHolder = "x", ChairName = "x", TreasurerName = "x", BusinessPlan = "x", CreatedBy = "operator.sikka", CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            await seed.SaveChangesAsync();
        }

        await using var ctx = db.Context();
        var page1 = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(), PageRequest.Parse(1, null));
        var page2 = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(), PageRequest.Parse(2, null));
        var page3 = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(), PageRequest.Parse(3, null));
        var byGroup = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(), PageRequest.Parse(1, "kelompok"));
        var unknown = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(), PageRequest.Parse(1, "-sandi"));
        var tenun = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(Q: "tenun"), PageRequest.Parse(1, null, 200));
        var stateB = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(State: "tahap-b"), PageRequest.Parse(1, null, 200));
        var endeForSikka = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(Kabupaten: Ende), PageRequest.Parse(1, null));
        var byNik = await ListProposals.HandleAsync(ctx, SikkaScope, new ProposalFilter(Q: "5307014101900001"), PageRequest.Parse(1, null));
        var province = await ListProposals.HandleAsync(ctx, RegionScope.All, new ProposalFilter(), PageRequest.Parse(1, null));

        Assert.Equal(110, page1.Proposals.Total);
        Assert.Equal(3, page1.Proposals.Pages);
        Assert.Equal(50, page2.Proposals.Items.Count);
        Assert.Equal(10, page3.Proposals.Items.Count);
        Assert.Empty(page1.Proposals.Items.Select(p => p.Id).Intersect(page2.Proposals.Items.Select(p => p.Id)));
        Assert.Equal(page1.Proposals.Items.Select(p => p.Id).OrderDescending(), page1.Proposals.Items.Select(p => p.Id));
        Assert.All(page1.Proposals.Items.Concat(page2.Proposals.Items).Concat(page3.Proposals.Items), p => Assert.Equal(Sikka, p.KabupatenCode));
        Assert.Equal("KUBE Tenun 002", byGroup.Proposals.Items[0].GroupName);
        Assert.Equal(byGroup.Proposals.Items.Select(p => p.GroupName).Order(StringComparer.Ordinal), byGroup.Proposals.Items.Select(p => p.GroupName));
        Assert.Equal(("nomor", true), (unknown.Proposals.Sort, unknown.Proposals.Descending));
        Assert.Equal(55, tenun.Proposals.Total);
        Assert.All(tenun.Proposals.Items, p => Assert.Contains("Tenun", p.GroupName, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 110).Count(i => i % 3 == 0), stateB.Proposals.Total);
        Assert.Equal(0, endeForSikka.Proposals.Total);
        Assert.Single(byNik.Proposals.Items);
        Assert.Equal(130, province.Proposals.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_member_picker_finds_people_by_name_NIK_or_desa_only_in_the_operators_kabupaten(DatabaseProvider provider)
    {
        await using var db = await RegistryAsync(provider);
        await using var ctx = db.Context();
        var people = await ctx.Members.AsNoTracking()
            .Join(ctx.Households.AsNoTracking(), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Name, m.Nik, h.KabupatenCode, h.RegionCode, h.Desil })
            .ToListAsync();
        // A first name common to Sikka and Ende: the search must leave the Ende people out.
        var shared = people.Where(p => p.KabupatenCode == Sikka).Select(p => p.Name.Split(' ')[0])
            .First(first => first.Length >= 4 && people.Any(p => p.KabupatenCode == Ende && p.Name.StartsWith(first, StringComparison.Ordinal)));
        // Someone registered only in Ende (a NIK entered twice, data ganda, may be in a Sikka household too).
        var endePerson = people.First(p => p.KabupatenCode == Ende && people.All(o => o.Nik != p.Nik || o.KabupatenCode == Ende));
        var sikkaPerson = people.First(p => p.KabupatenCode == Sikka);

        var byName = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, shared.ToUpperInvariant());
        var byEndeNik = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, endePerson.Nik);
        var byEndeName = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, endePerson.Name);
        var bySikkaNik = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, sikkaPerson.Nik);
        var desaName = Sejahtera.Engine.Regions.RegionCatalog.Ntt.Find(sikkaPerson.RegionCode)!.Name;
        var byDesa = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, desaName);
        var tooShort = await FindRegistryMembers.HandleAsync(ctx, SikkaScope, "ma");

        Assert.NotEmpty(byName.Members);
        Assert.All(byName.Members, m => Assert.Equal(Sikka, m.KabupatenCode));
        Assert.All(byName.Members, m => Assert.StartsWith(shared, m.Name, StringComparison.OrdinalIgnoreCase));
        Assert.True(byName.Members.Count <= FindRegistryMembers.Limit);
        Assert.Empty(byEndeNik.Members);
        Assert.DoesNotContain(byEndeName.Members, m => m.Nik == endePerson.Nik);
        Assert.All(byEndeName.Members, m => Assert.Equal(Sikka, m.KabupatenCode));
        var found = Assert.Single(bySikkaNik.Members);
        Assert.Equal((sikkaPerson.Name, sikkaPerson.Desil), (found.Name, found.Desil));
        Assert.NotEmpty(byDesa.Members);
        Assert.All(byDesa.Members, m => Assert.Equal(Sikka, m.KabupatenCode));
        Assert.NotNull(tooShort.Problem);
    }
}
