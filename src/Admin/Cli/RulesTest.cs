using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `rules test [--program P] [--file F.yaml]`: runs the YAML test cases of the published rule sets,
/// or of one file an admin is editing. Exit 0 when all pass, 1 when a test fails, 2 for a file that
/// does not validate.
/// </summary>
internal static class RulesTest
{
    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var compiled = new List<CompiledRuleSet>();
        if (cli.Option("file") is { } file)
        {
            if (!File.Exists(file))
            {
                throw new CliUsageException($"Berkas {file} tidak ditemukan.");
            }

            try
            {
                compiled.Add(RuleSetCompiler.Compile(await File.ReadAllTextAsync(file, ct), Path.GetFileName(file)));
            }
            catch (RuleSetException e)
            {
                foreach (var problem in e.Problems)
                {
                    await Console.Error.WriteLineAsync(problem.ToString());
                }

                CliApp.Emit(new { verb = "rules test", error = "rule set tidak sah", problems = e.Problems.Select(p => p.ToString()) });
                return 2;
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

        var results = compiled.SelectMany(RuleSetTests.Run).ToList();
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
}
