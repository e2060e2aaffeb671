using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Regions;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.RuleLifecycle;

public sealed record OutcomeCounts(string Outcome, long Published, long Draft);

public sealed record KabupatenImpact(string Code, string Name, IReadOnlyList<OutcomeCounts> Outcomes, long Changed);

public sealed record Transition(string From, string To, long Count);

public sealed record ChangedSubject(string SubjectId, long? HouseholdId, string KabupatenCode, string From, string To, string Criterion, string Because);

public sealed record DryRunResult(
    string Program, string PublishedVersion, string DraftVersion, DateOnly AsOf, long Subjects, string SubjectSource,
    IReadOnlyList<KabupatenImpact> ByKabupaten, IReadOnlyList<Transition> Matrix,
    decimal PublishedTotal, decimal DraftTotal, long ChangedCount, IReadOnlyList<ChangedSubject> Changed, double Seconds)
{
    public decimal BudgetDelta => DraftTotal - PublishedTotal;
}

/// <summary>
/// Who gains and who loses before anyone is affected: a draft against the version in force, over
/// every subject the office has for that program — the registry's households for household
/// programs, the proposals on file (their latest decision's subject) for the others. Uses the fast
/// path (same compiled expressions, no sentences) in parallel; only the changed subjects shown are
/// explained in full. The evaluations have the <see cref="RuleRunBudget.DryRun"/> time budget and
/// stop when the request does (loading the registry is not counted).
/// </summary>
public sealed class DryRun(RuleSetCatalog catalog, RegistryFacts registry, TimeProvider time, RuleRunBudget budget)
{
    public const int ShownChanges = 200;

    public async Task<DryRunResult> HandleAsync(SejahteraDbContext db, long draftId, DateOnly asOf, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var draftVersion = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == draftId, ct)
            ?? throw new RuleLifecycleException($"Draf {draftId} tidak ditemukan.");
        if (draftVersion.Status == RuleStatus.Draft)
        {
            throw new RuleLifecycleException("Draf belum sah; perbaiki masalah validasinya dulu.");
        }

        var draft = catalog.Compile(draftVersion);
        CompiledRuleSet published;
        try
        {
            published = await catalog.InForceAsync(db, draftVersion.Program, asOf, ct);
        }
        catch (RuleEvaluationException e)
        {
            throw new RuleLifecycleException(e.Message);
        }

        var (subjects, source) = await SubjectsAsync(db, draft, ct);
        var (outcomes, transitions, changed, publishedTotal, draftTotal, shown) = RuleRunBudget.Run(budget.DryRun, time, "Dry-run",
            token => Compare(subjects, published, draft, asOf, token), ct);

        var byKabupaten = outcomes.Keys.Select(k => k.Kabupaten).Distinct().Order(StringComparer.Ordinal).Select(kab =>
        {
            var names = outcomes.Keys.Where(k => k.Kabupaten == kab).Select(k => k.Outcome).Distinct().Order(StringComparer.Ordinal);
            return new KabupatenImpact(kab, RegionCatalog.Ntt.Find(kab)?.Name ?? kab,
                names.Select(o => new OutcomeCounts(o, outcomes.GetValueOrDefault((kab, o, false)), outcomes.GetValueOrDefault((kab, o, true)))).ToList(),
                changed.LongCount(c => subjects[c.Index].Kabupaten == kab));
        }).ToList();

        return new DryRunResult(draft.Program, published.Version, draft.Version, asOf, subjects.Count, source, byKabupaten,
            transitions.Select(t => new Transition(t.Key.From, t.Key.To, t.Value)).OrderByDescending(t => t.Count).ToList(),
            publishedTotal, draftTotal, changed.Count, shown, watch.Elapsed.TotalSeconds);
    }

    private sealed record Comparison(
        ConcurrentDictionary<(string Kabupaten, string Outcome, bool Draft), long> Outcomes,
        ConcurrentDictionary<(string From, string To), long> Transitions,
        ConcurrentBag<(int Index, string From, string To, string Criterion)> Changed,
        decimal PublishedTotal, decimal DraftTotal, List<ChangedSubject> Shown);

    private static Comparison Compare(IReadOnlyList<Subject> subjects, CompiledRuleSet published, CompiledRuleSet draft, DateOnly asOf, CancellationToken ct)
    {
        var outcomes = new ConcurrentDictionary<(string Kabupaten, string Outcome, bool Draft), long>();
        var transitions = new ConcurrentDictionary<(string From, string To), long>();
        var changed = new ConcurrentBag<(int Index, string From, string To, string Criterion)>();
        decimal publishedTotal = 0, draftTotal = 0;
        var totalsLock = new object();
        var publishedIds = published.CriterionIds;
        var draftIds = draft.CriterionIds;

        // Each worker counts into its own tally, merged once at its end: no shared counter is touched per subject.
        Parallel.For(0, subjects.Count, new ParallelOptions { CancellationToken = ct },
            () => new Tally(),
            (i, _, tally) =>
            {
                var s = subjects[i];
                var before = published.Decide(s.Fact, asOf, ct);
                var after = draft.Decide(s.Fact, asOf, ct);
                tally.Count((s.Kabupaten, before.Outcome, false));
                tally.Count((s.Kabupaten, after.Outcome, true));
                if (before.Outcome != after.Outcome)
                {
                    tally.Transitions[(before.Outcome, after.Outcome)] = tally.Transitions.GetValueOrDefault((before.Outcome, after.Outcome)) + 1;
                    changed.Add((i, before.Outcome, after.Outcome, Difference(publishedIds, before, draftIds, after)));
                }

                tally.Published += before.Amount ?? 0;
                tally.Draft += after.Amount ?? 0;
                return tally;
            },
            tally =>
            {
                foreach (var (key, n) in tally.Outcomes)
                {
                    outcomes.AddOrUpdate(key, n, (_, m) => m + n);
                }

                foreach (var (key, n) in tally.Transitions)
                {
                    transitions.AddOrUpdate(key, n, (_, m) => m + n);
                }

                lock (totalsLock)
                {
                    publishedTotal += tally.Published;
                    draftTotal += tally.Draft;
                }
            });

        var shown = changed.OrderBy(c => c.Index).Take(ShownChanges).Select(c =>
        {
            var s = subjects[c.Index];
            var because = draft.Evaluate(s.Fact, asOf, ct).Findings.FirstOrDefault(f => f.Id == c.Criterion)?.Because
                ?? published.Evaluate(s.Fact, asOf, ct).Findings.FirstOrDefault(f => f.Id == c.Criterion)?.Because ?? "";
            return new ChangedSubject(s.Fact.Id, s.HouseholdId, s.Kabupaten, c.From, c.To, c.Criterion, because);
        }).ToList();

        return new Comparison(outcomes, transitions, changed, publishedTotal, draftTotal, shown);
    }

    /// <summary>The first criterion whose result differs; a criterion only the draft has counts when it fails.</summary>
    internal static string Difference(IReadOnlyList<string> beforeIds, QuickDecision before, IReadOnlyList<string> afterIds, QuickDecision after)
    {
        for (var i = 0; i < afterIds.Count; i++)
        {
            var j = IndexOf(beforeIds, afterIds[i]);
            if (j < 0 ? !after.Passed(i) : before.Passed(j) != after.Passed(i))
            {
                return afterIds[i];
            }
        }

        for (var j = 0; j < beforeIds.Count; j++)
        {
            if (IndexOf(afterIds, beforeIds[j]) < 0 && !before.Passed(j))
            {
                return beforeIds[j];
            }
        }

        return "(hasil)";
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Tally
    {
        public Dictionary<(string Kabupaten, string Outcome, bool Draft), long> Outcomes { get; } = [];
        public Dictionary<(string From, string To), long> Transitions { get; } = [];
        public decimal Published { get; set; }
        public decimal Draft { get; set; }

        public void Count((string, string, bool) key) => Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
    }

    private sealed record Subject(Fact.IFact Fact, long? HouseholdId, string Kabupaten);

    private async Task<(IReadOnlyList<Subject> Subjects, string Source)> SubjectsAsync(SejahteraDbContext db, CompiledRuleSet draft, CancellationToken ct)
    {
        if (draft.SubjectType == typeof(Fact.Household))
        {
            var facts = await registry.GetAsync(db, ct);
            return (facts.Select(f => new Subject(f.Fact, f.HouseholdId, f.KabupatenCode)).ToList(), "registri DTKS periode terakhir");
        }

        // Other programs: the latest subject of every case on file, as it was last decided.
        var stored = await db.Decisions.AsNoTracking().Where(d => d.Program == draft.Program)
            .OrderBy(d => d.Id).Select(d => new { d.SubjectId, d.SubjectJson }).ToListAsync(ct);
        var subjects = stored.GroupBy(d => d.SubjectId).Select(g => g.Last())
            .Select(d => SubjectJson.Read(d.SubjectJson, draft.SubjectType))
            .Select(f => new Subject(f, null, KabupatenOf(f)))
            .ToList();
        return (subjects, "usulan yang sudah dinilai");
    }

    private static string KabupatenOf(Fact.IFact subject) => subject switch
    {
        Fact.KubeProposal { KecamatanCode.Length: >= 5 } k => k.KecamatanCode[..5],
        Fact.Household h => h.KabupatenCode,
        _ => "-",
    };
}
