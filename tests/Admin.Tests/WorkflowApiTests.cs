using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Tests;

/// <summary>
/// The tests share one host; the only one that stores a definition publishes kube-proposal v2, so the
/// others ask for version 1 explicitly or use version numbers nobody publishes.
/// </summary>
public sealed class WorkflowApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string KubeJson(int version) =>
        File.ReadAllText(Path.Combine(Repo.Root, "src", "Workflows", "Defaults", "kube-proposal.json"))
            .Replace("\"version\": 1,", $"\"version\": {version},", StringComparison.Ordinal);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/workflows")).RootElement.EnumerateArray().ToList();

    [Fact]
    public async Task The_list_shows_kube_proposal_version_1_with_its_running_and_total_proposals()
    {
        using var client = await app.SignedInAsync("pengamat");
        // Demo mode already has proposals on version 1; count what these four add.
        var before = (await ListAsync(client)).Single(w => w.GetProperty("key").GetString() == "kube-proposal" && w.GetProperty("version").GetInt32() == 1);
        await AddProposalsAsync(("draft", 1), ("desk-verification", 1), ("rejected", 1), ("closed", 1));

        var v1 = (await ListAsync(client)).Single(w => w.GetProperty("key").GetString() == "kube-proposal" && w.GetProperty("version").GetInt32() == 1);

        Assert.Equal("published", v1.GetProperty("status").GetString());
        Assert.True(v1.GetProperty("created_at").TryGetDateTimeOffset(out _));
        Assert.Equal(before.GetProperty("running").GetInt32() + 2, v1.GetProperty("running").GetInt32());
        Assert.Equal(before.GetProperty("total").GetInt32() + 4, v1.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_diagram_of_a_version_or_of_the_latest_is_Mermaid_text_and_an_unknown_workflow_is_a_404_problem()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var v1 = await client.GetAsync("/api/workflows/kube-proposal/diagram?version=1");
        using var latest = await client.GetAsync("/api/workflows/kube-proposal/diagram");
        using var unknown = await client.GetAsync("/api/workflows/tidak-ada/diagram");

        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal("text/plain", v1.Content.Headers.ContentType!.MediaType);
        var text = await v1.Content.ReadAsStringAsync();
        Assert.StartsWith("stateDiagram", text, StringComparison.Ordinal);
        Assert.Contains("desk-verification", text, StringComparison.Ordinal);
        Assert.Contains("[empat mata]", text, StringComparison.Ordinal);
        Assert.StartsWith("stateDiagram", await latest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("tidak-ada", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_is_returned_with_its_stored_definition_and_diagram_and_a_missing_one_is_a_404_problem()
    {
        using var client = await app.SignedInAsync("kadis");

        using var v1 = JsonDocument.Parse(await client.GetStringAsync("/api/workflows/kube-proposal/versions/1"));
        using var missing = await client.GetAsync("/api/workflows/kube-proposal/versions/99");

        var root = v1.RootElement;
        Assert.Equal("kube-proposal", root.GetProperty("key").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("draft", root.GetProperty("definition").GetProperty("initial").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("definition").GetProperty("states").ValueKind);
        Assert.StartsWith("stateDiagram", root.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("versi 99", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_with_a_transition_to_an_unknown_state_is_refused_naming_the_state_and_trigger_and_nothing_is_stored()
    {
        using var admin = await app.SignedInAsync("admin");
        var bad = KubeJson(8).Replace("\"to\": \"field-verification\"", "\"to\": \"field-verificaton\"", StringComparison.Ordinal);

        using var response = await admin.PostAsync("/api/workflows", Json(bad));
        using var stored = await admin.GetAsync("/api/workflows/kube-proposal/versions/8");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Ditolak", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("state 'desk-verification', transisi 'pass'", detail, StringComparison.Ordinal);
        Assert.Contains("field-verificaton", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        Assert.DoesNotContain(await ListAsync(admin), w => w.GetProperty("version").GetInt32() == 8);
    }

    [Fact]
    public async Task Only_an_admin_may_publish_others_get_a_403_problem_and_strangers_a_401()
    {
        using var publisher = await app.SignedInAsync("penerbit");
        using var kadis = await app.SignedInAsync("kadis");
        using var stranger = new HttpClient { BaseAddress = app.BaseAddress };

        using var byPublisher = await publisher.PostAsync("/api/workflows", Json(KubeJson(9)));
        using var byKadis = await kadis.PostAsync("/api/workflows", Json(KubeJson(9)));
        using var byStranger = await stranger.PostAsync("/api/workflows", Json(KubeJson(9)));
        using var stored = await publisher.GetAsync("/api/workflows/kube-proposal/versions/9");

        foreach (var response in new[] { byPublisher, byKadis })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Peran Anda tidak boleh mengelola alur kerja", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task A_definition_not_sent_as_JSON_is_refused_with_a_415_problem()
    {
        using var admin = await app.SignedInAsync("admin");

        using var response = await admin.PostAsync("/api/workflows", new StringContent(KubeJson(10), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_valid_version_2_is_stored_listed_beside_version_1_shown_on_its_page_and_cannot_be_published_twice()
    {
        using var admin = await app.SignedInAsync("admin");

        using var created = await admin.PostAsync("/api/workflows", Json(KubeJson(2)));
        using var again = await admin.PostAsync("/api/workflows", Json(KubeJson(2)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/workflows/kube-proposal/versions/2", created.Headers.Location!.OriginalString);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("kube-proposal", body.GetProperty("key").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        var v2 = JsonDocument.Parse(await admin.GetStringAsync(created.Headers.Location)).RootElement;
        Assert.Equal(2, v2.GetProperty("definition").GetProperty("version").GetInt32());
        var versions = (await ListAsync(admin)).Where(w => w.GetProperty("key").GetString() == "kube-proposal").Select(w => w.GetProperty("version").GetInt32());
        Assert.Equal([1, 2], versions);
        var page = await admin.GetStringAsync("/alur/kube-proposal/2");
        Assert.Contains("versi 2", page, StringComparison.Ordinal);
        Assert.Contains("desk-verification", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("naikkan nomor versinya", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Proposals on kube-proposal v1 in the given states, straight into the database: only their state matters here.</summary>
    private async Task AddProposalsAsync(params (string State, int Count)[] states)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        foreach (var (state, count) in states)
        {
            for (var i = 0; i < count; i++)
            {
                db.Proposals.Add(new Proposal
                {
                    Program = "kube", WorkflowKey = "kube-proposal", WorkflowVersion = 1, State = state,
                    KabupatenCode = "53.07", KecamatanCode = "53.07.01", GroupName = $"KUBE uji {state}", BusinessType = "tenun ikat",
                    MembersJson = "[]", BankAccount = "", AccountHolder = "", ChairName = "", TreasurerName = "", BusinessPlan = "",
                    CreatedBy = "uji", CreatedAt = DateTimeOffset.UtcNow,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
