using System.Globalization;
using System.Text;
using System.Text.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

[Collection(CliTestsCollection.Name)]
public sealed class CliRulesTests : CliFolder
{
    [Fact]
    public async Task Rules_test_runs_every_YAML_test_of_the_seven_default_rule_sets()
    {
        var result = await Cli.RunAsync("rules", "test");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(7, json.GetProperty("rulesets").GetInt32());
        Assert.True(json.GetProperty("tests").GetInt32() >= 60);
        Assert.Equal(json.GetProperty("tests").GetInt32(), json.GetProperty("passed").GetInt32());
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Rules_eval_prints_the_decision_as_JSON_on_the_last_line_and_it_replays()
    {
        var members = string.Join(",", Enumerable.Range(1, 4).Select(i =>
            $$"""{"Nik":"53070115068000{{i:00}}","BirthDate":"1980-06-15","InDtks":true,"Desil":1,"Occupation":{{(i == 4 ? 5 : 1)}},"HeadOrMainEarner":true,"KecamatanCode":"53.07.01","HasKtp":true,"HasKk":true}"""));
        await File.WriteAllTextAsync(PathOf("kube.json"),
            $$"""{"Id":"KUBE-CLI","BusinessType":"tenun","KecamatanCode":"53.07.01","OfficersChosen":true,"HasBankAccount":true,"HasBusinessPlan":true,"HasRecommendation":true,"Members":[{{members}}]}""");

        var result = await Cli.RunAsync("rules", "eval", "--program", "kube", "--subject", PathOf("kube.json"), "--as-of", "2024-05-01");
        var badDate = await Cli.RunAsync("rules", "eval", "--program", "kube", "--subject", PathOf("kube.json"), "--as-of", "1 Mei");

        Assert.Equal(0, result.ExitCode);
        var d = result.Json;
        Assert.Equal("tidak-layak", d.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("amount").ValueKind);
        Assert.Equal("2019.1", d.GetProperty("ruleset_version").GetString());
        Assert.Equal(64, d.GetProperty("ruleset_hash").GetString()!.Length);
        var failed = d.GetProperty("findings").EnumerateArray().Where(f => !f.GetProperty("passed").GetBoolean()).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.GetProperty("because").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("ref").GetString()));
        });
        Assert.Equal(2, badDate.ExitCode);

        var replay = await Cli.RunAsync("rules", "replay", d.GetProperty("decision_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, replay.ExitCode);
        Assert.True(replay.Json.GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task A_rule_set_file_with_a_forbidden_expression_is_refused_naming_rule_set_criterion_line_and_column()
    {
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Rules", "Defaults", "kube.yaml")))
            .Replace("when: 's.Members.All(m => m.InDtks)'", "when: 'System.IO.File.Delete(\"data/sejahtera.db\") == null'", StringComparison.Ordinal);
        Assert.Contains("System.IO.File.Delete", yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(PathOf("jahat.yaml"), yaml);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("System.IO", StringComparison.Ordinal)) + 1;

        var result = await Cli.RunAsync("rules", "test", "--file", PathOf("jahat.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"kube 2019.1 › kriteria anggota-dtks (baris {line}, kolom ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_set_file_whose_test_misspells_failed_is_refused_naming_line_and_column_instead_of_skipping_the_check()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Rules", "Defaults", "kube.yaml"));
        var at = original.IndexOf("failed: [", StringComparison.Ordinal);
        var yaml = original[..at] + "faild: [" + original[(at + "failed: [".Length)..];
        await File.WriteAllTextAsync(PathOf("salah-ketik.yaml"), yaml);
        var line = yaml[..at].Count(c => c == '\n') + 1;
        var column = at - yaml.LastIndexOf('\n', at - 1);

        var result = await Cli.RunAsync("rules", "test", "--file", PathOf("salah-ketik.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"(baris {line}, kolom {column})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("kunci 'faild' tidak dikenal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_set_file_of_50000_nested_brackets_exits_with_code_2_and_the_reason_instead_of_aborting()
    {
        await File.WriteAllTextAsync(PathOf("dalam.yaml"), "program: kube\nversion: \"9\"\ncriteria: " + new string('[', 50_000));

        var result = await Cli.RunAsync("rules", "test", "--file", PathOf("dalam.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dalam.yaml (baris 3, kolom ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("YAML ditolak: daftar atau pemetaan bersarang terlalu dalam: lebih dari 32 tingkat", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("rule set tidak sah", result.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_alias_bomb_file_exits_with_code_2_and_the_reason_within_seconds()
    {
        var bomb = new StringBuilder("bomb:\n  a0: &b0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= 7; i++)
        {
            bomb.Append($"  a{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]\n");
        }

        var kube = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Rules", "Defaults", "kube.yaml"));
        await File.WriteAllTextAsync(PathOf("bom.yaml"), bomb + kube.Replace("given: &ok\n", "given: &ok\n      Bomb: *b7\n", StringComparison.Ordinal));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await Cli.RunAsync("rules", "test", "--file", PathOf("bom.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("YAML ditolak: dokumen terlalu besar setelah alias diuraikan", result.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task A_rule_set_file_whose_tests_run_past_the_time_budget_exits_with_code_2_and_the_reason()
    {
        var nested = "x13.Occupation >= 0";
        for (var i = 13; i >= 0; i--)
        {
            nested = $"s.Members.Count(x{i} => {nested}) >= 0";
        }

        var kube = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Rules", "Defaults", "kube.yaml"));
        await File.WriteAllTextAsync(PathOf("berat.yaml"), kube.Replace("when: 's.Members.All(m => m.InDtks)'", $"when: '{nested}'", StringComparison.Ordinal));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await Cli.RunAsync(new Dictionary<string, string> { ["RuleRuns__TestSeconds"] = "1" }, "rules", "test", "--file", PathOf("berat.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Uji kube 2019.1 dihentikan setelah 1 detik (batas waktu evaluasi draf).", result.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{watch.Elapsed}");
    }
}
