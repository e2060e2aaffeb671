using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Engine.Registry.Generation;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Admin.Startup;

/// <summary>What the host does before it serves: migrate, load reference data, and set up demo mode.</summary>
internal sealed partial class StartupTasks(
    DatabaseInitializer initializer,
    SejahteraDbContext db,
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    DtksImporter importer,
    DatabaseSettings settings,
    EvaluateSubject evaluate,
    DemoWorkflowProposals workflowProposals,
    DemoTerminationCases terminationCases,
    DemoGraduationCases graduationCases,
    DemoIndicatorValues indicatorValues,
    ImportCatalog indicatorCatalog,
    ComputeIndicators computeIndicators,
    ImportKpm importKpm,
    TimeProvider time,
    IOptions<DemoOptions> demo,
    ILogger<StartupTasks> log)
{
    /// <summary>One demo account per role; verifiers in two kabupaten and staff of two homes show that scope works.</summary>
    internal static readonly (string UserName, string DisplayName, string Role, string Scope, string? Home)[] DemoUsers =
    [
        ("admin", "Admin Aturan", Roles.Admin, "*", null),
        ("penerbit", "Penerbit Aturan", Roles.RulePublisher, "*", null),
        ("operator.sikka", "Operator Dinsos Sikka", Roles.Operator, "53.07", null),
        ("verifikator.sikka", "Verifikator Sikka", Roles.Verifier, "53.07", null),
        ("verifikator.ende", "Verifikator Ende", Roles.Verifier, "53.08", null),
        ("pendamping.sikka", "Pendamping Sikka", Roles.Pendamping, "53.07", null),
        ("pendamping.sikka2", "Pendamping Sikka 2", Roles.Pendamping, "53.07", null),
        ("kabid.pfm", "Kepala Bidang PFM", Roles.KepalaBidang, "*", null),
        ("kadis", "Kepala Dinas Sosial", Roles.KepalaDinas, "*", null),
        ("bendahara", "Bendahara", Roles.Bendahara, "*", null),
        ("upt.naibonat", "Petugas UPT Naibonat", Roles.UptStaff, "53.01", "riang-naibonat"),
        ("upt.budiagung", "Petugas UPT Budi Agung", Roles.UptStaff, "53.71", "budi-agung"),
        ("rehsos", "Seksi Rehabilitasi Sosial", Roles.Rehsos, "*", null),
        ("koordinator.sikka", "Koordinator PKH Sikka", Roles.PkhCoordinator, "53.07", null),
        ("pengamat", "Pengamat", Roles.Viewer, "*", null),
        ("perencana", "Perencana Dinas Sosial", Roles.Planner, "*", null),
        ("staf.rehsos", "Staf Bidang Rehabilitasi Sosial", Roles.BidangStaff, "*", null),
        ("kabid.rehsos", "Kepala Bidang Rehabilitasi Sosial", Roles.KepalaBidang, "*", null),
        ("staf.pfm", "Staf Bidang Penanganan Fakir Miskin", Roles.BidangStaff, "*", null),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        var result = await initializer.InitializeAsync(ct);
        LogReady(log, settings.Provider, result.AppliedMigrations.Count, result.RegionsAdded);

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        // The Renstra catalog (Tabel T-C.27) on first start, in every mode.
        await indicatorCatalog.SeedAsync(db, ct);

        if (!demo.Value.Enabled)
        {
            await CatchUpIndicatorsAsync(ct);
            return;
        }

        await EnsureDemoUsersAsync();
        if (!await db.Snapshots.AnyAsync(ct))
        {
            await ImportDemoRegistryAsync(ct);
        }

        var proposals = await DemoKubeProposals.AddAsync(db, evaluate, DateOnly.FromDateTime(time.GetLocalNow().Date), demo.Value.KubeProposals, ct);
        if (proposals > 0)
        {
            LogDemoProposals(log, proposals);
        }

        var running = await workflowProposals.AddAsync(db, demo.Value.WorkflowProposals, ct);
        if (running > 0)
        {
            LogDemoWorkflowProposals(log, running);
        }

        var residents = await DemoResidents.AddAsync(db, time, ct);
        if (residents > 0)
        {
            LogDemoResidents(log, residents);
        }

        // After the demo residents: cases are proposed for terminated residents.
        await terminationCases.AddAsync(db, ct);

        var kpm = await DemoKpm.AddAsync(db, importKpm, time, ct);
        if (kpm > 0)
        {
            LogDemoKpm(log, kpm);
        }

        // After the demo KPM: the year's graduation evaluation, and a few cases walked on.
        await graduationCases.AddAsync(db, ct);

        var indicators = await indicatorValues.AddAsync(db, ct);
        if (indicators > 0)
        {
            LogDemoIndicators(log, indicators, DemoIndicatorValues.Year);
        }

        // Last, so the month's snapshot holds what the demo data did.
        await CatchUpIndicatorsAsync(ct);

        Console.WriteLine("Mode demo. Akun demo (kata sandi untuk semua: " + demo.Value.Password + "):");
        foreach (var (userName, _, role, scope, home) in DemoUsers)
        {
            Console.WriteLine($"  {userName,-20} {Roles.Label(role),-26} wilayah {scope}{(home is null ? "" : " panti " + home)}");
        }
    }

    /// <summary>Months the monthly indicator job missed while the server was down, computed now.</summary>
    private async Task CatchUpIndicatorsAsync(CancellationToken ct)
    {
        var computed = await computeIndicators.CatchUpAsync(db, ComputeIndicators.SystemActor, ct);
        if (computed.Count > 0)
        {
            LogIndicatorsCaughtUp(log, computed.Count, $"{computed[^1].Year:D4}-{computed[^1].Month:D2}");
        }
    }

    private async Task EnsureDemoUsersAsync()
    {
        foreach (var (userName, displayName, role, scope, home) in DemoUsers)
        {
            var bidang = DemoIndicatorValues.Accounts.FirstOrDefault(a => a.Value.Staff == userName || a.Value.Head == userName).Key;
            if (await users.FindByNameAsync(userName) is { } existing)
            {
                if (existing.BidangCode is null && bidang is not null)
                {
                    existing.BidangCode = bidang;
                    Check(await users.UpdateAsync(existing));
                }
                continue;
            }

            var user = new AppUser { UserName = userName, DisplayName = displayName, RegionScope = scope, HomeCode = home, BidangCode = bidang };
            Check(await users.CreateAsync(user, demo.Value.Password));
            Check(await users.AddToRoleAsync(user, role));
        }
    }

    private async Task ImportDemoRegistryAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("sejahtera-demo-").FullName;
        var path = Path.Combine(folder, "dtks-demo-2020-10.csv");
        try
        {
            await using (var writer = new StreamWriter(path))
            {
                DtksGenerator.Write(new GeneratorOptions(demo.Value.Households, Seed: 2020, DefectRate: 0.01), writer);
            }

            var summary = await importer.ImportAsync(new ImportRequest(path, Path.ChangeExtension(path, ".rejects.csv")), ct: ct);
            LogDemoRegistry(log, summary.Households, summary.Members, summary.Rejected, summary.FlaggedDuplicates);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(LogLevel.Information, "Database ready on {Provider}: {Migrations} migrations applied, {Regions} regions loaded")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider, int migrations, int regions);

    [LoggerMessage(LogLevel.Information, "Demo proposals walked through the KUBE workflow: {Count}")]
    private static partial void LogDemoWorkflowProposals(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Demo residents of the homes (panti) added: {Count}")]
    private static partial void LogDemoResidents(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Demo PKH families (KPM) of Sikka imported: {Count}")]
    private static partial void LogDemoKpm(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Demo indicator values entered: {Count} manual indicators, every month of {Year}")]
    private static partial void LogDemoIndicators(ILogger logger, int count, int year);

    [LoggerMessage(LogLevel.Information, "Indicator months computed on start: {Count}, up to {Month}")]
    private static partial void LogIndicatorsCaughtUp(ILogger logger, int count, string month);

    [LoggerMessage(LogLevel.Information, "Demo KUBE proposals decided: {Count}")]
    private static partial void LogDemoProposals(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Demo registry imported: {Households} households, {Members} members, {Rejected} rejected lines, {Flagged} data ganda")]
    private static partial void LogDemoRegistry(ILogger logger, long households, long members, long rejected, long flagged);
}
