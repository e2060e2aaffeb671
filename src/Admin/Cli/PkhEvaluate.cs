using System.Globalization;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `pkh evaluate --period P --as-of yyyy-mm-dd`: the graduation evaluation of a period, run here
/// rather than as a background job; like the other verbs it acts as <c>cli</c> for whoever operates the server.
/// </summary>
internal static class PkhEvaluate
{
    public const string Actor = "cli";

    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var period = cli.Option("period") ?? throw new CliUsageException("Sebutkan periodenya: pkh evaluate --period 2026 --as-of 2026-03-02");
        var asOfText = cli.Option("as-of") ?? throw new CliUsageException("Sebutkan tanggal evaluasi: --as-of yyyy-mm-dd");
        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            throw new CliUsageException($"Tanggal '{asOfText}' tidak sah; tulis yyyy-mm-dd.");
        }

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var time = TimeProvider.System;
        var catalog = new RuleSetCatalog();
        var cases = new CaseService(new ProposalWorkflow(new EvaluateSubject(catalog, time), catalog, time), time);
        var started = time.GetTimestamp();
        var result = await new EvaluateGraduation(settings, catalog, cases, time).HandleAsync(db, period, asOf, Actor, [WorkflowRoles.Admin], ct);
        CliApp.Emit(new
        {
            verb = "pkh evaluate",
            period,
            as_of = asOf,
            run_id = result.RunId,
            evaluated = result.Evaluated,
            candidates = result.Candidates,
            opened = result.Opened,
            already_open = result.AlreadyOpen,
            seconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 1),
        });
        return 0;
    }
}
