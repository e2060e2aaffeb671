using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Diagram;

namespace Sejahtera.Admin.Cli;

/// <summary>`workflows list | validate FILE.json | diagram KEY [--version N]`.</summary>
internal static class WorkflowsVerbs
{
    public static async Task<int> ListAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var definitions = await db.WorkflowDefinitions.AsNoTracking().OrderBy(w => w.Key).ThenBy(w => w.Version).ToListAsync(ct);
        CliApp.Emit(new { verb = "workflows list", workflows = definitions.Select(w => new { key = w.Key, version = w.Version, status = w.Status }) });
        return 0;
    }

    public static async Task<int> ValidateAsync(CliArgs cli, CancellationToken ct)
    {
        var file = cli.Word(2) ?? throw new CliUsageException("Sebutkan berkas definisi: workflows validate BERKAS.json");
        if (!File.Exists(file))
        {
            throw new CliUsageException($"Berkas {file} tidak ditemukan.");
        }

        var result = DefaultWorkflows.Read(await File.ReadAllTextAsync(file, ct));
        foreach (var problem in result.Problems)
        {
            await Console.Error.WriteLineAsync(problem.Message);
        }

        CliApp.Emit(new { verb = "workflows validate", valid = result.IsValid, key = result.Definition?.Key, problems = result.Problems.Select(p => p.Message) });
        return result.IsValid ? 0 : 2;
    }

    public static async Task<int> DiagramAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var key = cli.Word(2) ?? throw new CliUsageException("Sebutkan kunci workflow: workflows diagram kube-proposal [--version N]");
        var version = cli.Option("version") is null ? (int?)null : cli.Number("version", 0);
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var stored = await db.WorkflowDefinitions.AsNoTracking().Where(w => w.Key == key && (version == null || w.Version == version))
            .OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct)
            ?? throw new CliUsageException($"Workflow {key}{(version is null ? "" : " versi " + version)} tidak ada.");
        var definition = DefaultWorkflows.ReadStored(stored.Json).Definition!;
        Console.WriteLine(WorkflowDiagram.Mermaid(definition));
        return 0;
    }
}
