using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Cli;

/// <summary>`screen --period YYYY-MM --program P|all --as-of DATE [--kabupaten 53.07] [--full]`: one screening run, inline.</summary>
internal static class Screen
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var request = new ScreeningRequest(
            cli.Required("period"),
            cli.Option("program") ?? StartScreening.All,
            StartScreening.ParseDate(cli.Required("as-of")),
            cli.Option("kabupaten"),
            RequestedBy: "cli",
            RedecideAll: cli.Flag("full"));

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        var progress = new ScreeningProgress();
        long runId;
        await using (var db = settings.CreateContext())
        {
            runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, progress).HandleAsync(db, request, ct)).Id;
        }

        using var ticker = Console.IsErrorRedirected ? null : new Timer(_ =>
        {
            if (progress.Of(runId) is { } p)
            {
                Console.Error.Write($"\rrumah tangga: {Engine.Indonesian.Number(p.Done)} / {Engine.Indonesian.Number(p.Total)}   ");
            }
        }, null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

        var summary = await new RunScreening(settings, new RuleSetCatalog(), progress, ScreeningLiveness.Default, TimeProvider.System).HandleAsync(runId, ct);
        CliApp.EndProgress();
        CliApp.Emit(new
        {
            verb = "screen",
            run_id = summary.RunId,
            period = request.Period,
            as_of = request.AsOf,
            kabupaten = request.KabupatenCode,
            households = summary.Households,
            decisions = summary.Decisions,
            carried = summary.CarriedDecisions,
            seconds = Math.Round(summary.Seconds, 2),
            outcomes = summary.Outcomes,
            amounts = summary.Amounts,
        });
        return 0;
    }
}
