using System.Globalization;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `rules replay ID`: re-evaluates a stored decision with its own rule-set version;
/// `rules replay --screening-result ID`: the same for a screening's compact decision, from the
/// registry, with the run's rule-set version and date. Exit 1 when it differs.
/// </summary>
internal static class RulesReplay
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var screening = cli.Option("screening-result");
        if (!long.TryParse(screening ?? cli.Word(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CliUsageException("Sebutkan nomor keputusan: rules replay ID, atau rules replay --screening-result ID");
        }

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var catalog = new RuleSetCatalog();
        var result = screening is null
            ? await new ReplayDecision(catalog).HandleAsync(db, id, RegionScope.All, null, ct) ?? throw new CliUsageException($"Keputusan {id} tidak ditemukan.")
            : await new Engine.Screening.ReplayScreeningDecision(new Engine.Screening.ScreeningDecisions(catalog), catalog).HandleAsync(db, id, RegionScope.All, ct)
                ?? throw new CliUsageException($"Keputusan penyaringan {id} tidak ditemukan.");
        CliApp.Emit(new
        {
            verb = "rules replay",
            decision_id = id,
            identical = result.Identical,
            differences = result.Differences,
            outcome = result.Replayed.Outcome,
            ruleset_version = result.Replayed.RuleSetVersion,
            ruleset_hash = result.Replayed.RuleSetHash,
        });
        return result.Identical ? 0 : 1;
    }
}
