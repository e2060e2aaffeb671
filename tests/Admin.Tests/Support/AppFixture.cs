using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// The real host on Kestrel (a free loopback port) over a fresh SQLite file, in demo mode with a
/// small demo registry, shared by the tests of one class.
/// </summary>
/// <remarks>
/// The demo start-up (migrations, demo accounts, a 3,000-household registry, demo cases and
/// indicators) runs once per test run, in a host started for that alone; each fixture's host starts
/// on a copy of that database, as a demo host restarted on its own file does: its start-up runs in
/// full, finds everything present and adds nothing. Each class still has a database of its own.
/// </remarks>
public sealed partial class AppFixture : WebApplicationFactory<Program>
{
    public const string Password = "Demo#2026";

    private const string DatabaseFile = "app.db";

    private static readonly Lazy<string> Template = new(SeedTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string folder = NewFolder();

    public AppFixture()
        : this(Template.Value)
    {
    }

    private AppFixture(string? template)
    {
        if (template is not null)
        {
            File.Copy(template, Path.Combine(folder, DatabaseFile));
        }

        UseKestrel(0);
        StartServer();
    }

    /// <summary>A demo host started on an empty file; a consistent single-file copy of what its start-up wrote.</summary>
    private static string SeedTemplate()
    {
        var file = Path.Combine(NewFolder(), "template.db");
        using (var seeding = new AppFixture(template: null))
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(seeding.folder, DatabaseFile)};Pooling=False");
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", file);
            vacuum.ExecuteNonQuery();
        }

        return file;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads (or writes) through the host's own database context.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<SejahteraDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<SejahteraDbContext>());
    }

    /// <summary>A run of one kabupaten/kota of the demo period, executed here rather than waiting for the job server.</summary>
    public async Task<long> ScreenAsync(string kabupaten)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var run = await scope.ServiceProvider.GetRequiredService<Sejahtera.Engine.Screening.StartScreening>()
            .HandleAsync(db, new Sejahtera.Engine.Screening.ScreeningRequest("2020-10", Sejahtera.Engine.Screening.StartScreening.All, new DateOnly(2024, 5, 3), kabupaten, "kabid.pfm"));
        await scope.ServiceProvider.GetRequiredService<Sejahtera.Engine.Screening.RunScreening>().HandleAsync(run.Id);
        return run.Id;
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sejahtera", $"Data Source={Path.Combine(folder, DatabaseFile)}");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Households", "3000");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>The id of some household of a kabupaten/kota, straight from the database.</summary>
    public async Task<long> HouseholdInAsync(string kabupatenCode)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        return await db.Households.Where(h => h.KabupatenCode == kabupatenCode).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
    }

    /// <summary>An HTTP client signed in through the real sign-in page.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Client();
        using var response = await SignInAsync(client, userName, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}");
        }

        return client;
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects; with <paramref name="from"/> (a
    /// loopback address such as 127.0.0.2) its connections come from that address, so tests of
    /// per-address limits do not share the address of the other tests.
    /// </summary>
    public HttpClient Client(IPAddress? from = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>One sign-in attempt through the sign-in form, as a browser sends it.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/masuk");
        return await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
        }));
    }

    /// <summary>The anti-forgery token of the first form in a page.</summary>
    public static string AntiforgeryTokenIn(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No anti-forgery token in the page.");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
