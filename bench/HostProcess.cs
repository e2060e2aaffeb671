using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Bench;

/// <summary>
/// The built admin host (<c>Sejahtera.Admin.dll</c> of the same configuration as the bench, which the
/// bench project builds first) as a child process on a free port of 127.0.0.1, in demo mode so the
/// demo accounts exist. The registry is imported before the host starts, so demo mode keeps it and
/// only adds its users and demo proposals. Disposing kills the process; so does the bench exiting.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    public const string DemoUser = "kadis";
    public const string DemoPassword = "Demo#2026";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private readonly Process process;
    private readonly string name;

    private HostProcess(Process process, string name, Uri address)
    {
        this.process = process;
        this.name = name;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>CPU time the host has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<HostProcess> StartAsync(string name, DatabaseSettings settings, string folder)
    {
        var dll = AdminAssembly();
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            // Content root is the working directory: the host reads appsettings.json from its output folder.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.GetLeftPart(UriPartial.Authority));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = settings.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        start.Environment["ConnectionStrings__Sejahtera"] = settings.ConnectionString;
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Demo__Password"] = DemoPassword;
        start.Environment["TMPDIR"] = folder;

        BenchLog.Write($"{name}: starting host {Path.GetFileName(dll)} on {address}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process, name, address);
        Running.Add(host);
        process.OutputDataReceived += (_, e) => host.Echo(e.Data);
        process.ErrorDataReceived += (_, e) => host.Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// A client signed in as a province-wide demo account through the sign-in form, as a browser
    /// would: the antiforgery token from the page, the form posted, the cookie kept.
    /// </summary>
    public async Task<HttpClient> SignInAsync(int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var page = await client.GetStringAsync(new Uri("masuk", UriKind.Relative));
            var token = AntiforgeryToken().Match(page);
            if (!token.Success)
            {
                throw new InvalidOperationException("the sign-in page has no antiforgery token");
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = DemoUser,
                ["Password"] = DemoPassword,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            });
            using var answer = await client.PostAsync(new Uri("masuk", UriKind.Relative), form);
            if (answer.StatusCode != HttpStatusCode.Redirect || handler.CookieContainer.GetCookies(Address)["sejahtera"] is null)
            {
                throw new InvalidOperationException($"sign-in as {DemoUser} failed: {(int)answer.StatusCode} without the session cookie");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Running.Remove(this);
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            BenchLog.Write($"{name}: host did not exit within 30 s of being killed");
        }

        process.Dispose();
        BenchLog.Write($"{name}: host stopped");
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was ready");
            }

            try
            {
                using var answer = await probe.GetAsync(new Uri("health", UriKind.Relative));
                if (answer.IsSuccessStatusCode)
                {
                    BenchLog.Write($"{name}: host ready after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the host was not ready within {StartTimeout.TotalMinutes} minutes");
    }

    private void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.Error.WriteLine($"  host {name}: {line}");
        }
    }

    /// <summary>The admin host built next to the bench: same configuration and target framework.</summary>
    private static string AdminAssembly()
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sejahtera.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Admin", "bin", configuration, "net10.0", "Sejahtera.Admin.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"the admin host is not built; run: dotnet build src/Admin -c {configuration}", dll);
            }
        }

        throw new DirectoryNotFoundException("the repository root (Sejahtera.sln) was not found above the bench's output folder");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Hosts still running, killed if the bench exits or is interrupted before disposing them.</summary>
    private static class Running
    {
        private static readonly Lock Gate = new();
        private static readonly List<HostProcess> Hosts = [];

        static Running()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        public static void Add(HostProcess host)
        {
            lock (Gate)
            {
                Hosts.Add(host);
            }
        }

        public static void Remove(HostProcess host)
        {
            lock (Gate)
            {
                Hosts.Remove(host);
            }
        }

        private static void KillAll()
        {
            lock (Gate)
            {
                foreach (var host in Hosts)
                {
                    host.Kill();
                }
            }
        }
    }
}
