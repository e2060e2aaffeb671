using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Diagram;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Api;

/// <summary>Workflow definitions over HTTP: list the stored versions, read one, draw it, publish a new one.</summary>
internal static class WorkflowApi
{
    public static void MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").RequireAuthorization().AnswerRefusals();

        api.MapGet("", async (SejahteraDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await WorkflowVersions.ListAsync(db, ct)).Select(u =>
                new WorkflowVersionSummary(u.Stored.Key, u.Stored.Version, u.Stored.Status, u.Stored.CreatedAt, u.Running, u.Total))));

        api.MapGet("/{key}/versions/{version:int}", async Task<Results<Ok<WorkflowVersionDetails>, ProblemHttpResult>> (string key, int version, SejahteraDbContext db, CancellationToken ct) =>
        {
            if (await WorkflowVersions.FindAsync(db, key, version, ct) is not { } stored)
            {
                return NotFound(key, version);
            }

            // Deserialize clones the element, so no JsonDocument is left undisposed.
            return TypedResults.Ok(new WorkflowVersionDetails(
                stored.Key, stored.Version, stored.Status, JsonSerializer.Deserialize<JsonElement>(stored.Json), WorkflowVersions.Mermaid(stored)));
        });

        api.MapGet("/{key}/diagram", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string key, int? version, SejahteraDbContext db, CancellationToken ct) =>
            await WorkflowVersions.FindAsync(db, key, version, ct) is { } stored
                ? TypedResults.Text(WorkflowVersions.Mermaid(stored), "text/plain", Encoding.UTF8)
                : NotFound(key, version))
            .Produces<Stream>(StatusCodes.Status200OK, "text/plain");

        api.MapPost("", async Task<Results<Created<WorkflowRef>, ProblemHttpResult>> (HttpRequest request, SejahteraDbContext db, PublishWorkflowDefinition publish, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!request.HasJsonContentType())
            {
                return Refusals.WrongContentType("Kirim definisi workflow sebagai application/json.");
            }

            // The raw text is what gets stored, so it is read as sent rather than bound to a model.
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var json = await reader.ReadToEndAsync(ct);
            var stored = await publish.HandleAsync(db, json, ct);
            return TypedResults.Created($"/api/workflows/{stored.Key}/versions/{stored.Version}", new WorkflowRef(stored.Key, stored.Version));
        }).TakesUpload(["application/json"]).RequirePermission(Permission.AdministerWorkflows);
    }

    private static ProblemHttpResult NotFound(string key, int? version) =>
        Refusals.NotFound("Workflow tidak ditemukan", version is null ? $"Tidak ada workflow {key}." : $"Tidak ada workflow {key} versi {version}.");
}

/// <summary>A stored workflow version and the cases on it: those not yet in a final state, and all.</summary>
internal sealed record WorkflowVersionSummary(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("running")] int Running,
    [property: JsonPropertyName("total")] int Total);

/// <summary>A stored workflow version: its definition as published and its diagram (Mermaid).</summary>
internal sealed record WorkflowVersionDetails(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("definition")] JsonElement Definition,
    [property: JsonPropertyName("mermaid")] string Mermaid);

/// <summary>Stored workflow versions as the API and the pages show them.</summary>
internal static class WorkflowVersions
{
    /// <summary>A stored version and the proposals on it: those not yet in a final state, and all.</summary>
    internal sealed record Usage(WorkflowDefinitionVersion Stored, int Running, int Total);

    public static async Task<IReadOnlyList<Usage>> ListAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var stored = await db.WorkflowDefinitions.AsNoTracking().OrderBy(w => w.Key).ThenBy(w => w.Version).ToListAsync(ct);
        // Which states are final depends on each version's definition, so states are counted in the
        // database and judged here.
        var counts = await db.Proposals.AsNoTracking()
            .GroupBy(p => new { p.WorkflowKey, p.WorkflowVersion, p.State })
            .Select(g => new { g.Key.WorkflowKey, g.Key.WorkflowVersion, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return stored.Select(w =>
        {
            var final = Read(w).States.Where(s => s.Final).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var own = counts.Where(c => c.WorkflowKey == w.Key && c.WorkflowVersion == w.Version).ToList();
            return new Usage(w, own.Where(c => !final.Contains(c.State)).Sum(c => c.Count), own.Sum(c => c.Count));
        }).ToList();
    }

    /// <summary>That version, or the latest one when <paramref name="version"/> is null; null when there is none.</summary>
    public static Task<WorkflowDefinitionVersion?> FindAsync(SejahteraDbContext db, string key, int? version, CancellationToken ct) =>
        db.WorkflowDefinitions.AsNoTracking()
            .Where(w => w.Key == key && (version == null || w.Version == version))
            .OrderByDescending(w => w.Version)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The stored definition read back. It was validated when published; a vocabulary that changed
    /// since may add problems, but the definition itself is still there to show.
    /// </summary>
    public static WorkflowDefinition Read(WorkflowDefinitionVersion stored) =>
        // A published version never changes, so each is parsed once per process (and is at most 256 KB).
        Parsed.GetOrAdd((stored.Key, stored.Version), _ => DefaultWorkflows.ReadStored(stored.Json).Definition
            ?? throw new InvalidOperationException($"Workflow {stored.Key} v{stored.Version} is stored but cannot be read."));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, int Version), WorkflowDefinition> Parsed = new();

    /// <summary>
    /// The labels of every stored version, for pages that show states, triggers and roles of cases. Only
    /// the keys are read each time; a version's JSON is read and parsed the first time it is needed.
    /// </summary>
    public static async Task<CaseLabels> LabelsAsync(SejahteraDbContext db, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.AsNoTracking().Select(w => new { w.Key, w.Version }).ToListAsync(ct);
        var definitions = new Dictionary<(string Key, int Version), WorkflowDefinition>();
        foreach (var v in versions)
        {
            if (!Parsed.TryGetValue((v.Key, v.Version), out var definition))
            {
                var stored = await db.WorkflowDefinitions.AsNoTracking().SingleAsync(w => w.Key == v.Key && w.Version == v.Version, ct);
                definition = Read(stored);
            }

            definitions[(v.Key, v.Version)] = definition;
        }

        return new CaseLabels(definitions);
    }

    public static string Mermaid(WorkflowDefinitionVersion stored) => Mermaid(Read(stored));

    public static string Mermaid(WorkflowDefinition definition) => WorkflowDiagram.Mermaid(definition);
}
