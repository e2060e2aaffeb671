using System.Net;
using System.Text.Json;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>The OpenAPI description and its reference page; the task badge in the navigation.</summary>
public sealed class ApiReferenceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_OpenAPI_description_lists_the_API_for_signed_in_users_only()
    {
        using var anonymous = app.Client();
        using var viewer = await app.SignedInAsync("pengamat");

        using var refused = await anonymous.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await viewer.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/masuk", new Uri(app.BaseAddress, refused.Headers.Location!).AbsolutePath);
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Sejahtera", root.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("403 bukan peran Anda", root.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/proposals/{id}/transitions", paths);
        Assert.Contains("/api/workflows", paths);
        Assert.Contains("/api/screenings", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reference_page_loads_Swagger_UI_from_this_site_without_inline_script()
    {
        using var viewer = await app.SignedInAsync("pengamat");

        var page = await viewer.GetStringAsync("/referensi-api");
        using var bundle = await viewer.GetAsync("/lib/swagger-ui/swagger-ui-bundle.js");
        using var starter = await viewer.GetAsync("/js/api-reference.js");

        Assert.Contains("data-url=\"/openapi/v1.json\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/lib/swagger-ui/swagger-ui-bundle.js", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>", page);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(HttpStatusCode.OK, starter.StatusCode);
    }

    [Fact]
    public async Task The_navigation_shows_the_users_open_tasks_and_how_many_are_overdue()
    {
        using var verifier = await app.SignedInAsync("verifikator.sikka");
        using var viewer = await app.SignedInAsync("pengamat");

        var tasks = JsonDocument.Parse(await verifier.GetStringAsync("/api/proposals/tasks")).RootElement.EnumerateArray().ToList();
        var page = WebUtility.HtmlDecode(await verifier.GetStringAsync("/usulan"));
        var viewerPage = await viewer.GetStringAsync("/usulan");

        Assert.NotEmpty(tasks);
        var overdue = tasks.Count(t => t.GetProperty("overdue").GetBoolean());
        Assert.Matches($"<span id=\"task-badge\" class=\"badge [^\"]*\" title=\"{tasks.Count} tugas terbuka untuk peran Anda", page);
        var badge = System.Text.RegularExpressions.Regex.Match(page, "<span id=\"task-badge\"[^>]*>(.*?)</span>").Groups[1].Value;
        var text = System.Text.RegularExpressions.Regex.Replace(badge, "<[^>]+>", "").Trim();
        Assert.Equal(overdue > 0 ? $"{tasks.Count} tugas · {overdue} terlambat" : $"{tasks.Count} tugas", text);
        Assert.DoesNotContain("task-badge", viewerPage, StringComparison.Ordinal);
    }
}
