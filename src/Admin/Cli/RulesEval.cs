using System.Globalization;
using System.Text.Json;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>`rules eval --program P --subject FILE.json --as-of YYYY-MM-DD`: one stored, explained decision.</summary>
internal static class RulesEval
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var program = cli.Required("program");
        var subjectFile = cli.Required("subject");
        var asOf = AsOf(cli);
        if (!File.Exists(subjectFile))
        {
            throw new CliUsageException($"Berkas subjek {subjectFile} tidak ditemukan.");
        }

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var decision = await new EvaluateSubject(new RuleSetCatalog(), TimeProvider.System)
            .HandleAsync(db, program, await File.ReadAllTextAsync(subjectFile, ct), asOf, decidedBy: "cli", ct);
        foreach (var f in decision.Findings)
        {
            await Console.Error.WriteLineAsync($"{(f.Passed ? "LULUS " : "GAGAL ")} {f.Title}: {f.Because} [{f.Ref}]");
        }

        await Console.Error.WriteLineAsync($"Keputusan: {decision.Outcome}{(decision.Amount is { } a ? " · " + Engine.Indonesian.Money(a) : "")}");
        if (decision.OutcomeBecause is { } why)
        {
            await Console.Error.WriteLineAsync($"Alasan: {why}");
        }
        Console.WriteLine(JsonSerializer.Serialize(decision, DecisionDocument.Json));
        return 0;
    }

    internal static DateOnly AsOf(CliArgs cli)
    {
        var text = cli.Required("as-of");
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"--as-of harus tanggal berformat yyyy-mm-dd (tertulis '{text}').");
    }
}
