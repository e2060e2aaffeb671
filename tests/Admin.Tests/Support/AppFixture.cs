using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// The real host on Kestrel (a free loopback port) over a fresh SQLite file, in demo mode with a
/// small demo registry, shared by the tests of one class.
/// </summary>
public sealed partial class AppFixture : WebApplicationFactory<Program>
{
    public const string Password = "Demo#2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "sejahtera-tests", Guid.NewGuid().ToString("N"));

    public AppFixture()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sejahtera", $"Data Source={Path.Combine(folder, "app.db")}");
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
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        var form = await client.GetStringAsync("/masuk");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}");
        }

        return client;
    }

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
