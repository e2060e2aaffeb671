using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Bench;

/// <summary>
/// `transitions`: end-to-end workflow transitions per second, one client, on SQLite and PostgreSQL,
/// for both programs on the case engine. Each KUBE proposal walks from draft to closed (7
/// transitions), each panti termination case likewise (5 transitions); the first after the draft
/// runs the program's rule screening on entry. Each transition is its own transaction with its task
/// and log rows, as the pages do. The payment step is the real one: a one-payment batch and the
/// bank's "paid" answer, whose reconciliation fires the transition. Evidence files are attached before the clock starts.
/// </summary>
internal static class TransitionsScenario
{
    private static readonly (string Trigger, string Role, string? Reason)[] KubeWalk =
    [
        ("submit", "operator", null), ("pass", "verifier", null), ("record-visit", "pendamping", "kunjungan"),
        ("recommend", "kepala-bidang", null), ("approve", "kepala-dinas", null), (Pay, "bendahara", null), ("submit-lpj", "operator", "LPJ lengkap"),
    ];

    private static readonly (string Trigger, string Role, string? Reason)[] PantiWalk =
    [
        ("submit", "upt-staff", null), ("pass", "rehsos", null), ("approve", "kepala-dinas", null), (Pay, "bendahara", null),
        ("record-follow-up", "upt-staff", "kunjungan bimbingan lanjut"),
    ];

    /// <summary>The payment step: a batch and the bank's answer, not a user's click.</summary>
    private const string Pay = "(bank: dibayar)";

    private static readonly byte[] Pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var proposals = 200;
        string? postgres = Environment.GetEnvironmentVariable("SEJAHTERA_BENCH_POSTGRES");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--proposals" when i + 1 < args.Length:
                    proposals = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--postgres" when i + 1 < args.Length:
                    postgres = args[++i];
                    break;
                default:
                    throw new UsageException($"unknown option {args[i]}");
            }
        }

        var folder = Directory.CreateTempSubdirectory("sejahtera-bench-transitions-").FullName;
        var results = new List<PhaseResult>();
        try
        {
            var file = Path.Combine(folder, "dtks.csv");
            await using (var writer = new StreamWriter(file))
            {
                DtksGenerator.Write(new GeneratorOptions(3_000, Seed: 2020, DefectRate: 0), writer);
            }

            results.AddRange(await MeasureAsync("sqlite", new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "t.db")};Pooling=False"), file, proposals));
            if (postgres is not null)
            {
                var name = "sejahtera_bench_" + Guid.NewGuid().ToString("N")[..12];
                await AdminAsync(postgres, $"CREATE DATABASE {name}");
                try
                {
                    var csb = new NpgsqlConnectionStringBuilder(postgres) { Database = name };
                    results.AddRange(await MeasureAsync("postgres", new DatabaseSettings(DatabaseProvider.Postgres, csb.ConnectionString), file, proposals));
                }
                finally
                {
                    await AdminAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
            }
            else
            {
                Console.Error.WriteLine("postgres skipped: pass --postgres or set SEJAHTERA_BENCH_POSTGRES");
            }

            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-16} {r.Rows,6} transitions in {r.Measurement.Seconds,6:F2} s = {r.PerSecond,8:N0} transitions/s"));
            }

            Console.WriteLine(JsonSerializer.Serialize(new { scenario = "transitions", proposals, results = results.Select(BenchReport.ToJson) }));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<PhaseResult[]> MeasureAsync(string name, DatabaseSettings settings, string file, int count)
    {
        await new DatabaseInitializer(settings).InitializeAsync();
        await new DtksImporter(settings, TimeProvider.System).ImportAsync(new ImportRequest(file, file + "." + name + ".rejects"));
        var fire = new CaseService(new ProposalWorkflow(new EvaluateSubject(new RuleSetCatalog(), TimeProvider.System), new RuleSetCatalog(), TimeProvider.System), TimeProvider.System);
        var attach = new AttachDocument(TimeProvider.System);
        var batches = new PaymentBatches(TimeProvider.System, fire);
        var kube = await KubeCasesAsync(settings, fire, attach, count);
        var panti = await PantiCasesAsync(settings, fire, attach, count);
        return
        [
            await WalkAsync($"{name}/kube", settings, fire, batches, kube, KubeWalk),
            await WalkAsync($"{name}/panti", settings, fire, batches, panti, PantiWalk),
        ];
    }

    private static async Task<List<long>> KubeCasesAsync(DatabaseSettings settings, CaseService fire, AttachDocument attach, int count)
    {
        var create = new CreateKubeProposal(fire, TimeProvider.System);
        var ids = new List<long>();
        await using var db = settings.CreateContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var groups = (await db.Members.AsNoTracking().Where(m => m.Flags == 0 && m.Occupation >= 1 && m.Occupation <= 4)
                .Join(db.Households.AsNoTracking().Where(h => h.Desil >= 1 && h.Desil <= 2), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Nik, m.BirthDate, h.RegionCode })
                .ToListAsync())
            .Where(c => c.BirthDate.AddYears(20) <= today && c.BirthDate.AddYears(58) > today)
            .GroupBy(c => c.RegionCode[..8]).Where(g => g.Count() >= 6).ToList();
        for (var i = 0; i < count; i++)
        {
            var g = groups[i % groups.Count];
            var proposal = await create.HandleAsync(db, new KubeProposalRequest($"KUBE bench {i}", "tenun", g.Key, g.Take(6).Select(c => c.Nik).ToList(),
                "0012345678", $"KUBE bench {i}", "Ketua", "Bendahara", "rencana", 10_000_000m, true, true, true), "bench", ["operator"], RegionScope.All);
            ids.Add(proposal.Id);
            foreach (var kind in new[] { "kunjungan", "lpj" })
            {
                await attach.HandleAsync(db, proposal.Id, new DocumentUpload(kind, kind + ".pdf", Pdf), "operator.bench", ["operator"], RegionScope.All);
            }
        }

        return ids;
    }

    /// <summary>Terminated residents of one home, each with a proposed case and its visit report ready.</summary>
    private static async Task<List<long>> PantiCasesAsync(DatabaseSettings settings, CaseService fire, AttachDocument attach, int count)
    {
        var propose = new ProposeTermination(fire, TimeProvider.System);
        var terminated = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        var ids = new List<long>();
        await using var db = settings.CreateContext();
        var residents = Enumerable.Range(0, count).Select(i => new Resident
        {
            HomeCode = "riang-naibonat", Nik = $"530104{(i % 28) + 1:00}0308{i:0000}", Name = $"Klien bench {i}", Sex = "L", BirthDate = new DateOnly(2008, 3, (i % 28) + 1),
            Category = "anak", AdmittedOn = new DateOnly(2021, 7, 15), OriginAddress = "Kupang", GuardianName = $"Wali bench {i}", GuardianRelation = "orang tua",
            Stage = RehabilitationStages.Termination, StageSince = terminated, PlanCompleted = true, EvaluationDone = true,
            UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "bench",
        }).ToList();
        db.Residents.AddRange(residents);
        await db.SaveChangesAsync();
        var scope = RegionScope.Parse("53.01").ForHome("riang-naibonat");
        foreach (var r in residents)
        {
            var proposal = await propose.HandleAsync(db, new TerminationRequest(r.Id, terminated, "kembali-ke-keluarga", "Kupang", r.GuardianName,
                terminated.AddDays(30), "wali", "0012345678", r.GuardianName), "upt.bench", ["upt-staff"], scope);
            ids.Add(proposal.Id);
            await attach.HandleAsync(db, proposal.Id, new DocumentUpload("bimbingan-lanjut", "laporan.pdf", Pdf), "upt.bench", ["upt-staff"], scope);
        }

        return ids;
    }

    private static async Task<PhaseResult> WalkAsync(
        string name, DatabaseSettings settings, CaseService fire, PaymentBatches batches, List<long> ids, (string Trigger, string Role, string? Reason)[] walk)
    {
        using var meter = PhaseMeter.Start();
        long transitions = 0;
        foreach (var id in ids)
        {
            await using var db = settings.CreateContext();
            foreach (var (trigger, role, reason) in walk)
            {
                if (trigger == Pay)
                {
                    var batch = (await batches.CreateAsync(db, [id], "bendahara.bench")).Batch;
                    var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.BatchId == batch.Id);
                    using var answer = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"payment_id,status,reason\n{payment.Id},paid,\n"));
                    await batches.ReconcileAsync(db, batch.Id, answer, "bendahara.bench", [role]);
                }
                else
                {
                    await fire.FireAsync(db, id, trigger, reason, $"{role}.bench", [role], RegionScope.All);
                }

                transitions++;
            }
        }

        return new PhaseResult(name, meter.Stop(), transitions, null, null, null);
    }

    private static async Task AdminAsync(string connection, string sql)
    {
        await using var admin = new NpgsqlConnection(connection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
