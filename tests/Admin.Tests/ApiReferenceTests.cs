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
    public async Task Every_upload_endpoint_describes_its_file_body_with_the_content_types_it_takes_and_no_form()
    {
        using var viewer = await app.SignedInAsync("pengamat");
        using var document = JsonDocument.Parse(await viewer.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var expected = new (string Path, string[] Types)[]
        {
            ("/api/proposals/{id}/documents", ["image/jpeg", "image/png", "application/pdf", "application/octet-stream"]),
            ("/api/pkh/import", ["text/csv"]),
            ("/api/panti/import", ["text/csv"]),
            ("/api/payment-batches/{id}/reconciliation", ["text/csv"]),
            ("/api/indicators/catalog", ["application/yaml", "application/x-yaml", "text/yaml"]),
            ("/api/workflows", ["application/json"]),
        };

        foreach (var (path, types) in expected)
        {
            var body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody");
            var content = body.GetProperty("content");
            Assert.Equal(types.Order(StringComparer.Ordinal), content.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.True(body.TryGetProperty("required", out var required) && required.GetBoolean(), $"{path}: the body is required");
            foreach (var type in content.EnumerateObject())
            {
                var schema = type.Value.GetProperty("schema");
                Assert.Equal(("string", "binary"), (schema.GetProperty("type").GetString(), schema.GetProperty("format").GetString()));
            }
        }

        // Every operation that answers 415 takes a body it describes; none takes a form, which another site could send with the user's cookie.
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (operation.Value.GetProperty("responses").TryGetProperty("415", out _))
                {
                    Assert.True(operation.Value.TryGetProperty("requestBody", out _), $"{name} answers 415 but describes no body");
                }

                if (operation.Value.TryGetProperty("requestBody", out var requestBody))
                {
                    Assert.DoesNotContain(requestBody.GetProperty("content").EnumerateObject(), c => c.Name is "multipart/form-data" or "application/x-www-form-urlencoded");
                }
            }
        }
    }

    [Fact]
    public async Task The_new_lists_are_in_the_OpenAPI_description_with_their_query_parameters()
    {
        using var admin = await app.SignedInAsync("admin");
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        string[] Parameters(string path) => [.. paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];

        Assert.Superset(new HashSet<string> { "page", "page_size", "sort", "period", "started_by", "status" }, Parameters("/api/pkh/evaluations").ToHashSet());
        Assert.Superset(new HashSet<string> { "page", "page_size", "sort", "role", "kabupaten", "q" }, Parameters("/api/users").ToHashSet());
        Assert.Superset(new HashSet<string> { "page", "page_size", "sort", "actor", "action", "subject_type", "from", "to", "q" }, Parameters("/api/audit").ToHashSet());
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

/// <summary>Every operation of the OpenAPI description says what it answers: a schema (or a file type) and its problem responses.</summary>
public sealed class ApiResponseSchemaTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_documents_its_success_schema_or_file_type_and_its_refusals_as_problem_details()
    {
        using var viewer = await app.SignedInAsync("pengamat");
        using var document = JsonDocument.Parse(await viewer.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var missingSchema = new List<string>();
        var missingProblems = new List<string>();
        var operations = 0;

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                operations++;
                var name = $"{method.Name.ToUpperInvariant()} {path.Name}";
                var responses = method.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).ToList();
                if (!success.Any(DescribesItsBody))
                {
                    missingSchema.Add(name);
                }

                foreach (var status in new[] { "400", "403", "404", "409" })
                {
                    if (!responses.TryGetValue(status, out var problem) || !IsProblem(problem))
                    {
                        missingProblems.Add($"{name} {status}");
                    }
                }
            }
        }

        Assert.True(operations > 50, $"only {operations} operations described");
        Assert.Empty(missingSchema);
        Assert.Empty(missingProblems);
    }

    [Fact]
    public async Task A_proposal_in_full_is_described_with_its_snake_case_fields_and_the_exports_with_their_file_types()
    {
        using var viewer = await app.SignedInAsync("pengamat");
        using var document = JsonDocument.Parse(await viewer.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var details = root.GetProperty("paths").GetProperty("/api/proposals/{id}").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = root.GetProperty("components").GetProperty("schemas").GetProperty(details.Split('/')[^1]);
        var fields = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        var export = root.GetProperty("paths").GetProperty("/api/proposals/export").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").EnumerateObject().Select(c => c.Name).ToList();

        Assert.Contains("business_plan", fields);
        Assert.Contains("open_task", fields);
        Assert.Contains("timeline", fields);
        Assert.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export);
        Assert.Contains(export, c => c.StartsWith("text/csv", StringComparison.Ordinal));
    }

    /// <summary>A JSON body with a schema, or a body of another type (a file, text).</summary>
    private static bool DescribesItsBody(JsonElement response) =>
        response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(c => !c.Name.Contains("json", StringComparison.Ordinal)
            || (c.Value.TryGetProperty("schema", out var schema) && schema.EnumerateObject().Any()));

    private static bool IsProblem(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _);
}
