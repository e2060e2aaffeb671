using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>The README's promise: <c>--urls</c> and <c>ASPNETCORE_URLS</c> choose where the real executable listens.</summary>
public sealed class HostUrlsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));
    private readonly CliRunner host;

    public HostUrlsTests()
    {
        Directory.CreateDirectory(folder);
        host = new CliRunner(Path.Combine(folder, "host.db"));
    }

    [Fact]
    public async Task The_urls_option_sets_the_port_the_executable_listens_on()
    {
        var port = FreePort();

        using var process = host.Start($"--urls=http://127.0.0.1:{port}");

        Assert.Equal("Healthy", await HealthAsync(process, port));
    }

    [Fact]
    public async Task The_ASPNETCORE_URLS_variable_sets_the_port_the_executable_listens_on()
    {
        var port = FreePort();

        using var process = host.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal("Healthy", await HealthAsync(process, port));
    }

    [Fact]
    public async Task A_port_already_taken_ends_the_start_with_one_Indonesian_line_before_the_database_is_touched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var result = await host.RunAsync($"--urls=http://127.0.0.1:{port}");

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal($"Port {port} (http://127.0.0.1:{port}) sudah dipakai program lain; hentikan program itu atau pilih alamat lain dengan --urls atau ASPNETCORE_URLS.", line);
            Assert.DoesNotContain("Exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "host.db")), "start-up work ran: the database was created");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void The_launch_profile_of_dotnet_run_sets_no_address_so_urls_and_ASPNETCORE_URLS_are_honoured()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "src", "Admin", "Properties", "launchSettings.json"));

        Assert.DoesNotContain("applicationUrl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_URLS", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080", File.ReadAllText(Path.Combine(Repo.Root, "src", "Admin", "Startup", "ListenAddresses.cs")), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls /health on the port until the host answers (first start migrates a fresh database), then stops the host.</summary>
    private static async Task<string> HealthAsync(Process process, int port)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        try
        {
            while (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The host exited with {process.ExitCode}: {await stderr}{await stdout}");
                }

                try
                {
                    return await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health"));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            throw new TimeoutException($"Nothing answered on port {port} within two minutes.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
