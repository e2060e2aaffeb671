using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// The indicator verbs: `indicators catalog import FILE.yaml`, `indicators record FILE.csv [--as USER]`,
/// `indicators compute --month yyyy-MM [--reason TEXT]` and `indicators report --from Y --to Y
/// [--format json|xlsx|csv] [--out FILE]`. Like the other verbs they act as <c>cli</c> for whoever
/// operates the server; `record` with <c>--as</c> records the values as that user (who must hold the right).
/// </summary>
internal static class IndicatorsVerbs
{
    public const string Actor = "cli";
    private static readonly string[] CliRoles = [WorkflowRoles.Admin];

    private sealed record Services(ImportCatalog Catalog, RecordIndicatorValues Record, ComputeIndicators Compute, IndicatorReports Reports);

    /// <summary>The database migrated and, like the host's first start, the shipped Renstra catalog loaded when there is none.</summary>
    private static async Task<SejahteraDbContext> OpenAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        var db = settings.CreateContext();
        await new ImportCatalog(TimeProvider.System).SeedAsync(db, ct);
        return db;
    }

    private static Services Wire(DatabaseSettings settings)
    {
        var time = TimeProvider.System;
        var rules = new RuleSetCatalog();
        var realization = new IndicatorRealization(new IndicatorMeasures(new ProposalWorkflow(new EvaluateSubject(rules, time), rules, time)));
        return new Services(new ImportCatalog(time), new RecordIndicatorValues(time), new ComputeIndicators(settings, realization, time),
            new IndicatorReports(realization, realization.Measures, time));
    }

    public static async Task<int> CatalogImportAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var path = cli.Word(3) ?? throw new CliUsageException("Sebutkan berkas katalog: indicators catalog import BERKAS.yaml");
        var file = Existing(path);
        await using var db = await OpenAsync(settings, ct);
        var summary = await Wire(settings).Catalog.HandleAsync(db, await File.ReadAllTextAsync(file.FullName, ct), Actor, ct);
        CliApp.Emit(new
        {
            verb = "indicators catalog import", file = file.Name, programs_added = summary.ProgramsAdded, programs_updated = summary.ProgramsUpdated,
            indicators_added = summary.IndicatorsAdded, indicators_updated = summary.IndicatorsUpdated, years = summary.YearsWritten, sha256 = summary.Sha256,
        });
        return 0;
    }

    public static async Task<int> RecordAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var path = cli.Word(2) ?? throw new CliUsageException("Sebutkan berkas nilai: indicators record BERKAS.csv [--as PENGGUNA] (kolom kode,tahun,bulan,nilai,keterangan)");
        var file = Existing(path);
        await using var db = await OpenAsync(settings, ct);
        var (actor, roles) = cli.Option("as") is { } userName ? await CliUsers.RolesAsync(db, userName, ct) : (Actor, CliRoles);
        await using var stream = file.OpenRead();
        var recorded = await Wire(settings).Record.HandleAsync(db, stream, actor, roles, ct);
        CliApp.Emit(new { verb = "indicators record", file = file.Name, actor, values = recorded.Lines, indicators = recorded.Indicators });
        return 0;
    }

    public static async Task<int> ComputeAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var month = cli.Option("month") ?? throw new CliUsageException("Sebutkan bulannya: indicators compute --month yyyy-MM [--reason ALASAN]");
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw new CliUsageException($"Bulan '{month}' tidak sah; tulis yyyy-MM, misalnya 2026-10.");
        }
        await using var db = await OpenAsync(settings, ct);
        var computed = await Wire(settings).Compute.ComputeAsync(db, first.Year, first.Month, Actor, cli.Option("reason"), ct);
        CliApp.Emit(new { verb = "indicators compute", month, revision = computed.Revision, indicators = computed.Indicators });
        return 0;
    }

    public static async Task<int> ReportAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var from = Year(cli, "from");
        var to = Year(cli, "to");
        var format = cli.Option("format") ?? "json";
        if (format is not ("json" or "xlsx" or "csv"))
        {
            throw new CliUsageException($"Format '{format}' tidak dikenal; pilih json, xlsx atau csv.");
        }
        var outPath = cli.Option("out");
        if (format == "xlsx" && outPath is null)
        {
            throw new CliUsageException("Format xlsx perlu --out BERKAS.xlsx.");
        }

        await using var db = await OpenAsync(settings, ct);
        var reports = Wire(settings).Reports;
        var tc23 = await reports.Tc23Async(db, from, to, ct);
        if (format == "xlsx")
        {
            var tc24 = await reports.Tc24Async(db, from, to, ct);
            await using var output = File.Create(outPath!);
            IndicatorFiles.WriteXlsx(output, from, to, tc23, tc24);
        }
        else if (format == "csv" && outPath is not null)
        {
            await using var writer = new StreamWriter(outPath);
            await IndicatorFiles.WriteTc23CsvAsync(writer, tc23, ct);
        }
        else if (format == "csv")
        {
            await IndicatorFiles.WriteTc23CsvAsync(Console.Out, tc23, ct);
            await Console.Out.FlushAsync(ct);
        }

        CliApp.Emit(new
        {
            verb = "indicators report", from, to, format, @out = outPath is null ? null : Path.GetFullPath(outPath),
            rows = tc23.Select(r => new { code = r.Code, year = r.Year, target = r.Target, realization = r.Realization, ratio = r.Ratio }),
        });
        return 0;
    }

    private static int Year(CliArgs cli, string name)
    {
        var text = cli.Option(name) ?? throw new CliUsageException("Sebutkan rentang tahunnya: indicators report --from 2019 --to 2020");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
            ? year
            : throw new CliUsageException($"Tahun '{text}' tidak sah; tulis empat angka, misalnya 2021.");
    }

    private static FileInfo Existing(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file : throw new FileRefusedException($"Berkas {path} tidak ditemukan.");
    }
}

/// <summary>A user named with <c>--as</c>: their user name and roles, or a refusal when nobody has that name.</summary>
internal static class CliUsers
{
    public static async Task<(string UserName, IReadOnlyCollection<string> Roles)> RolesAsync(SejahteraDbContext db, string userName, CancellationToken ct)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw new CliUsageException($"Pengguna {userName} tidak dikenal; tidak ada yang diubah.");
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == user.Id)
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        return (user.UserName!, roles);
    }
}
