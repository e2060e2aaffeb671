using System.Diagnostics;
using System.Text.Json;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>Runs the built host executable as a separate process, the way an operator runs a CLI verb.</summary>
public sealed class CliRunner(string databaseFile)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout.TrimEnd().Split('\n')[^1]).RootElement;
    }

    public Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the executable with extra environment variables (for example ASPNETCORE_URLS).</summary>
    public Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databaseFile)!,
        };
        info.ArgumentList.Add(Repo.AdminDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Database__Provider"] = "sqlite";
        info.Environment["ConnectionStrings__Sejahtera"] = $"Data Source={databaseFile}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
