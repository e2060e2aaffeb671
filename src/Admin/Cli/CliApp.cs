using System.Text.Json;
using System.Text.Json.Serialization;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Screening;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Engine.Files;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// The CLI verbs of the same executable. Each verb prints progress on a terminal (stderr) and ends
/// with one line of JSON on stdout. Exit codes: 0 done, 2 unusable input (reason on stderr), 1 failure.
/// </summary>
internal static class CliApp
{
    /// <summary>Every verb with its usage lines, in the order <c>help</c> lists them.</summary>
    private static readonly (string Verb, string Usage)[] Usages =
    [
        ("db", "db migrate"),
        ("dtks", "dtks generate --households N [--seed S] [--defects RATE] [--period yyyy-mm] --out FILE"),
        ("dtks", "dtks import FILE [--rejects FILE] [--replace]"),
        ("dtks", "dtks stats"),
        ("rules", "rules list"),
        ("rules", "rules test [--program P] [--file RULESET.yaml]"),
        ("rules", "rules eval --program P --subject SUBJECT.json --as-of yyyy-mm-dd"),
        ("rules", "rules replay DECISION_ID | rules replay --screening-result RESULT_ID"),
        ("screen", "screen --period yyyy-mm [--program P|all] --as-of yyyy-mm-dd [--kabupaten 53.07] [--full]"),
        ("screen", "screen quota set --program bansos-sembako|bansos-pbi-jk --kabupaten 53.07 --quota N [--as PENGGUNA]"),
        ("audit", "audit verify"),
        ("workflows", "workflows list | validate BERKAS.json | diagram KUNCI [--version N]"),
        ("panti", "panti import BERKAS.csv [--as PENGGUNA] [--rejects BERKAS]"),
        ("pkh", "pkh import BERKAS.csv [--replace] [--as PENGGUNA] [--rejects BERKAS]"),
        ("pkh", "pkh evaluate --period PERIODE --as-of yyyy-mm-dd"),
        ("indicators", "indicators catalog import BERKAS.yaml"),
        ("indicators", "indicators record BERKAS.csv [--as PENGGUNA]"),
        ("indicators", "indicators compute --month yyyy-MM [--reason ALASAN]"),
        ("indicators", "indicators report --from TAHUN --to TAHUN [--format json|xlsx|csv] [--out BERKAS]"),
        ("worker", "worker   (pekerja latar tanpa halaman web: menjalankan tugas antrean, termasuk bagian penyaringan, pada basis data yang sama)"),
    ];

    private static readonly string[] Verbs = [.. Usages.Select(u => u.Verb).Distinct(), "help"];

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// A first argument that is a word (not an option such as <c>--urls</c>) is a verb: a known one runs, an
    /// unknown one is refused (exit 2) instead of starting the web server. <c>--help</c> alone prints every verb.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    public static async Task<int> RunAsync(string[] args)
    {
        var cli = new CliArgs(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var verb = cli.Word(0);
        if (verb is null or "help")
        {
            return Help(verb is null ? null : cli.Word(1), exitCode: 0);
        }

        if (!Verbs.Contains(verb))
        {
            await Console.Error.WriteLineAsync(
                $"Perintah '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}' tidak dikenal. Perintah yang ada: {string.Join(", ", Verbs)}.");
            return Help(null, exitCode: 2);
        }

        if (cli.Flag("help") || args.Contains("-h"))
        {
            return Help(verb, exitCode: 0);
        }

        try
        {
            var settings = DatabaseSettings.From(Configuration());
            return (verb, cli.Word(1)) switch
            {
                ("db", "migrate") => await DbMigrate.RunAsync(settings, cancel.Token),
                ("dtks", "generate") => DtksGenerate.Run(cli),
                ("dtks", "import") => await DtksImport.RunAsync(cli, settings, cancel.Token),
                ("dtks", "stats") => await DtksStats.RunAsync(settings, cancel.Token),
                ("rules", "list") => await RulesList.RunAsync(settings, cancel.Token),
                ("rules", "test") => await RulesTest.RunAsync(cli, settings, RuleRunBudget.From(Configuration()), cancel.Token),
                ("rules", "eval") => await RulesEval.RunAsync(cli, settings, cancel.Token),
                ("rules", "replay") => await RulesReplay.RunAsync(cli, settings, cancel.Token),
                ("screen", "quota") when cli.Word(2) == "set" => await ScreenQuota.SetAsync(cli, settings, cancel.Token),
                ("screen", _) => await Screen.RunAsync(cli, settings, cancel.Token),
                ("worker", null) => await Worker.RunAsync(cancel.Token),
                ("audit", "verify") => await AuditVerify.RunAsync(settings, cancel.Token),
                ("workflows", "list") => await WorkflowsVerbs.ListAsync(settings, cancel.Token),
                ("workflows", "validate") => await WorkflowsVerbs.ValidateAsync(cli, cancel.Token),
                ("workflows", "diagram") => await WorkflowsVerbs.DiagramAsync(cli, settings, cancel.Token),
                ("panti", "import") => await PantiImport.RunAsync(cli, settings, cancel.Token),
                ("pkh", "import") => await PkhImport.RunAsync(cli, settings, cancel.Token),
                ("pkh", "evaluate") => await PkhEvaluate.RunAsync(cli, settings, cancel.Token),
                ("indicators", "catalog") when cli.Word(2) == "import" => await IndicatorsVerbs.CatalogImportAsync(cli, settings, cancel.Token),
                ("indicators", "record") => await IndicatorsVerbs.RecordAsync(cli, settings, cancel.Token),
                ("indicators", "compute") => await IndicatorsVerbs.ComputeAsync(cli, settings, cancel.Token),
                ("indicators", "report") => await IndicatorsVerbs.ReportAsync(cli, settings, cancel.Token),
                _ => Unknown(verb, cli.Word(1)),
            };
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (Refusals.Classify(e) is { } refusal)
        {
            // The same refusals as the pages and the API: nothing changed, the reason in Indonesian.
            await Console.Error.WriteLineAsync($"{refusal.Title}: {e.Message}");
            Emit(new { error = e.Message, changed = false });
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Dibatalkan; tidak ada yang berubah.");
            return 1;
        }
    }

    public static void Emit(object summary) => Console.WriteLine(JsonSerializer.Serialize(summary, Json));

    /// <summary>Progress on a terminal only: redirected output stays one clean JSON line.</summary>
    public static IProgress<long>? Progress(string label) =>
        Console.IsErrorRedirected ? null : new Progress<long>(n => Console.Error.Write($"\r{label}: {Engine.Indonesian.Number(n)}   "));

    public static void EndProgress()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }

    private static IConfiguration Configuration()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }

    /// <summary>A known verb with a sub-verb it does not have (or none where one is needed): exit 2, naming both and listing the verb's usage.</summary>
    private static int Unknown(string verb, string? sub)
    {
        Console.Error.WriteLine(sub is null
            ? $"Perintah '{verb}' perlu diikuti salah satu dari:"
            : $"Perintah '{verb} {sub}' tidak dikenal. Pemakaian '{verb}':");
        return Help(verb, exitCode: 2, header: false);
    }

    /// <summary>The usage of one verb (<c>VERB --help</c>, <c>help VERB</c>) or of every verb, on stderr.</summary>
    private static int Help(string? verb, int exitCode, bool header = true)
    {
        var lines = Usages.Where(u => verb is null || !Verbs.Contains(verb) || u.Verb == verb).Select(u => "  " + u.Usage);
        if (header)
        {
            Console.Error.WriteLine(verb is null || !Verbs.Contains(verb) ? "Pemakaian (perintah yang ada):" : $"Pemakaian '{verb}':");
        }

        Console.Error.WriteLine(string.Join(Environment.NewLine, lines));
        return exitCode;
    }
}

internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>Positional words and --name value options.</summary>
internal sealed class CliArgs
{
    private readonly List<string> words = [];
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    public CliArgs(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options[args[i][2..]] = hasValue ? args[++i] : null;
            }
            else
            {
                words.Add(args[i]);
            }
        }
    }

    public string? Word(int index) => index < words.Count ? words[index] : null;

    public bool Flag(string name) => options.ContainsKey(name);

    public string? Option(string name) => options.GetValueOrDefault(name);

    public string Required(string name) =>
        Option(name) is { Length: > 0 } value ? value : throw new CliUsageException($"Opsi --{name} wajib diisi.");

    public T Number<T>(string name, T fallback)
        where T : struct, IParsable<T>
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return T.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"Opsi --{name} harus berupa angka (tertulis '{text}').");
    }
}
