using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Registry.Browse;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Demo mode only: the KPM of this year's period for the demo registry's PKH households of Sikka
/// (53.07), the one kabupaten with demo pendamping. Components come from the household's members
/// on today's date (pregnant women, children up to six not yet in school, SD/SMP/SMA pupils up to
/// 21, elderly of 60 and over, severe disability); the caretaker is the wife, else a female head,
/// else the head. Year of entry 2010–2024, commitment warnings and low attendance for some,
/// deterministic (seeded). <c>pendamping.sikka</c> serves the five desa with the most KPM and
/// <c>pendamping.sikka2</c> the other desa of Sikka, each bound to their desa. The rows go through
/// the real import, so they are checked and linked to DTKS as a file would be. Added only when the
/// register is empty.
/// </summary>
internal static class DemoKpm
{
    public const string Kabupaten = "53.07";
    public const string FirstPendamping = "pendamping.sikka";
    public const string SecondPendamping = "pendamping.sikka2";

    /// <summary>The desa of <see cref="FirstPendamping"/>: a handful, those holding the most KPM.</summary>
    private const int FirstPendampingDesa = 5;

    /// <summary>What fits in a user's desa list (2000 characters, 14 per desa).</summary>
    private const int MaxDesaPerPendamping = 130;

    public static async Task<int> AddAsync(SejahteraDbContext db, ImportKpm import, TimeProvider time, CancellationToken ct)
    {
        if (await db.Kpms.AnyAsync(ct) || await LatestSnapshot.FindAsync(db, ct) is not { } snapshot)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var households = await db.Households.AsNoTracking()
            .Where(h => h.SnapshotId == snapshot.Id && h.KabupatenCode == Kabupaten && db.Members.Any(m => m.HouseholdId == h.Id && m.Pkh))
            .OrderBy(h => h.Id)
            .ToListAsync(ct);
        if (households.Count == 0)
        {
            return 0;
        }

        var members = new List<Member>();
        foreach (var chunk in households.Select(h => h.Id).Chunk(500))
        {
            members.AddRange(await db.Members.AsNoTracking().Where(m => chunk.Contains(m.HouseholdId)).OrderBy(m => m.Id).ToListAsync(ct));
        }

        var byHousehold = members.ToLookup(m => m.HouseholdId);
        var desaRanked = households.GroupBy(h => h.RegionCode, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var first = desaRanked.Take(FirstPendampingDesa).ToList();
        var second = desaRanked.Skip(FirstPendampingDesa).Take(MaxDesaPerPendamping).ToList();
        var pendampingOf = first.Select(d => (d, FirstPendamping)).Concat(second.Select(d => (d, SecondPendamping)))
            .ToDictionary(x => x.d, x => x.Item2, StringComparer.Ordinal);

        var random = new Random(2007);
        var period = today.Year.ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder(string.Join(',', KpmColumns.All)).Append('\n');
        var serial = 0;
        foreach (var household in households)
        {
            var people = byHousehold[household.Id].ToList();
            if (people.Count == 0 || !pendampingOf.TryGetValue(household.RegionCode, out var pendamping))
            {
                continue;
            }

            var components = KpmComponents.Of(people, today);
            var caretaker = components.Caretaker;
            var schoolChildren = components.SchoolChildren;
            var warnings = random.Next(100) < 15 ? random.Next(1, 4) : 0;
            var p2k2 = random.Next(100) < 12 ? 0.30 + (random.NextDouble() * 0.30) : 0.75 + (random.NextDouble() * 0.25);
            var school = schoolChildren == 0 ? 1.0 : random.Next(100) < 10 ? 0.50 + (random.NextDouble() * 0.30) : 0.85 + (random.NextDouble() * 0.15);
            string[] values =
            [
                period,
                $"{Kabupaten.Replace(".", "", StringComparison.Ordinal)}{++serial:D6}",
                household.NoKk,
                caretaker.Nik,
                caretaker.Name,
                household.RegionCode,
                (2010 + random.Next(15)).ToString(CultureInfo.InvariantCulture),
                components.Pregnant.ToString(CultureInfo.InvariantCulture),
                components.YoungChildren.ToString(CultureInfo.InvariantCulture),
                components.Sd.ToString(CultureInfo.InvariantCulture),
                components.Smp.ToString(CultureInfo.InvariantCulture),
                components.Sma.ToString(CultureInfo.InvariantCulture),
                components.Elderly.ToString(CultureInfo.InvariantCulture),
                components.SevereDisability.ToString(CultureInfo.InvariantCulture),
                warnings.ToString(CultureInfo.InvariantCulture),
                p2k2.ToString("0.00", CultureInfo.InvariantCulture),
                school.ToString("0.00", CultureInfo.InvariantCulture),
                pendamping,
            ];
            csv.Append(string.Join(',', values.Select(Quote))).Append('\n');
        }

        await BindAsync(db, FirstPendamping, first, ct);
        await BindAsync(db, SecondPendamping, second, ct);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var result = await import.HandleAsync(db, file, replace: false, RegionScope.All, [WorkflowRoles.Admin], ct);
        return result.Added;
    }

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>Binds a demo pendamping to the desa they serve.</summary>
    private static async Task BindAsync(SejahteraDbContext db, string userName, IReadOnlyList<string> desa, CancellationToken ct)
    {
        var normalized = userName.ToUpperInvariant();
        if (desa.Count > 0 && await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct) is { } user)
        {
            user.DesaCodes = string.Join(',', desa);
            await db.SaveChangesAsync(ct);
        }
    }
}
