using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Security;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class SecurityHeadersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_favicon_is_served_to_everyone_and_every_page_names_it()
    {
        using var anonymous = app.Client();

        using var ico = await anonymous.GetAsync("/favicon.ico");
        using var svg = await anonymous.GetAsync("/favicon.svg");
        var signIn = await anonymous.GetStringAsync("/masuk");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_and_API_answer_carries_the_security_headers_signed_in_or_not()
    {
        using var anonymous = app.Client();
        using var signedIn = await app.SignedInAsync("verifikator.sikka");
        var answers = new List<HttpResponseMessage>();
        try
        {
            foreach (var path in new[] { "/masuk", "/", "/api/registry", "/css/site.css", "/health", "/tidak-ada" })
            {
                answers.Add(await anonymous.GetAsync(path));
            }

            foreach (var path in new[] { "/", "/aturan", "/usulan", "/alur", "/penyaringan", "/api/registry", "/api/households/999999999", "/api/households?q=1", "/tidak-ada", "/pencairan" })
            {
                answers.Add(await signedIn.GetAsync(path));
            }

            // The answers cover success, redirect, 400, 401, 403/redirect, 404 and static files.
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.BadRequest);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Unauthorized);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NotFound);
            Assert.All(answers, AssertSecurityHeaders);
            Assert.All(answers, a => Assert.False(a.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP"));
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
        }
    }

    [Fact]
    public async Task A_server_error_is_a_plain_Indonesian_answer_with_the_headers_that_echoes_nothing_of_the_request()
    {
        using var client = await app.SignedInAsync("admin");
        client.DefaultRequestHeaders.Add("X-Probe", "rahasia-probe-123");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();

        // A real failure: the registry's table disappears under the running host.
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE registry_summaries RENAME TO summaries_away");
        HttpResponseMessage page, api;
        try
        {
            page = await client.GetAsync("/");
            api = await client.GetAsync("/api/registry");
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE summaries_away RENAME TO registry_summaries");
        }

        using (page)
        using (api)
        {
            var pageBody = await page.Content.ReadAsStringAsync();
            var apiBody = await api.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
            Assert.Contains("Terjadi kesalahan di server", pageBody, StringComparison.Ordinal);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Terjadi kesalahan di server", apiBody, StringComparison.Ordinal);
            foreach (var body in new[] { pageBody, apiBody })
            {
                Assert.DoesNotContain("rahasia-probe-123", body, StringComparison.Ordinal);
                Assert.DoesNotContain("sejahtera=", body, StringComparison.Ordinal);
                Assert.DoesNotContain("summaries_away", body, StringComparison.Ordinal);
                Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
            }

            AssertSecurityHeaders(page);
            AssertSecurityHeaders(api);
        }
    }

    [Fact]
    public async Task Over_HTTPS_at_the_proxy_the_session_cookie_is_Secure_and_HSTS_is_sent()
    {
        using var client = app.Client();
        var form = await client.GetStringAsync("/masuk");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "verifikator.sikka",
                ["Password"] = AppFixture.Password,
                ["__RequestVerificationToken"] = AppFixture.AntiforgeryTokenIn(form),
            }),
        };
        // As the reverse proxy on this machine (loopback) forwards a request that came in over HTTPS.
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sejahtera=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"no CSP on {where}");
        Assert.Equal(WebSecurity.ContentSecurityPolicy, Assert.Single(csp));
        Assert.Equal("nosniff", Assert.Single(Header(response, "X-Content-Type-Options", where)));
        Assert.Equal("DENY", Assert.Single(Header(response, "X-Frame-Options", where)));
        Assert.Equal("no-referrer", Assert.Single(Header(response, "Referrer-Policy", where)));
    }

    private static IEnumerable<string> Header(HttpResponseMessage response, string name, string where) =>
        response.Headers.TryGetValues(name, out var values) ? values : throw new Xunit.Sdk.XunitException($"no {name} on {where}");
}
