using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: residents for every home, as many men and women as the home served in 2018 and
/// as many terminated (recently, within the last 60 days of the clock) as it terminated that year,
/// spread across the rehabilitation stages with a plausible history. Synthetic people with valid
/// NIKs, a few of them taken from the demo DTKS registry. Deterministic for a given date; added only
/// when the register is empty.
/// </summary>
internal static class DemoResidents
{
    public const string RecordedBy = "demo";

    /// <summary>
    /// Clients (men, women) and terminations of 2018 per home, from the office's Renstra (Tabel 2.19
    /// and 2.22, see docs/panti.md). The Renstra gives no figures for the UPT Tuna Netra dan Karya
    /// Wanita; 30 residents (12 men, 18 women, since the karya wanita part serves women) with 6
    /// terminations, about the share of the other homes, stand in for them so that a disability home
    /// has residents in the demo too.
    /// </summary>
    internal static readonly (string Home, int Men, int Women, int Terminated)[] Figures =
    [
        ("riang-naibonat", 44, 46, 22),
        ("ora-et-labora", 48, 42, 13),
        ("taruna-harapan", 46, 44, 19),
        ("budi-agung", 26, 39, 16),
        ("padu-wau", 24, 36, 17),
        ("tuna-netra-karya-wanita", 12, 18, 6),
    ];

    /// <summary>Residents per home whose NIK is taken from the demo registry (most are not in DTKS).</summary>
    private const int FromDtksPerHome = 3;

    /// <summary>Who a guardian is to the resident, and the guardian's sex when the word says it (null: either).</summary>
    private static readonly (string Relation, char? Sex)[] ChildGuardians =
        [("ayah", 'L'), ("ibu", 'P'), ("paman", 'L'), ("bibi", 'P'), ("kakek", 'L'), ("nenek", 'P'), ("kakak", null)];

    private static readonly (string Relation, char? Sex)[] ElderGuardians = [("anak", null), ("keponakan", null), ("cucu", null), ("adik", null)];

    private static readonly (string Relation, char? Sex)[] AdultGuardians =
        [("ayah", 'L'), ("ibu", 'P'), ("kakak", null), ("suami", 'L'), ("istri", 'P'), ("paman", 'L')];

    public static async Task<int> AddAsync(SejahteraDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Residents.AnyAsync(ct))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var homes = await db.PantiHomes.AsNoTracking().ToDictionaryAsync(h => h.Code, ct);
        var snapshot = await LatestSnapshot.FindAsync(db, ct);
        var random = new Random(2018);
        var added = new List<(Resident Resident, List<ResidentStageEntry> History)>();
        foreach (var (code, men, women, terminatedCount) in Figures)
        {
            if (!homes.TryGetValue(code, out var home))
            {
                continue;
            }

            var (minAge, maxAge) = AgeRange(home.Kind);
            var fromDtks = snapshot is null ? [] : await DtksPeopleAsync(db, snapshot.Id, home.KabupatenCode, today, minAge, maxAge, ct);
            var people = Enumerable.Repeat('L', men).Concat(Enumerable.Repeat('P', women)).OrderBy(_ => random.Next()).ToList();
            var terminated = Enumerable.Range(0, people.Count).OrderBy(_ => random.Next()).Take(terminatedCount).ToHashSet();
            var taken = 0;
            for (var i = 0; i < people.Count; i++)
            {
                var sex = people[i];
                var dtks = taken < FromDtksPerHome && i % 7 == 3 ? fromDtks.FirstOrDefault(m => m.Sex == sex) : null;
                if (dtks is not null)
                {
                    fromDtks.Remove(dtks);
                    taken++;
                }

                added.Add(Build(home, sex, i, terminated.Contains(i), dtks, today, now, random));
            }
        }

        db.Residents.AddRange(added.Select(a => a.Resident));
        await db.SaveChangesAsync(ct);
        foreach (var (resident, history) in added)
        {
            history.ForEach(h => h.ResidentId = resident.Id);
            db.ResidentStages.AddRange(history);
        }

        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private static (Resident, List<ResidentStageEntry>) Build(
        PantiHome home, char sex, int index, bool terminated, Member? dtks, DateOnly today, DateTimeOffset now, Random random)
    {
        var (minAge, maxAge) = AgeRange(home.Kind);
        var origin = Origin(home.KabupatenCode, random);
        var birth = dtks?.BirthDate ?? today.AddYears(-random.Next(minAge, maxAge + 1)).AddDays(-random.Next(0, 365));
        var nik = dtks?.Nik ?? Nik.Compose(origin.Code[..8], birth, sex, 9000 + index);
        var family = DtksNames.Family[random.Next(DtksNames.Family.Length)];
        var given = sex == 'L' ? DtksNames.Male : DtksNames.Female;
        var name = dtks?.Name ?? $"{given[random.Next(given.Length)]} {family}";

        // Stays: children 1–4 years, the elderly and adults 1–6 years; never admitted before the age of five.
        var endOfStay = terminated ? today.AddDays(-random.Next(0, 60)) : today;
        var admitted = endOfStay.AddDays(-random.Next(365, home.Kind == "anak" ? 4 * 365 : 6 * 365));
        if (admitted < birth.AddYears(5))
        {
            admitted = birth.AddYears(5);
        }

        var current = terminated ? StageMove.Order(RehabilitationStages.Termination) : Weighted(random);
        var dates = Enumerable.Range(0, current).Select(_ => admitted.AddDays(random.Next(0, Math.Max(1, endOfStay.DayNumber - admitted.DayNumber))))
            .Order().ToList();
        dates.Insert(0, admitted);
        if (terminated)
        {
            dates[^1] = endOfStay;
        }

        var hasGuardian = terminated || random.Next(100) < 85;
        var relations = home.Kind switch { "anak" => ChildGuardians, "lansia" => ElderGuardians, _ => AdultGuardians };
        var (relation, guardianSex) = relations[random.Next(relations.Length)];
        var guardianNames = (guardianSex ?? (random.Next(2) == 0 ? 'L' : 'P')) == 'L' ? DtksNames.Male : DtksNames.Female;
        var guardian = $"{guardianNames[random.Next(guardianNames.Length)]} {family}";
        var resident = new Resident
        {
            HomeCode = home.Code,
            Nik = nik,
            Name = name,
            Sex = sex.ToString(),
            BirthDate = birth,
            Category = home.Kind,
            AdmittedOn = admitted,
            OriginAddress = origin.Address,
            GuardianName = hasGuardian ? guardian : "",
            GuardianRelation = hasGuardian ? relation : "",
            Stage = RehabilitationStages.All[current],
            StageSince = dates[^1],
            PlanCompleted = terminated || (current >= 4 && random.Next(2) == 0),
            EvaluationDone = terminated,
            InDtks = dtks is not null,
            UpdatedAt = now,
            UpdatedBy = RecordedBy,
        };
        var history = dates.Select((on, stage) => new ResidentStageEntry
        {
            Stage = RehabilitationStages.All[stage], On = on, RecordedBy = RecordedBy, RecordedAt = now,
        }).ToList();
        return (resident, history);
    }

    /// <summary>Most residents are in the middle of their rehabilitation: intervention weighs most.</summary>
    private static int Weighted(Random random) => random.Next(100) switch
    {
        < 10 => 0,
        < 20 => 1,
        < 35 => 2,
        < 75 => 3,
        _ => 4,
    };

    private static (int Min, int Max) AgeRange(string kind) => kind switch
    {
        "anak" => (6, 17),
        "lansia" => (60, 88),
        _ => (18, 55),
    };

    /// <summary>A desa of origin, mostly in the home's kabupaten/kota, written as an address.</summary>
    private static (string Code, string Address) Origin(string kabupatenCode, Random random)
    {
        var catalog = RegionCatalog.Ntt;
        var kabupaten = random.Next(100) < 70 ? kabupatenCode : catalog.Kabupaten[random.Next(catalog.Kabupaten.Count)].Code;
        var desas = catalog.DesaByKabupaten[kabupaten];
        var desa = desas[random.Next(desas.Count)];
        var kecamatan = catalog.Find(desa.Code[..8])?.Name;
        var kabupatenName = catalog.Find(kabupaten)?.Name;
        return (desa.Code, $"Desa/Kel. {desa.Name}, Kec. {kecamatan ?? desa.Code[..8]}, {kabupatenName}");
    }

    /// <summary>A few unflagged registry members of the kabupaten/kota of the right age, for residents who are in DTKS.</summary>
    private static async Task<List<Member>> DtksPeopleAsync(
        SejahteraDbContext db, long snapshotId, string kabupatenCode, DateOnly today, int minAge, int maxAge, CancellationToken ct)
    {
        var youngest = today.AddYears(-minAge);
        var oldest = today.AddYears(-maxAge - 1);
        return await db.Members.AsNoTracking()
            .Where(m => m.SnapshotId == snapshotId && m.Flags == MemberFlags.None && m.BirthDate <= youngest && m.BirthDate > oldest)
            .Join(db.Households.AsNoTracking().Where(h => h.KabupatenCode == kabupatenCode), m => m.HouseholdId, h => h.Id, (m, _) => m)
            .OrderBy(m => m.Id)
            .Take(FromDtksPerHome * 4)
            .ToListAsync(ct);
    }
}
