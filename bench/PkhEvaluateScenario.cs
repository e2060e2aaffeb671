using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Bench;

/// <summary>
/// `pkh-evaluate [--households N]`: the PKH graduation evaluation over a KPM register made of every
/// PKH household of the synthetic NTT registry (full scale by default, the generator's PKH share),
/// on SQLite. Two runs on the clock: the first decides every family and opens a case per candidate,
/// the second must open nothing. Building the registry and the KPM rows is setup, off the clock.
/// </summary>
internal static class PkhEvaluateScenario
{
    private const string Period = "2024";

    public static async Task<int> RunAsync(string[] args)
    {
        var households = args.Length > 1 && args[0] == "--households" ? int.Parse(args[1], CultureInfo.InvariantCulture) : DtksGenerator.FullScaleHouseholds;
        await using var registry = await SyntheticRegistry.CreateAsync("pkh", households);
        var kpm = await BuildRegisterAsync(registry);
        var time = TimeProvider.System;
        var catalog = new RuleSetCatalog();
        var cases = new CaseService(new ProposalWorkflow(new EvaluateSubject(catalog, time), catalog, time), time);
        var evaluate = new EvaluateGraduation(registry.Settings, catalog, cases, time);

        var results = new List<(string Name, PhaseMeasurement Measurement, GraduationEvaluation Run)>();
        foreach (var name in new[] { "first run", "second run" })
        {
            await using var db = registry.Settings.CreateContext();
            using var meter = PhaseMeter.Start();
            var run = await evaluate.HandleAsync(db, Period, SyntheticRegistry.AsOf, "bench", ["admin"]);
            results.Add((name, meter.Stop(), run));
        }

        foreach (var (name, m, run) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-11} {run.Evaluated,8:N0} KPM decided, {run.Candidates,7:N0} candidates, {run.Opened,7:N0} cases opened, {run.AlreadyOpen,7:N0} already open in {m.Seconds,7:F1} s, peak {m.PeakWorkingSetMb,6:F0} MB"));
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "pkh-evaluate", households, kpm,
            runs = results.Select(r => new
            {
                name = r.Name, seconds = Math.Round(r.Measurement.Seconds, 2), peak_mb = Math.Round(r.Measurement.PeakWorkingSetMb, 1),
                evaluated = r.Run.Evaluated, candidates = r.Run.Candidates, opened = r.Run.Opened, already_open = r.Run.AlreadyOpen,
            }),
        }));
        return results[1].Run.Opened == 0 && results[0].Run.Opened == results[0].Run.Candidates ? 0 : 1;
    }

    /// <summary>One KPM per household with a PKH member: components and caretaker from its members (as the demo makes them), a year of entry and commitments varied by its id.</summary>
    private static async Task<int> BuildRegisterAsync(SyntheticRegistry registry)
    {
        await using var db = registry.Settings.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var asOf = SyntheticRegistry.AsOf;
        var pkh = await db.Members.AsNoTracking().Where(m => m.Pkh).Select(m => m.HouseholdId).Distinct().ToListAsync();
        var added = 0;
        foreach (var chunk in pkh.Chunk(5_000))
        {
            var households = await db.Households.AsNoTracking().Where(h => chunk.Contains(h.Id)).ToListAsync();
            var members = (await db.Members.AsNoTracking().Where(m => chunk.Contains(m.HouseholdId)).ToListAsync()).ToLookup(m => m.HouseholdId);
            foreach (var h in households)
            {
                var c = KpmComponents.Of(members[h.Id].ToList(), asOf);
                db.Kpms.Add(new Kpm
                {
                    Period = Period, KpmCode = $"KPM{h.Id:0000000}", KkNumber = h.NoKk, CaretakerNik = c.Caretaker.Nik, CaretakerName = c.Caretaker.Name,
                    DesaCode = h.RegionCode, KabupatenCode = h.KabupatenCode, YearOfEntry = 2008 + (int)(h.Id % 17),
                    PregnantWomen = c.Pregnant, YoungChildren = c.YoungChildren, SdChildren = c.Sd, SmpChildren = c.Smp, SmaChildren = c.Sma,
                    Elderly = c.Elderly, SevereDisability = c.SevereDisability,
                    CommitmentWarnings = h.Id % 11 == 0 ? 3 : 0, P2k2Attendance = 0.85m, SchoolAttendance = 0.9m, Pendamping = "pendamping.bench",
                    HouseholdId = h.Id, Desil = h.Desil, ContentHash = h.IdDtks, ImportedAt = DateTimeOffset.UtcNow,
                });
                added++;
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return added;
    }
}
