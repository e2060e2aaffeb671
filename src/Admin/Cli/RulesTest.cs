using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `rules test [--program P] [--file F.yaml]`: runs the YAML test cases of the published rule sets,
/// or of one file an admin is editing. Exit 0 when all pass, 1 when a test fails, 2 for a file that
/// does not validate or whose tests run past the time budget (<see cref="RuleRunBudget.Tests"/> per rule set).
/// A file is refused before it is read when it cannot be within the YAML size limit.
/// </summary>
internal static class RulesTest
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, RuleRunBudget budget, CancellationToken ct)
    {
        var compiled = new List<CompiledRuleSet>();
        if (cli.Option("file") is { } file)
        {
            if (!File.Exists(file))
            {
                throw new CliUsageException($"Berkas {file} tidak ditemukan.");
            }

            // UTF-8 takes at most 4 bytes a character: a longer file cannot be within the limit, so it is not read.
            if (new FileInfo(file).Length > 4L * YamlLimits.MaxCharacters)
            {
                return await RefuseAsync(new RuleSetProblem(Path.GetFileName(file), null, new SourcePosition(1, 1),
                    $"YAML ditolak: berkas terlalu besar ({new FileInfo(file).Length} byte); paling banyak {YamlLimits.MaxCharacters} karakter (256 KB)"));
            }

            try
            {
                compiled.Add(RuleSetCompiler.Compile(await File.ReadAllTextAsync(file, ct), Path.GetFileName(file)));
            }
            catch (RuleSetException e)
            {
                return await RefuseAsync([.. e.Problems]);
            }
        }
        else
        {
            await new DatabaseInitializer(settings).InitializeAsync(ct);
            await using var db = settings.CreateContext();
            var catalog = new RuleSetCatalog();
            var program = cli.Option("program");
            var versions = (await RuleSetCatalog.PublishedAsync(db, ct)).Where(v => program is null || v.Program == program).ToList();
            if (versions.Count == 0)
            {
                throw new CliUsageException($"Tidak ada rule set terbit untuk program '{program}'.");
            }

            compiled.AddRange(versions.Select(catalog.Compile));
        }

        var results = new List<RuleTestResult>();
        foreach (var ruleSet in compiled)
        {
            try
            {
                results.AddRange(RuleRunBudget.Run(budget.Tests, TimeProvider.System, $"Uji {ruleSet.Document.Name}", token => RuleSetTests.Run(ruleSet, token), ct));
            }
            catch (RuleLifecycleException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                CliApp.Emit(new { verb = "rules test", error = e.Message, problems = new[] { e.Message } });
                return 2;
            }
        }

        foreach (var r in results.Where(r => !r.Passed))
        {
            await Console.Error.WriteLineAsync($"GAGAL {r.RuleSet} › {r.Name}: {r.Failure}");
        }

        var passed = results.Count(r => r.Passed);
        await Console.Error.WriteLineAsync($"{compiled.Count} rule set, {results.Count} uji: {passed} lulus, {results.Count - passed} gagal");
        CliApp.Emit(new
        {
            verb = "rules test",
            rulesets = compiled.Count,
            tests = results.Count,
            passed,
            failed = results.Count - passed,
            failures = results.Where(r => !r.Passed).Select(r => new { ruleset = r.RuleSet, test = r.Name, reason = r.Failure }),
        });
        return passed == results.Count ? 0 : 1;
    }

    private static async Task<int> RefuseAsync(params RuleSetProblem[] problems)
    {
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync(problem.ToString());
        }

        CliApp.Emit(new { verb = "rules test", error = "rule set tidak sah", problems = problems.Select(p => p.ToString()) });
        return 2;
    }
}
