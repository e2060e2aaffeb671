using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Facts;

namespace Sejahtera.Rules.Tests;

/// <summary>
/// The sentences a person reads: failing criteria name the members and the value that failed,
/// passing ones say so in words, and an outcome chosen among several paths says why.
/// </summary>
public sealed class ExplanationTests
{
    private static readonly Dictionary<string, CompiledRuleSet> Compiled =
        DefaultRuleSets.All.ToDictionary(r => r.Name, r => RuleSetCompiler.Compile(r.Yaml, r.Name));

    private static readonly DateOnly May2024 = new(2024, 5, 1);

    private static KubeMember Member(int i, string name) => new()
    {
        Nik = $"53070115068000{i:00}", Name = name, BirthDate = new DateOnly(1980, 6, 15), InDtks = true, Desil = 1,
        Occupation = 1, HeadOrMainEarner = true, KecamatanCode = "53.07.01", HasKtp = true, HasKk = true,
    };

    private static KubeProposal Proposal(params KubeMember[] members) => new()
    {
        Id = "KUBE-SIKKA-1", Name = "KUBE Tenun Ikat", BusinessType = "tenun ikat", KecamatanCode = "53.07.01", Members = members,
        OfficersChosen = true, HasBankAccount = true, HasBusinessPlan = true, HasRecommendation = true,
    };

    [Fact]
    public void A_failing_KUBE_proposal_names_the_member_too_old_the_member_recorded_twice_and_the_member_above_the_desil_limit()
    {
        var proposal = Proposal(
            Member(1, "Maria Goreti"),
            Member(2, "Yuliana Moi"),
            Member(3, "Fransiska Lado") with { DataGanda = true },
            Member(4, "Agustina Sogen") with { Desil = 5 },
            Member(5, "Yohanes Bani") with { BirthDate = new DateOnly(1963, 4, 30) });

        var decision = Compiled["kube.yaml"].Evaluate(proposal, May2024);

        Assert.Equal("tidak-layak", decision.Outcome);
        Assert.Equal(["desil-anggota", "tidak-data-ganda", "umur-anggota"], decision.Failed.Select(f => f.Id).Order(StringComparer.Ordinal));
        var age = decision.Findings.Single(f => f.Id == "umur-anggota");
        Assert.Equal("Yohanes Bani (61 tahun) di luar 18–60 tahun", age.Because);
        Assert.Equal("Anggota berumur 18–60 tahun", age.Title);
        Assert.Contains(age.Values, v => v.Name == "anggota di luar batas umur" && v.Value == "Yohanes Bani (61 tahun)");
        Assert.Contains(age.Values, v => v is { Name: "umur_maks", Value: "60" });
        Assert.Equal(
            "Tercatat ganda: Fransiska Lado; orang yang sama tidak boleh didanai dua kali",
            decision.Findings.Single(f => f.Id == "tidak-data-ganda").Because);
        Assert.Equal(
            "Di atas desil 4: Agustina Sogen (desil 5); KUBE hanya untuk fakir miskin",
            decision.Findings.Single(f => f.Id == "desil-anggota").Because);
        // A yes/no criterion that passed says so in its own words, not with the failing sentence.
        Assert.Equal("Kelompok memiliki rekening bank atas nama KUBE untuk penyaluran nontunai",
            decision.Findings.Single(f => f.Id == "rekening-kelompok").Because);
        // No value is labelled by the expression that read it.
        Assert.All(decision.Findings.SelectMany(f => f.Values), v => Assert.DoesNotContain("s.", v.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void A_KUBE_member_of_desil_3_passes_under_DTKS_and_is_named_once_DTSEN_lowers_the_limit_to_2()
    {
        var proposal = Proposal(Member(1, "A"), Member(2, "B"), Member(3, "C"), Member(4, "D"), Member(5, "Petrus Kefi") with { Desil = 3 });
        var kube = Compiled["kube.yaml"];

        var before = kube.Evaluate(proposal, new DateOnly(2024, 12, 31));
        var after = kube.Evaluate(proposal, new DateOnly(2025, 1, 1));

        Assert.Equal("layak", before.Outcome);
        Assert.Equal("Semua anggota berada pada desil 1–4", before.Findings.Single(f => f.Id == "desil-anggota").Title);
        Assert.Equal("tidak-layak", after.Outcome);
        var desil = after.Findings.Single(f => f.Id == "desil-anggota");
        Assert.Equal("Semua anggota berada pada desil 1–2", desil.Title);
        Assert.Equal("Di atas desil 2: Petrus Kefi (desil 3); KUBE hanya untuk fakir miskin", desil.Because);
    }

    [Fact]
    public void A_PBI_JK_household_with_a_newborn_without_NIK_pays_for_the_two_others_and_names_the_baby()
    {
        var household = new Household
        {
            Id = "RT-BAYI", RegionCode = "53.01.04.2003", KabupatenCode = "53.01", Desil = 1,
            Members =
            [
                new Person { Nik = "5301041203800001", Name = "Yakobus Nenotek", BirthDate = new DateOnly(1980, 3, 12), Relation = 1 },
                new Person { Nik = "5301045507820002", Name = "Maria Nenotek", Sex = "P", BirthDate = new DateOnly(1982, 7, 15), Relation = 2 },
                new Person { Nik = "", Name = "Bayi Nenotek", BirthDate = new DateOnly(2024, 4, 20), Relation = 3 },
            ],
        };

        var decision = Compiled["bansos-pbi-jk.yaml"].Evaluate(household, May2024);

        Assert.Equal("layak", decision.Outcome);
        Assert.Equal(84_000m, decision.Amount);
        Assert.Equal(["nik-lengkap"], decision.Failed.Select(f => f.Id));
        Assert.Equal(
            "Tidak dihitung karena belum memiliki NIK 16 angka: Bayi Nenotek (belum ada NIK); NIK harus terdaftar di Dukcapil",
            decision.Failed.Single().Because);
        Assert.Equal(
            "Iuran dibayar untuk 2 dari 3 anggota: Yakobus Nenotek, Maria Nenotek",
            decision.Findings.Single(f => f.Id == "ada-anggota-berhak").Because);
        Assert.Equal("Rumah tangga terdaftar pada desil 1–4", decision.Findings.Single(f => f.Id == "desil-dalam-batas").Title);
    }

    [Fact]
    public void A_NIK_of_sixteen_characters_with_a_letter_is_not_a_NIK()
    {
        var household = new Household
        {
            Id = "RT-HURUF", Desil = 1,
            Members = [new Person { Nik = "53010412O3800001", Name = "Yakobus Nenotek", BirthDate = new DateOnly(1980, 3, 12) }],
        };

        var decision = Compiled["bansos-pbi-jk.yaml"].Evaluate(household, May2024);

        Assert.Equal("tidak-layak", decision.Outcome);
        Assert.Contains(decision.Failed, f => f.Id == "nik-lengkap" && f.Because.Contains("Yakobus Nenotek (NIK 16 karakter, bukan 16 angka)", StringComparison.Ordinal));
    }

    [Fact]
    public void Under_DTSEN_a_desil_3_household_is_eligible_only_within_quota_and_the_title_says_so()
    {
        var household = new Household
        {
            Id = "RT-D3", Desil = 3,
            Members = [new Person { Nik = "5301041203800001", Name = "Yakobus Nenotek", BirthDate = new DateOnly(1980, 3, 12) }],
        };

        var decision = Compiled["bansos-sembako.yaml"].Evaluate(household, new DateOnly(2025, 6, 1));

        Assert.Equal("layak-dalam-kuota", decision.Outcome);
        Assert.Equal("Rumah tangga berada pada desil 1–2, desil 3 hanya dalam kuota kabupaten",
            decision.Findings.Single(f => f.Id == "desil-dalam-batas").Title);
        Assert.Contains("kuota kabupaten", decision.Because!, StringComparison.Ordinal);
    }

    private static PkhFamily Family() => new()
    {
        Id = "PKH-1", YearsInProgram = 6, YoungChildren = 1, SchoolChildren = 1, SdChildren = 1,
        P2k2Attendance = 0.9m, SchoolAttendance = 0.95m, Desil = 1,
    };

    [Fact]
    public void A_PKH_family_that_signs_the_exit_statement_after_warnings_graduates_mandiri_and_the_explanation_says_why_not_paksa()
    {
        var family = Family() with { CommitmentWarnings = 3, SignedExitStatement = true };

        var decision = Compiled["pkh-graduasi.yaml"].Evaluate(family, May2024);

        Assert.Equal("graduasi-mandiri", decision.Outcome);
        Assert.Equal(
            "Graduasi mandiri: keluarga menandatangani surat pernyataan keluar atas kemauan sendiri (keluar sukarela). "
            + "Syarat graduasi paksa juga terpenuhi (peringatan komitmen), tetapi graduasi mandiri didahulukan: "
            + "keluarga yang keluar atas kemauan sendiri tidak dicatat sebagai graduasi paksa",
            decision.Because);
        Assert.Equal(
            "Keluarga menandatangani surat pernyataan keluar bermeterai atas kemauan sendiri (perbaikan ekonomi belum tercatat); keluarga graduasi mandiri",
            decision.Findings.Single(f => f.Id == "belum-menyatakan-keluar").Because);
        Assert.Equal("Peringatan tertulis karena komitmen tidak dipenuhi kurang dari 3 dalam 12 bulan",
            decision.Findings.Single(f => f.Id == "komitmen-dipenuhi").Title);
    }

    [Fact]
    public void A_PKH_family_declared_mampu_without_an_exit_statement_graduates_paksa_and_the_explanation_names_the_deliberation()
    {
        var family = Family() with { VillageDeclaredMampu = true };

        var decision = Compiled["pkh-graduasi.yaml"].Evaluate(family, May2024);

        Assert.Equal("graduasi-paksa", decision.Outcome);
        Assert.Equal(
            "Graduasi paksa: musyawarah desa/kelurahan menyatakan keluarga mampu; keluarga tidak menandatangani surat pernyataan keluar",
            decision.Because);
        Assert.Equal("Musyawarah desa/kelurahan menyatakan keluarga mampu; keluarga yang dinyatakan mampu graduasi paksa",
            decision.Failed.Single().Because);
    }

    [Fact]
    public void A_criterion_that_passes_because_nothing_applies_reads_as_not_applicable_rather_than_zero_of_zero()
    {
        var family = Family() with { SchoolChildren = 0, SdChildren = 0 };

        var decision = Compiled["pkh-graduasi.yaml"].Evaluate(family, May2024);

        Assert.Equal("Tidak ada anak sekolah (tidak berlaku)", decision.Findings.Single(f => f.Id == "hadir-sekolah").Because);
    }

    [Fact]
    public void No_value_seen_by_a_default_rule_set_is_labelled_by_the_expression_that_read_it()
    {
        foreach (var ruleSet in Compiled.Values)
        {
            foreach (var test in ruleSet.Document.Tests)
            {
                var decision = ruleSet.Evaluate(SubjectJson.Read(test.GivenJson, ruleSet.SubjectType), test.AsOf);
                Assert.All(decision.Findings.SelectMany(f => f.Values), v =>
                    Assert.False(v.Name.Contains("s.", StringComparison.Ordinal) || v.Name.Contains("=>", StringComparison.Ordinal)
                        || v.Name.Contains('?') || v.Name.Contains("Math.", StringComparison.Ordinal),
                        $"{ruleSet.Program} › {test.Name}: '{v.Name}'"));
            }
        }
    }

    [Fact]
    public void Every_yes_or_no_criterion_of_the_default_rule_sets_reads_differently_when_it_passes()
    {
        foreach (var ruleSet in Compiled.Values)
        {
            Assert.All(ruleSet.Document.Criteria.Where(c => !c.Because.Text.Contains('{', StringComparison.Ordinal)),
                c => Assert.True(c.BecausePassed is not null, $"{ruleSet.Program} › {c.Id} has one sentence for pass and fail"));
        }
    }
}
